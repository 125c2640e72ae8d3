import type { RegionLevel } from './labels.ts';

/**
 * 12-digit statistical codes: PP CC DD SSS VVV. Every region below X shares X's significant
 * prefix, which is how lists filter "everything in my region" (`startswith`).
 */
const PREFIX_LENGTH: Record<RegionLevel, number> = { province: 2, city: 4, county: 6, street: 9 };

export function regionPrefix(code: string, level: RegionLevel): string {
  return code.slice(0, PREFIX_LENGTH[level]);
}

/** Level from the code alone (trailing zeros), for rows that carry only a code. */
export function levelOfCode(code: string): RegionLevel {
  if (/^\d{2}0{10}$/.test(code)) return 'province';
  if (/^\d{4}0{8}$/.test(code)) return 'city';
  if (/^\d{6}0{6}$/.test(code)) return 'county';
  return 'street';
}

export function isWithin(code: string, ancestor: string, ancestorLevel: RegionLevel = levelOfCode(ancestor)): boolean {
  return code.startsWith(regionPrefix(ancestor, ancestorLevel));
}
