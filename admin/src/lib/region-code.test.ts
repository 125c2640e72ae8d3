import { describe, expect, it } from 'vitest';
import { isWithin, levelOfCode, regionPrefix } from './region-code.ts';

describe('region codes', () => {
  it('knows the level from trailing zeros', () => {
    expect(levelOfCode('370000000000')).toBe('province');
    expect(levelOfCode('370800000000')).toBe('city');
    expect(levelOfCode('370830000000')).toBe('county');
    expect(levelOfCode('370830001000')).toBe('street');
  });

  it('matches descendants by prefix, not siblings', () => {
    expect(regionPrefix('370830000000', 'county')).toBe('370830');
    expect(isWithin('370830001000', '370830000000')).toBe(true);
    expect(isWithin('370811007000', '370830000000')).toBe(false);
    expect(isWithin('370811007000', '370800000000')).toBe(true);
  });
});
