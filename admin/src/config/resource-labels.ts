/** Chinese names of the admin's resources (resource name = table name). */
export const RESOURCE_LABELS: Record<string, string> = {
  regions: '行政区划',
  institutions: '托育机构',
  'filing-reviews': '备案审核',
  registry: '备案登记册',
  overview: '备案总览',
  'my-institution': '本机构信息',
  filings: '备案办理',
  events: '宣传月活动',
  'campaign-report': '宣传月统计',
  policies: '托育政策',
  complaints: '投诉处理',
  enrollment: '入托管理',
  // issue 15 §5–§6
  subsidies: '托育补贴',
  'staff-registry': '从业人员登记',
};
