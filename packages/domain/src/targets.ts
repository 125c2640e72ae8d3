import { z } from 'zod';

export const TARGET_METRICS = [
  'slots_per_1000', 'affordable_share', 'streets_with_affordable_share', 'certified_staff_rate', 'health_record_rate', 'annual_new_slots',
  'affordable_institutions',
] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];

export const TARGET_METRIC_INFO: Record<TargetMetric, { label: string; unit: string }> = {
  slots_per_1000: { label: '千人托位数', unit: '个/千人' },
  affordable_share: { label: '普惠托位占比', unit: '%' },
  streets_with_affordable_share: { label: '有普惠机构的街道（乡镇）占比', unit: '%' },
  certified_staff_rate: { label: '持证上岗率', unit: '%' },
  health_record_rate: { label: '婴幼儿电子健康档案建档率', unit: '%' },
  annual_new_slots: { label: '年度新增托位任务', unit: '个' },
  affordable_institutions: { label: '普惠托育机构数', unit: '个' },
};

/** Why a row of institution_history was written (enum history_cause). */
export const HISTORY_CAUSE_LABELS = {
  backfill: '历史补录',
  filing_approved: '备案通过',
  filing_change: '变更备案',
  status_change: '暂停/恢复/注销/撤销',
  affordable_designation: '普惠认定',
  class_change: '班级托位变化',
} as const;
export type HistoryCause = keyof typeof HISTORY_CAUSE_LABELS;

/** Where the utilization figure comes from (region_indicators.utilization_source). */
export const UTILIZATION_SOURCE_TEXT: Record<'placements' | 'declared', string> = {
  placements: '按在托记录',
  declared: '按机构申报的在托人数（尚无在托记录）',
};

/** What a figure drills down to in the statistics screen. */
export type IndicatorDrill = 'institutions' | 'affordable_institutions' | 'classes' | 'staff' | 'streets' | 'history';

/**
 * The indicators of public.region_indicators() as the UI shows them: the number's column, its target
 * and met columns, and the formula (the same words as the function's `comment on`, which is the
 * authority; README: admin/src/routes/statistics/README.md). `public` figures answer anyone; the
 * others only admins whose scope covers the region.
 */
export interface IndicatorInfo {
  key: string;
  label: string;
  unit: string;
  formula: string;
  target?: string;
  met?: string;
  public: boolean;
  drill?: IndicatorDrill;
  /** Computed on the registry timeline at 31 December of the year (else: the current state). */
  yearly: boolean;
}

export const INDICATORS: IndicatorInfo[] = [
  { key: 'institutions', label: '已备案机构数', unit: '个', formula: '年末（12月31日）状态为已备案的机构数', public: true, drill: 'institutions', yearly: true },
  { key: 'affordable_institutions', label: '普惠托育机构数', unit: '个', formula: '年末已备案且经县级卫健部门认定为普惠的机构数',
    target: 'affordable_institutions_target', met: 'affordable_institutions_met', public: true, drill: 'affordable_institutions', yearly: true },
  { key: 'slots', label: '托位数', unit: '个', formula: '年末已备案机构的班级托位（班额）之和', public: true, drill: 'classes', yearly: true },
  { key: 'slots_per_1000', label: '千人托位数', unit: '个/千人', formula: '托位数 ÷ 常住人口 × 1000',
    target: 'slots_per_1000_target', met: 'slots_per_1000_met', public: true, drill: 'classes', yearly: true },
  { key: 'affordable_share', label: '普惠托位占比', unit: '%', formula: '普惠机构托位数 ÷ 托位数 × 100%',
    target: 'affordable_share_target', met: 'affordable_share_met', public: true, drill: 'affordable_institutions', yearly: true },
  { key: 'new_slots', label: '新增托位', unit: '个', formula: '年末托位数 − 上年末托位数（净增）', target: 'annual_task', met: 'task_met', public: true, drill: 'history', yearly: true },
  { key: 'task_completion', label: '年度托位任务完成率', unit: '%', formula: '新增托位 ÷ 年度新增托位任务 × 100%（达标：≥100%）', met: 'task_met', public: true, drill: 'history', yearly: true },
  { key: 'street_coverage', label: '街道（乡镇）普惠覆盖率', unit: '%', formula: '至少有1个已备案普惠机构的街道（乡镇）数 ÷ 街道（乡镇）数 × 100%',
    target: 'street_coverage_target', met: 'street_coverage_met', public: true, drill: 'streets', yearly: true },
  { key: 'service_circle_coverage', label: '15分钟托育服务圈覆盖率', unit: '%', formula: '1公里（步行约15分钟）内有已备案机构的居民点 ÷ 居民点 × 100%（现状）',
    public: true, yearly: false },
  { key: 'certified_staff_rate', label: '持证上岗率', unit: '%', formula: '持有效（未过期）保育师/育婴员/幼儿园教师资格证的保育人员和育婴教师 ÷ 保育人员和育婴教师 × 100%（现状）',
    target: 'certified_staff_rate_target', met: 'certified_staff_rate_met', public: false, drill: 'staff', yearly: false },
  { key: 'utilization_rate', label: '托位使用率', unit: '%', formula: '在托儿童 ÷ 托位数 × 100%；尚无在托记录时用机构申报的在托人数（现状）', public: false, drill: 'classes', yearly: false },
  { key: 'health_record_rate', label: '婴幼儿电子健康档案建档率', unit: '%', formula: '已建电子健康档案的在托儿童 ÷ 在托儿童 × 100%（现状）',
    target: 'health_record_rate_target', met: 'health_record_rate_met', public: false, yearly: false },
];

/** 千人托位数 = slots ÷ resident population × 1000, rounded to 2 decimals. */
export function slotsPer1000(slots: number, residentPopulation: number): number | null {
  if (residentPopulation <= 0) return null;
  return Math.round((slots / residentPopulation) * 1000 * 100) / 100;
}

/** A percentage with 2 decimals (e.g. completion of the annual slot task). */
export function percent(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part / whole) * 10000) / 100;
}

/**
 * 托位缺口 (gap planner): slots a region lacks to reach its slots-per-1,000 target =
 * ⌈target × population ÷ 1000⌉ − slots, at least 0; null without population or target.
 */
export function slotGap(slots: number, population: number | null, targetPer1000: number | null): number | null {
  if (population === null || population <= 0 || targetPer1000 === null) return null;
  return Math.max(0, Math.ceil((targetPer1000 * population) / 1000 - 1e-9) - slots);
}

/**
 * How a target's value is checked — the region_targets check constraints (value ≥ 0; shares
 * 0–100; counts whole) for the form, with the Chinese messages.
 */
export const TARGET_METRIC_KIND: Record<TargetMetric, 'share' | 'ratio' | 'count'> = {
  slots_per_1000: 'ratio',
  affordable_share: 'share',
  streets_with_affordable_share: 'share',
  certified_staff_rate: 'share',
  health_record_rate: 'share',
  annual_new_slots: 'count',
  affordable_institutions: 'count',
};

export function targetValueSchema(metric: TargetMetric) {
  const label = TARGET_METRIC_INFO[metric].label;
  const base = z.number({ message: `请填写${label}目标值` }).min(0, `${label}目标不能为负数`);
  switch (TARGET_METRIC_KIND[metric]) {
    case 'share': return base.max(100, `${label}是百分比，目标须在0–100之间`);
    case 'count': return base.int(`${label}以“个”计，目标须为整数`);
    case 'ratio': return base;
  }
}

/** The population form, as the region_populations checks (non-negative, under-3 ≤ resident, a source). */
export const populationFields = z.object({
  resident_population: z.number({ message: '请填写常住人口' }).int('常住人口须为整数').min(0, '常住人口不能为负数'),
  under3_population: z.number().int('3岁以下婴幼儿数须为整数').min(0, '3岁以下婴幼儿数不能为负数').nullable().optional(),
  source: z.string({ message: '请填写数据来源' }).trim().min(1, '请填写数据来源（如 统计公报）').max(200, '数据来源最多200字'),
});
export const populationSchema = populationFields.refine((p) => p.under3_population === null || p.under3_population === undefined || p.under3_population <= p.resident_population, {
  message: '3岁以下婴幼儿数不能超过常住人口',
  path: ['under3_population'],
});

/** The region_targets / region_populations check constraints in words (errorMessage shows them). */
export const TARGET_CHECK_MESSAGES: Record<string, string> = {
  region_targets_value_check: '目标值不能为负数',
  region_targets_percent_check: '百分比目标须在0–100之间',
  region_targets_count_check: '年度新增托位任务和普惠托育机构数以“个”计，目标须为整数',
  region_targets_note_check: '备注最多500字',
  region_populations_resident_population_check: '常住人口不能为负数',
  region_populations_under3_population_check: '3岁以下婴幼儿数不能为负数',
  region_populations_under3_check: '3岁以下婴幼儿数不能超过常住人口',
  region_populations_source_check: '请填写数据来源（最多200字）',
};
