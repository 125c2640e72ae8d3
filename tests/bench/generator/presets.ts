/** Scales the generator knows. `small` runs in tests; `national` is the benchmark's target. */
export interface Preset {
  name: PresetName;
  /** builtin = five real counties of 济南/济宁 with synthetic streets (no download). */
  regions:
    | { kind: 'builtin'; streetsPerCounty: number }
    | { kind: 'dataset'; provinces: string[] | 'all'; synthetic: { citiesPerProvince: number; countiesPerCity: number; streetsPerCounty: number } };
  institutions: number;
  /** Children and enrollments per institution once those tables exist (see generator/extensions.ts). */
  childrenTarget: number;
}

export type PresetName = 'small' | 'medium' | 'national';

export const PRESETS: Record<PresetName, Preset> = {
  small: { name: 'small', regions: { kind: 'builtin', streetsPerCounty: 8 }, institutions: 500, childrenTarget: 4_000 },
  /** One province (山东, ≈136 counties): the size a single province runs on the embedded default. */
  medium: {
    name: 'medium',
    regions: { kind: 'dataset', provinces: ['37'], synthetic: { citiesPerProvince: 16, countiesPerCity: 9, streetsPerCounty: 13 } },
    institutions: 6_000,
    childrenTarget: 50_000,
  },
  national: {
    name: 'national',
    regions: {
      kind: 'dataset',
      provinces: 'all',
      synthetic: { citiesPerProvince: 11, countiesPerCity: 9, streetsPerCounty: 14 },
    },
    institutions: 120_000,
    childrenTarget: 1_000_000,
  },
};

export function isPresetName(value: string): value is PresetName {
  return value in PRESETS;
}
