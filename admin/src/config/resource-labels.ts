/** Chinese names of the admin's resources (resource name = table name). */
export const RESOURCE_LABELS: Record<string, string> = {
  workbench: '工作台',
  regions: '行政区划',
  institutions: '托育机构',
  'filing-reviews': '备案审核',
  registry: '备案登记册',
  overview: '备案总览',
  statistics: '指标统计',
  'gap-plan': '缺口规划',
  'my-institution': '本机构信息',
  filings: '备案办理',
  events: '宣传月活动',
  'campaign-report': '宣传月统计',
  policies: '托育政策',
  complaints: '投诉处理',
  enrollment: '入托管理',
  'inspection-plans': '检查计划',
  inspections: '监督检查',
  rectifications: '整改',
  'inspection-checklist': '检查清单',
  // accounts (issue 13 §1)
  invitations: '账号邀请',
  members: '机构账号',
  'staff-scopes': '账号与权限',
  'audit-log': '审计日志',
  reviews: '评价管理',
  'enrollment-stats': '入托统计',
  content: '宣传与育儿内容',
  consultations: '专家咨询',
  // issue 15 §5–§6
  subsidies: '托育补贴',
  'staff-registry': '从业人员登记',
  // issue 15: population and targets, bulletins
  'region-targets': '人口与目标',
  bulletins: '通报',
  // issue 15 §5
  'subsidy-rules': '补贴标准',
};
