import { AUDIT_ACTION_LABELS, AUDITED_TABLE_LABELS, labelOf } from '@tuoyu/domain';
import { DownloadOutlined } from '@ant-design/icons';
import { List } from '@refinedev/antd';
import { Alert, App, Button, DatePicker, Form, Select, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { QueryError } from '../../components/common/query-states.tsx';
import { RequirePermission } from '../../components/require-permission.tsx';
import { downloadXlsx, exportFileName, type ExportColumn } from '../../lib/export/xlsx.ts';
import { AUDIT_LIMIT, useActorNames, useAuditLog, useInstitutionOptions, type AuditFilters, type AuditRow } from './queries.ts';

type Search = { table?: string; actorId?: string; institutionId?: string; range?: [Dayjs, Dayjs] | null };

const ACTION_COLORS: Record<string, string> = { INSERT: 'green', UPDATE: 'blue', DELETE: 'red' };
const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));

/** 审计日志: who changed what, when, before/after — the admin's regions (RLS), filtered and exported. */
export function AuditLogPage() {
  return (
    <RequirePermission anyOf={['audit.view']}>
      <AuditLogScreen />
    </RequirePermission>
  );
}

function AuditLogScreen() {
  const { message } = App.useApp();
  const [filters, setFilters] = useState<AuditFilters>({});
  const log = useAuditLog(filters);
  const actorIds = useMemo(() => [...new Set((log.data ?? []).map((r) => r.actor_id).filter((x): x is string => !!x))], [log.data]);
  const names = useActorNames(actorIds);
  const institutions = useInstitutionOptions();
  const institutionNames = useMemo(() => new Map((institutions.data ?? []).map((i) => [i.id, i.name])), [institutions.data]);
  const actorName = (r: AuditRow) =>
    r.actor_id ? (names.data?.get(r.actor_id) ?? `账号 ${r.actor_id.slice(0, 8)}`) : r.actor_role === 'service_role' ? '系统服务' : '系统';

  const columns: ExportColumn<AuditRow>[] = [
    { header: '时间', value: (r) => dayjs(r.occurred_at).format('YYYY-MM-DD HH:mm:ss'), width: 20 },
    { header: '操作人', value: actorName, width: 16 },
    { header: '表', value: (r) => labelOf(AUDITED_TABLE_LABELS, r.table_name), width: 14 },
    { header: '操作', value: (r) => labelOf(AUDIT_ACTION_LABELS, r.action) },
    { header: '机构', value: (r) => (r.institution_id ? (institutionNames.get(r.institution_id) ?? r.institution_id) : ''), width: 24 },
    { header: '区划', value: (r) => r.region_code },
    { header: '行', value: (r) => r.row_id, width: 38 },
    { header: '修改前', value: (r) => json(r.old_data), width: 60 },
    { header: '修改后', value: (r) => json(r.new_data), width: 60 },
  ];

  return (
    <List
      title="审计日志"
      headerButtons={
        <Button
          icon={<DownloadOutlined />}
          disabled={!log.data?.length}
          data-testid="audit-export"
          onClick={() =>
            void downloadXlsx({ fileName: exportFileName('审计日志'), sheetName: '审计日志', columns, rows: log.data ?? [] }).catch(
              (e: Error) => void message.error(`导出失败：${e.message}`),
            )
          }
        >
          导出 Excel
        </Button>
      }
    >
      <Form<Search>
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        data-testid="audit-filters"
        onFinish={(v) =>
          setFilters({
            table: v.table || undefined,
            actorId: v.actorId || undefined,
            institutionId: v.institutionId || undefined,
            from: v.range?.[0]?.startOf('day').toISOString(),
            to: v.range?.[1]?.add(1, 'day').startOf('day').toISOString(),
          })
        }
      >
        <Form.Item name="table" label="表">
          <Select allowClear style={{ width: 150 }} placeholder="全部" data-testid="audit-table-filter"
            options={Object.entries(AUDITED_TABLE_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="actorId" label="操作人">
          <Select allowClear showSearch optionFilterProp="label" style={{ width: 150 }} placeholder="全部"
            options={[...(names.data ?? new Map<string, string>()).entries()].map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="institutionId" label="机构">
          <Select allowClear showSearch optionFilterProp="label" style={{ width: 200 }} placeholder="全部"
            options={(institutions.data ?? []).map((i) => ({ value: i.id, label: i.name }))} />
        </Form.Item>
        <Form.Item name="range" label="日期">
          <DatePicker.RangePicker />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="audit-search">查询</Button>
      </Form>
      {log.isError && <QueryError error={log.error} onRetry={() => void log.refetch()} />}
      {log.data?.length === AUDIT_LIMIT && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`只显示最近 ${AUDIT_LIMIT} 条，请缩小筛选范围。`} />
      )}
      <Table<AuditRow>
        rowKey="id"
        size="small"
        loading={log.isPending}
        dataSource={log.data ?? []}
        data-testid="audit-table"
        onRow={(r) => ({ 'data-table': r.table_name, 'data-action': r.action }) as React.HTMLAttributes<HTMLElement>}
        expandable={{
          expandedRowRender: (r) => (
            <Table
              size="small"
              pagination={false}
              rowKey="key"
              dataSource={[...new Set([...Object.keys((r.old_data as object) ?? {}), ...Object.keys((r.new_data as object) ?? {})])].map((k) => ({
                key: k,
                before: json((r.old_data as Record<string, unknown> | null)?.[k]),
                after: json((r.new_data as Record<string, unknown> | null)?.[k]),
              }))}
              columns={[
                { title: '字段', dataIndex: 'key' },
                { title: '修改前', dataIndex: 'before', render: (v: string) => <Typography.Text type="secondary">{v}</Typography.Text> },
                { title: '修改后', dataIndex: 'after' },
              ]}
            />
          ),
        }}
        columns={[
          { title: '时间', render: (_, r) => dayjs(r.occurred_at).format('YYYY-MM-DD HH:mm:ss') },
          { title: '操作人', render: (_, r) => actorName(r) },
          { title: '表', render: (_, r) => labelOf(AUDITED_TABLE_LABELS, r.table_name) },
          { title: '操作', render: (_, r) => <Tag color={ACTION_COLORS[r.action]}>{labelOf(AUDIT_ACTION_LABELS, r.action)}</Tag> },
          { title: '机构', render: (_, r) => (r.institution_id ? (institutionNames.get(r.institution_id) ?? '—') : '—') },
          { title: '变更字段', render: (_, r) => Object.keys((r.new_data as object) ?? (r.old_data as object) ?? {}).slice(0, 6).join('、') },
        ]}
      />
    </List>
  );
}
