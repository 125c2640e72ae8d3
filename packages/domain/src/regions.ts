/** 省 / 市 / 县(区) / 街道(乡镇) */
export const REGION_LEVELS = ['province', 'city', 'county', 'street'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export const REGION_LEVEL_LABELS: Record<RegionLevel, string> = {
  province: '省',
  city: '市',
  county: '县（区）',
  street: '街道（乡镇）',
};

/** A 12-digit statistical region code (统计用区划代码). */
export type RegionCode = string;
const REGION_CODE = /^\d{12}$/;

/** Digits of the code that identify a region at each level (2/4/6/9, as datasets ship them). */
const SIGNIFICANT: Record<RegionLevel, number> = { province: 2, city: 4, county: 6, street: 9 };

/**
 * The significant prefix of a region's code ("370830000000", county → "370830"): every region below
 * it shares this prefix, which is how lists filter "everything in my region" (`startswith`).
 */
export function regionPrefix(code: string, level: RegionLevel = regionLevelOf(code)): string {
  return code.slice(0, SIGNIFICANT[level]);
}

/** Pad a 2/4/6/9-digit dataset code to 12 digits: "370830" → "370830000000". */
export function padRegionCode(code: string): RegionCode {
  if (!/^\d{2}(\d{2}(\d{2}(\d{3}(\d{3})?)?)?)?$/.test(code)) throw new Error(`无效的区划代码：${code}`);
  return code.padEnd(12, '0');
}

/** The level of a 12-digit code from its trailing zeros (village level is not used in Tuoyu). */
export function regionLevelOf(code: string): RegionLevel {
  if (!REGION_CODE.test(code)) throw new Error(`区划代码应为12位数字：${code}`);
  if (code.endsWith('0000000000')) return 'province';
  if (code.endsWith('00000000')) return 'city';
  if (code.endsWith('000000')) return 'county';
  if (code.endsWith('000')) return 'street';
  throw new Error(`不支持村级区划代码：${code}`);
}

/** The code of the ancestor at `level` ("370830102000", "city" → "370800000000"). */
export function ancestorCode(code: string, level: RegionLevel): RegionCode {
  const own = regionLevelOf(code);
  if (REGION_LEVELS.indexOf(level) > REGION_LEVELS.indexOf(own)) {
    throw new Error(`${code} 是${REGION_LEVEL_LABELS[own]}级，没有${REGION_LEVEL_LABELS[level]}级上级`);
  }
  return code.slice(0, SIGNIFICANT[level]).padEnd(12, '0');
}

/** The direct parent's code, or null for a province. */
export function parentRegionCode(code: string): RegionCode | null {
  const level = regionLevelOf(code);
  const index = REGION_LEVELS.indexOf(level);
  return index === 0 ? null : ancestorCode(code, REGION_LEVELS[index - 1]!);
}

/** True when `code` is `scope` itself or lies below it. */
export function isWithinRegion(code: string, scope: string): boolean {
  const scopeLevel = regionLevelOf(scope);
  const prefix = scope.slice(0, SIGNIFICANT[scopeLevel]);
  return REGION_CODE.test(code) && code.startsWith(prefix);
}

