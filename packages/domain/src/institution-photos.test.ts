import { describe, expect, it } from 'vitest';
import { INSTITUTION_PHOTO_MAX_BYTES, institutionPhotoPath, institutionPhotoProblem } from './institutions.ts';

describe('institution photos', () => {
  it('accepts JPEG, PNG and WebP up to 2 MB', () => {
    expect(institutionPhotoProblem({ name: 'a.jpg', type: 'image/jpeg', size: 1000 })).toBeNull();
    expect(institutionPhotoProblem({ name: 'a.webp', type: 'image/webp', size: INSTITUTION_PHOTO_MAX_BYTES })).toBeNull();
  });
  it('refuses other types, empty and large files, and a thirteenth photo, in Chinese', () => {
    expect(institutionPhotoProblem({ name: 'a.pdf', type: 'application/pdf', size: 1000 })).toContain('文件类型不支持');
    expect(institutionPhotoProblem({ name: 'a.jpg', type: 'image/jpeg', size: 0 })).toContain('文件是空的');
    expect(institutionPhotoProblem({ name: 'a.jpg', type: 'image/jpeg', size: INSTITUTION_PHOTO_MAX_BYTES + 1 })).toContain('不能超过 2 MB');
    expect(institutionPhotoProblem({ name: 'a.jpg', type: 'image/jpeg', size: 1000 }, 12)).toContain('最多上传 12 张');
  });
  it('stores a photo in the institution’s folder', () => {
    expect(institutionPhotoPath('10000000-0000-4000-8000-000000000001', 'image/png', 'x1')).toBe('10000000-0000-4000-8000-000000000001/x1.png');
  });
});
