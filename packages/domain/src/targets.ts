export const TARGET_METRICS = [
  'slots_per_1000', 'affordable_share', 'streets_with_affordable_share', 'certified_staff_rate', 'health_record_rate', 'annual_new_slots',
] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];

export const TARGET_METRIC_INFO: Record<TargetMetric, { label: string; unit: string }> = {
  slots_per_1000: { label: '千人托位数', unit: '个/千人' },
  affordable_share: { label: '普惠托位占比', unit: '%' },
  streets_with_affordable_share: { label: '有普惠机构的街道（乡镇）占比', unit: '%' },
  certified_staff_rate: { label: '持证上岗率', unit: '%' },
  health_record_rate: { label: '婴幼儿电子健康档案建档率', unit: '%' },
  annual_new_slots: { label: '年度新增托位任务', unit: '个' },
};

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
