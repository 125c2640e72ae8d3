import { describe, expect, it } from 'vitest';
import { ancestorCode, isWithinRegion, padRegionCode, parentRegionCode, regionLevelOf, regionPrefix } from './regions.ts';

describe('region codes', () => {
  it('pads dataset codes to 12 digits', () => {
    expect(padRegionCode('37')).toBe('370000000000');
    expect(padRegionCode('3708')).toBe('370800000000');
    expect(padRegionCode('370830')).toBe('370830000000');
    expect(padRegionCode('370830102')).toBe('370830102000');
    expect(() => padRegionCode('3708301')).toThrow('无效的区划代码');
  });
  it('derives level, parent and ancestors', () => {
    expect(regionLevelOf('370000000000')).toBe('province');
    expect(regionLevelOf('370800000000')).toBe('city');
    expect(regionLevelOf('370830000000')).toBe('county');
    expect(regionLevelOf('370830001000')).toBe('street');
    expect(parentRegionCode('370830001000')).toBe('370830000000');
    expect(parentRegionCode('370000000000')).toBeNull();
    expect(ancestorCode('500103003000', 'city')).toBe('500100000000');
    expect(() => ancestorCode('370800000000', 'county')).toThrow('没有');
  });
  it('tells whether a region lies within a scope', () => {
    expect(isWithinRegion('370830001000', '370800000000')).toBe(true);
    expect(isWithinRegion('370811008000', '370830000000')).toBe(false);
    expect(isWithinRegion('370102004000', '370800000000')).toBe(false);
    expect(isWithinRegion('370830000000', '370830000000')).toBe(true);
  });
});

describe('region prefixes', () => {
  it('matches descendants by prefix, not siblings', () => {
    expect(regionPrefix('370830000000', 'county')).toBe('370830');
    expect(regionPrefix('370800000000')).toBe('3708');
    expect(isWithinRegion('370830001000', '370830000000')).toBe(true);
    expect(isWithinRegion('370811007000', '370830000000')).toBe(false);
    expect(isWithinRegion('370811007000', '370800000000')).toBe(true);
  });
});
