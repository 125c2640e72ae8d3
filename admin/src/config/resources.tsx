import {
  AccountBookOutlined,
  AlertOutlined,
  IdcardOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BookOutlined,
  EnvironmentOutlined,
  FileProtectOutlined,
  ShopOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ResourceProps } from '@refinedev/core';
import { RESOURCE_LABELS } from './resource-labels.ts';

/** Menu and route map of the admin; access control decides which entries a person sees. */
export const resources: ResourceProps[] = [
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
  {
    name: 'institutions',
    list: '/institutions',
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
  {
    name: 'policies',
    list: '/policies',
    meta: { label: RESOURCE_LABELS['policies'], icon: <BookOutlined /> },
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
];

/** Where "/" and a successful sign-in lead. */
export const HOME_RESOURCE = 'regions';
