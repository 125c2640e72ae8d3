import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID, devOpenid } from './server.ts';

describe('devOpenid', () => {
  it('gives the openids the demo seed links to 张女士 and 李先生 (supabase/seeds/30_families.sql)', () => {
    expect(devOpenid(DEFAULT_APP_ID, 'zhang')).toBe('oQlLH6UsJ_Ch8IxRc_DQiiMbP1Kc');
    expect(devOpenid(DEFAULT_APP_ID, 'li')).toBe('ooTtt-rz_fIGDkKWE_J9emsdOg4u');
  });
});
