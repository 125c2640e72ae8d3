import { List } from '@refinedev/antd';
import { usePermissions } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import {
  CERTIFICATE_STATE_LABELS,
  CERTIFICATE_TYPE_LABELS,
  CERTIFIED_STAFF_RATE_FORMULA,
  chinaToday,
  healthCertificateState,
  INSTITUTION_STAFF_ROLE_LABELS,
  labelOf,
  type CertificateState,
} from '@tuoyu/domain';
import { Alert, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { EmptyState, QueryError } from '../../components/common/query-states.tsx';
import type { Permissions } from '../../lib/permissions.ts';
import { fetchDuplicates, fetchMaskedIds, fetchRates, fetchStaff, type DuplicateRow, type RateRow, type RegistryStaffRow } from './queries.ts';

const STATE_COLORS: Record<CertificateState, string> = { missing: 'default', expired: 'red', expiring: 'orange', valid: 'green' };
const percent = (v: number | null) => (v === null ? '—' : `${(Number(v) * 100).toFixed(1)}%`);

function ExpiryTag({ on, missingIsValid }: { on: string | null; missingIsValid?: boolean }) {
  if (!on && missingIsValid) return <Tag color="green">长期</Tag>;
  const state = healthCertificateState(on, chinaToday());
  return <Tag color={STATE_COLORS[state]} data-state={state}>{on ? `${on} ` : ''}{CERTIFICATE_STATE_LABELS[state]}</Tag>;
}

/** 从业人员登记: every staff member of the admin's area, one person at two institutions, expiring certificates, 持证上岗率. */
export function StaffRegistryPage() {
  const { data: permissions } = usePermissions<Permissions>({});
  const scopes = (permissions?.scopes ?? []).filter((s) => ['county_admin', 'city_admin', 'province_admin'].includes(s.role));
  const [region, setRegion] = useState<string | undefined>();
  const regionCode = region ?? scopes[0]?.regionCode;
  const staff = useQuery({ queryKey: ['staff-registry', 'staff'], queryFn: fetchStaff });
  const duplicates = useQuery({ queryKey: ['staff-registry', 'duplicates'], queryFn: fetchDuplicates });
  const masked = useQuery({ queryKey: ['staff-registry', 'ids'], queryFn: fetchMaskedIds });
  const rates = useQuery({ queryKey: ['staff-registry', 'rates', regionCode], enabled: Boolean(regionCode), queryFn: () => fetchRates(regionCode ?? '') });
  const today = chinaToday();
  const duplicateIds = new Set((duplicates.data ?? []).map((d) => d.staff_id));
  const expiring = (staff.data ?? []).filter((s) =>
    ['expired', 'expiring'].includes(healthCertificateState(s.health_certificate_expires_on, today)) ||
    (s.certificate_type && s.certificate_expires_on && ['expired', 'expiring'].includes(healthCertificateState(s.certificate_expires_on, today))));
  const error = staff.error ?? duplicates.error ?? masked.error;
  return (
    <List
      title="从业人员登记"
      headerButtons={scopes.length > 1 ? (
        <Select value={regionCode} onChange={setRegion} style={{ minWidth: 200 }} options={scopes.map((s) => ({ value: s.regionCode, label: s.regionName ?? s.regionCode }))} />
      ) : null}
    >
      {error && <QueryError error={error} onRetry={() => { void staff.refetch(); void duplicates.refetch(); void masked.refetch(); }} />}
      {(duplicates.data ?? []).length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="staff-duplicate-warning"
          message={`${new Set((duplicates.data ?? []).map((d) => d.id_number_masked)).size} 人同时登记在两家及以上机构（按身份证号比对）`}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {(duplicates.data ?? []).map((d: DuplicateRow) => (
                <li key={`${d.staff_id}-${d.other_staff_id}`} data-testid="staff-duplicate-item">
                  {d.staff_name}（{d.id_number_masked}）：{d.institution_name} ↔ {d.other_institution_name}（{d.other_county_name}）
                </li>
              ))}
            </ul>
          }
        />
      )}
      {expiring.length > 0 && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} data-testid="staff-expiring-warning"
          message={`${expiring.length} 人的资格证书或健康证已过期或将在30天内到期`} />
      )}
      <Tabs
        items={[
          {
            key: 'staff',
            label: '人员名单',
            children: (
              <Table<RegistryStaffRow>
                rowKey="id"
                size="middle"
                // the ID numbers come from their own RPC: "—" only once it has answered, never while it loads
                loading={staff.isLoading || masked.isLoading}
                dataSource={staff.data ?? []}
                pagination={{ pageSize: 50 }}
                data-testid="staff-registry-table"
                locale={{ emptyText: <EmptyState description="暂无从业人员" /> }}
                onRow={(r) => ({ 'data-testid': `staff-registry-row-${r.name}`, 'data-duplicate': duplicateIds.has(r.id) ? 'yes' : 'no' }) as HTMLAttributes<HTMLElement>}
                columns={[
                  { title: '机构', render: (_, r) => r.institution?.name },
                  { title: '姓名', render: (_, r) => <Space>{r.name}{duplicateIds.has(r.id) && <Tag color="red">多机构登记</Tag>}</Space> },
                  { title: '岗位', render: (_, r) => labelOf(INSTITUTION_STAFF_ROLE_LABELS, r.role) },
                  { title: '身份证号', render: (_, r) => masked.data?.get(r.id) ?? '—' },
                  { title: '资格证书', render: (_, r) => (r.certificate_type ? labelOf(CERTIFICATE_TYPE_LABELS, r.certificate_type) : '—') },
                  { title: '证书有效期', render: (_, r) => (r.certificate_type ? <ExpiryTag on={r.certificate_expires_on} missingIsValid /> : '—') },
                  { title: '健康证', render: (_, r) => <ExpiryTag on={r.health_certificate_expires_on} /> },
                ]}
              />
            ),
          },
          {
            key: 'rates',
            label: '持证上岗率',
            children: (
              <>
                <Typography.Paragraph type="secondary">{CERTIFIED_STAFF_RATE_FORMULA}</Typography.Paragraph>
                {rates.isError && <QueryError error={rates.error} onRetry={() => void rates.refetch()} />}
                <Table<RateRow>
                  rowKey="institution_id"
                  size="middle"
                  loading={rates.isLoading}
                  dataSource={rates.data ?? []}
                  pagination={false}
                  data-testid="staff-rate-table"
                  columns={[
                    { title: '机构', dataIndex: 'institution_name' },
                    { title: '保育人员', dataIndex: 'care_staff' },
                    { title: '持证', dataIndex: 'certified_staff' },
                    { title: '持证上岗率', render: (_, r) => percent(r.certified_staff_rate) },
                  ]}
                  summary={(rows) => {
                    const care = rows.reduce((s, r) => s + r.care_staff, 0);
                    const cert = rows.reduce((s, r) => s + r.certified_staff, 0);
                    return (
                      <Table.Summary.Row>
                        <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                        <Table.Summary.Cell index={1}>{care}</Table.Summary.Cell>
                        <Table.Summary.Cell index={2}>{cert}</Table.Summary.Cell>
                        <Table.Summary.Cell index={3}><span data-testid="staff-rate-total">{percent(care ? cert / care : null)}</span></Table.Summary.Cell>
                      </Table.Summary.Row>
                    );
                  }}
                />
              </>
            ),
          },
        ]}
      />
    </List>
  );
}
