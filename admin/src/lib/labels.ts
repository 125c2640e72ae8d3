/** Chinese labels for enum values shown in the admin (identifiers from shared/domain.md). */

export type RegionLevel = 'province' | 'city' | 'county' | 'street';

export const REGION_LEVEL_LABELS: Record<RegionLevel, string> = {
  province: '省',
  city: '市',
  county: '县区',
  street: '街道',
};

export const REGION_LEVELS: RegionLevel[] = ['province', 'city', 'county', 'street'];

export const STAFF_ROLE_LABELS = {
  province_admin: '省级管理员',
  city_admin: '市级管理员',
  county_admin: '县级管理员',
  inspector: '检查人员',
  community_worker: '社区工作者',
} as const;

export type StaffRole = keyof typeof STAFF_ROLE_LABELS;

export const STAFF_ROLES = Object.keys(STAFF_ROLE_LABELS) as StaffRole[];

export const OPERATOR_LABEL = '机构经办人';
export const FAMILY_LABEL = '普通用户';

/** Label for a value of a labelled enum; unknown values are shown as they are (never hidden). */
export function labelOf<T extends string>(labels: Record<T, string>, value: unknown): string {
  if (typeof value !== 'string' || value === '') return '—';
  return (labels as Record<string, string>)[value] ?? value;
}

export function options<T extends string>(labels: Record<T, string>): { label: string; value: T }[] {
  return (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }));
}

/** 机构类型 (institution type); home_based = 家庭托育点. */
export const INSTITUTION_TYPE_LABELS: Record<string, string> = {
  center: '托育机构',
  home_based: '家庭托育点',
};

/** 举办性质 (ownership). */
export const OWNERSHIP_LABELS: Record<string, string> = {
  public: '公办',
  public_private_run: '公建民营',
  private_public_aided: '民办公助',
  private: '民办',
  soe_run: '国企领办',
};

/** 运营模式 (operating model). */
export const OPERATING_MODEL_LABELS: Record<string, string> = {
  standalone: '独立设置',
  community: '社区嵌入式',
  employer: '用人单位办托',
  kindergarten_class: '幼儿园托班',
  medical: '医疗机构办托',
  service_center: '综合服务中心',
};

/** 机构状态 (institution status). */
export const INSTITUTION_STATUS_LABELS: Record<string, string> = {
  draft: '未备案',
  filed: '已备案',
  suspended: '暂停运营',
  cancelled: '已注销',
};

/** 服务类型 (services). */
export const SERVICE_LABELS: Record<string, string> = {
  full_day: '全日托',
  half_day: '半日托',
  hourly: '计时托',
  temporary: '临时托',
};
