import { describe, expect, it } from 'vitest';
import { TRACKING_NO, newIdempotencyKey, normalizeTrackingNo, photoMimeType } from './complaint.ts';

describe('complaint helpers', () => {
  it('idempotency keys are v4 UUIDs the database accepts, one per form', () => {
    const a = newIdempotencyKey();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newIdempotencyKey()).not.toBe(a);
  });

  it('tracking numbers are normalised before the format check', () => {
    expect(normalizeTrackingNo(' ts20261204a1b2 c3d4 ')).toBe('TS20261204A1B2C3D4');
    expect(TRACKING_NO.test('TS20261204A1B2C3D4')).toBe(true);
    expect(TRACKING_NO.test('TS2026')).toBe(false);
  });

  it('a photo is JPG or PNG by its reported type, else by its temp path', () => {
    expect(photoMimeType('blob:http://x/1', 'image/png')).toBe('image/png');
    expect(photoMimeType('blob:http://x/1', 'image/gif')).toBeNull();
    expect(photoMimeType('wxfile://tmp_abc.JPG')).toBe('image/jpeg');
    expect(photoMimeType('http://tmp/abc.png')).toBe('image/png');
    expect(photoMimeType('http://tmp/abc.heic')).toBeNull();
  });
});
