import { describe, expect, it } from 'vitest';
import { COMPLAINT_PHOTO_LIMITS, INSPECTION_PHOTO_LIMITS, photoExtension, photoProblem } from './oversight.ts';

describe('photoProblem', () => {
  it('accepts JPG and PNG up to 5 MB', () => {
    expect(photoProblem({ type: 'image/jpeg', size: 1 })).toBeNull();
    expect(photoProblem({ type: 'image/png', size: COMPLAINT_PHOTO_LIMITS.maxBytes }, INSPECTION_PHOTO_LIMITS)).toBeNull();
  });
  it('refuses other types, empty and oversized files with a Chinese reason', () => {
    expect(photoProblem({ type: 'image/gif', size: 10 })).toMatch(/JPG 或 PNG/);
    expect(photoProblem({ type: 'image/jpeg', size: 0 })).toMatch(/空文件/);
    expect(photoProblem({ type: 'image/jpeg', size: COMPLAINT_PHOTO_LIMITS.maxBytes + 1 })).toMatch(/不能超过5MB/);
  });
  it('names the stored extension', () => {
    expect(photoExtension('image/png')).toBe('png');
    expect(photoExtension('image/jpeg')).toBe('jpg');
  });
});
