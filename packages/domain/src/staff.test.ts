import { describe, expect, it } from 'vitest';
import { healthCertificateState } from './staff.ts';

describe('health certificates', () => {
  it('flags expired and expiring (≤ 30 days) certificates', () => {
    expect(healthCertificateState('2026-01-01', '2026-01-02')).toBe('expired');
    expect(healthCertificateState('2026-01-31', '2026-01-02')).toBe('expiring');
    expect(healthCertificateState('2026-06-30', '2026-01-02')).toBe('valid');
    expect(healthCertificateState(null, '2026-01-02')).toBe('missing');
  });
});
