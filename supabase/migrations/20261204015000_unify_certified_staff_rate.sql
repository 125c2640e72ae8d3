-- =============================================================================================
-- 持证上岗率 Certified-staff rate: one formula, one home
--   The staff registry's public.staff_certification_rates(region_code, on_date) is the formula
--   (care staff = role carer or teacher; certified = holding a 保育师 / 育婴员 / 幼儿园教师资格
--   certificate not expired on the date; per filed institution) and public.certified_staff_rate
--   sums it for a region. region_indicators_at() (the one body of region_indicators, since
--   …014000) used to count the same staff with its own query (which also counted expired
--   certificates); it now calls public.certified_staff_rate(region, today) and shows the rate as a
--   percentage: round(rate × 100, 2) — the same number as round(certified × 100 ÷ care staff, 2).
--   Nothing else in the indicators changes.
--   (The new staff block sits in region_indicators_at of …014000, written together with this
--   change; this migration records the formula's words on region_indicators.)

comment on function public.region_indicators(text, integer, boolean) is
'区划年度指标（sub_regions = true 时返回每个下级区划一行）。公开指标（任何人可读）：人口、机构数、普惠机构数、托位数、千人托位数 = 托位 ÷ 常住人口 × 1000、普惠托位占比 = 普惠机构托位 ÷ 托位、新增托位 = 年末托位 − 上年末托位、任务完成率 = 新增托位 ÷ 年度任务、街道覆盖率 = 有已备案普惠机构的街道 ÷ 街道数、15分钟服务圈覆盖率 = 1公里内有已备案机构的居民点 ÷ 居民点；仅管辖该区划的省/市/县管理员可读（其他人为空）：持证上岗率 = 持有效（未过期）保育师/育婴员/幼儿园教师资格证的保育人员和育婴教师 ÷ 保育人员和育婴教师（与 certified_staff_rate() 同一公式）、托位使用率 = 在托儿童（无在托记录时为申报在托人数，见 utilization_source）÷ 托位、电子健康档案建档率 = 已建档在托儿童 ÷ 在托儿童。分母为0或缺数据时为空。托位类指标按该年12月31日的登记时间线（institution_history）计算，人员、在托、档案和服务圈按今天的现状。目标见 private.target_for，*_met = 指标 ≥ 目标。';
