import {
  AccountBookOutlined,
  AimOutlined,
  FlagOutlined,
  AlertOutlined,
  IdcardOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BookOutlined,
  EnvironmentOutlined,
  FileProtectOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  HomeOutlined,
  ReadOutlined,
  ShopOutlined,
  StarOutlined,
  TeamOutlined,
  ToolOutlined,
  HistoryOutlined,
  MailOutlined,
  UserOutlined,
  UnorderedListOutlined,
  NotificationOutlined,
} from '@ant-design/icons';
import type { ResourceProps } from '@refinedev/core';
import { RESOURCE_LABELS } from './resource-labels.ts';

/** Menu and route map of the admin; access control decides which entries a person sees. */
export const resources: ResourceProps[] = [
  // 工作台 (issue 16): every role's home, with what waits
  {
    name: 'workbench',
    list: '/workbench',
    meta: { label: RESOURCE_LABELS['workbench'], icon: <HomeOutlined /> },
  },
  // Operator (机构经办人): own institution and its filings
  {
    name: 'my-institution',
    list: '/my-institution',
    show: '/my-institution/:id',
    meta: { label: RESOURCE_LABELS['my-institution'], icon: <ShopOutlined /> },
  },
  {
    name: 'filings',
    list: '/filings',
    create: '/filings/new',
    show: '/filings/:id',
    edit: '/filings/:id/edit',
    meta: { label: RESOURCE_LABELS['filings'], icon: <FileProtectOutlined /> },
  },
  {
    name: 'enrollment',
    list: '/enrollment',
    meta: { label: RESOURCE_LABELS['enrollment'], icon: <TeamOutlined /> },
  },
  // 评价管理 (issue 12): operators reply, county admins and above moderate; 入托统计: counts only
  {
    name: 'reviews',
    list: '/reviews',
    meta: { label: RESOURCE_LABELS['reviews'], icon: <StarOutlined /> },
  },
  {
    name: 'enrollment-stats',
    list: '/enrollment-stats',
    meta: { label: RESOURCE_LABELS['enrollment-stats'], icon: <BarChartOutlined /> },
  },
  {
    name: 'institutions',
    list: '/institutions',
    create: '/institutions/new',
    show: '/institutions/:id',
    meta: { label: RESOURCE_LABELS['institutions'], icon: <BankOutlined /> },
  },
  {
    name: 'filing-reviews',
    list: '/filing-reviews',
    show: '/filing-reviews/:id',
    meta: { label: RESOURCE_LABELS['filing-reviews'], icon: <AuditOutlined /> },
  },
  {
    name: 'registry',
    list: '/registry',
    show: '/registry/:id',
    meta: { label: RESOURCE_LABELS['registry'], icon: <BookOutlined /> },
  },
  {
    name: 'overview',
    list: '/overview',
    meta: { label: RESOURCE_LABELS['overview'], icon: <BarChartOutlined /> },
  },
  {
    name: 'statistics',
    list: '/statistics',
    meta: { label: RESOURCE_LABELS['statistics'], icon: <BarChartOutlined /> },
  },
  {
    name: 'gap-plan',
    list: '/gap-plan',
    meta: { label: RESOURCE_LABELS['gap-plan'], icon: <AimOutlined /> },
  },
  {
    name: 'events',
    list: '/events',
    meta: { label: RESOURCE_LABELS['events'], icon: <AuditOutlined /> },
  },
  {
    name: 'campaign-report',
    list: '/campaign-report',
    meta: { label: RESOURCE_LABELS['campaign-report'], icon: <BarChartOutlined /> },
  },
  {
    name: 'complaints',
    list: '/complaints',
    show: '/complaints/:id',
    meta: { label: RESOURCE_LABELS['complaints'], icon: <AlertOutlined /> },
  },
  // 监督检查 (issue 13 §4)
  {
    name: 'inspection-plans',
    list: '/inspection-plans',
    show: '/inspection-plans/:id',
    meta: { label: RESOURCE_LABELS['inspection-plans'], icon: <ScheduleOutlined /> },
  },
  {
    name: 'inspections',
    list: '/inspections',
    show: '/inspections/:id',
    meta: { label: RESOURCE_LABELS['inspections'], icon: <SafetyCertificateOutlined /> },
  },
  {
    name: 'rectifications',
    list: '/rectifications',
    meta: { label: RESOURCE_LABELS['rectifications'], icon: <ToolOutlined /> },
  },
  // 检查清单 (issue 13 §4): the effective checklist of a region; admins add, override, disable, restore
  {
    name: 'inspection-checklist',
    list: '/inspection-checklist',
    meta: { label: RESOURCE_LABELS['inspection-checklist'], icon: <UnorderedListOutlined /> },
  },
  {
    name: 'policies',
    list: '/policies',
    meta: { label: RESOURCE_LABELS['policies'], icon: <BookOutlined /> },
  },
  // Accounts (issue 13 §1)
  {
    name: 'members',
    list: '/members',
    meta: { label: RESOURCE_LABELS['members'], icon: <UserOutlined /> },
  },
  {
    name: 'invitations',
    list: '/invitations',
    meta: { label: RESOURCE_LABELS['invitations'], icon: <MailOutlined /> },
  },
  {
    name: 'staff-scopes',
    list: '/staff-scopes',
    meta: { label: RESOURCE_LABELS['staff-scopes'], icon: <SafetyCertificateOutlined /> },
  },
  {
    name: 'audit-log',
    list: '/audit-log',
    meta: { label: RESOURCE_LABELS['audit-log'], icon: <HistoryOutlined /> },
  },
  {
    name: 'content',
    list: '/content',
    meta: { label: RESOURCE_LABELS['content'], icon: <ReadOutlined /> },
  },
  {
    name: 'consultations',
    list: '/consultations',
    meta: { label: RESOURCE_LABELS['consultations'], icon: <ScheduleOutlined /> },
  },
  {
    name: 'regions',
    list: '/regions',
    meta: { label: RESOURCE_LABELS['regions'], icon: <EnvironmentOutlined /> },
  },
  // issue 15 §5–§6: subsidies (operators apply, counties review, cities see totals); staff registry
  {
    name: 'subsidies',
    list: '/subsidies',
    meta: { label: RESOURCE_LABELS['subsidies'], icon: <AccountBookOutlined /> },
  },
  {
    name: 'staff-registry',
    list: '/staff-registry',
    meta: { label: RESOURCE_LABELS['staff-registry'], icon: <IdcardOutlined /> },
  },
  // issue 15: population and targets (the region and the levels above edit), bulletins (city/province)
  {
    name: 'region-targets',
    list: '/region-targets',
    meta: { label: RESOURCE_LABELS['region-targets'], icon: <FlagOutlined /> },
  },
  {
    name: 'bulletins',
    list: '/bulletins',
    meta: { label: RESOURCE_LABELS['bulletins'], icon: <NotificationOutlined /> },
  },
  // issue 15 §5: 补贴标准 (province, city and county admins)
  {
    name: 'subsidy-rules',
    list: '/subsidy-rules',
    meta: { label: RESOURCE_LABELS['subsidy-rules'], icon: <AccountBookOutlined /> },
  },
];

/** Where "/" and a successful sign-in lead. */
export const HOME_RESOURCE = 'regions';
