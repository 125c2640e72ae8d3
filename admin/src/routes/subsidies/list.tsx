import { List } from '@refinedev/antd';
import { usePermissions } from '@refinedev/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  chinaToday,
  CLASS_TYPE_LABELS,
  formatChinaDateTime,
  labelOf,
  openSubsidyPeriods,
  SUBSIDY_BASIS_LABELS,
  SUBSIDY_FORMULA,
  SUBSIDY_KIND_LABELS,
  SUBSIDY_STATUS_LABELS,
  subsidyPeriodLabel,
  type SubsidyStatus,
} from '@tuoyu/domain';
import { Alert, App, Button, Descriptions, Form, Input, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { EmptyState, QueryError } from '../../components/common/query-states.tsx';
import { exportFileName, downloadFinanceXlsx, type ExportColumn } from '../../lib/export/xlsx.ts';
import { hasPermission, type Permissions } from '../../lib/permissions.ts';
import {
  applyForSubsidy,
  approveSubsidy,
  fetchApplications,
  fetchTotals,
  previewSubsidy,
  returnSubsidy,
  type ApplicationRow,
  type LineRow,
  type TotalRow,
} from './queries.ts';

/** Rows carry a numeric `children` column (计补人数): antd must not read it as tree rows. */
const NOT_A_TREE = { childrenColumnName: 'tree_children' } as const;
const STATUS_COLORS: Record<SubsidyStatus, string> = { applied: 'orange', approved: 'green', returned: 'red' };
const yuan = (v: number | string | null | undefined) => `${Number(v ?? 0).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const lineLabel = (l: Pick<LineRow, 'kind' | 'class_type'>) => (l.kind === 'construction' ? SUBSIDY_KIND_LABELS.construction : labelOf(CLASS_TYPE_LABELS, l.class_type ?? ''));

function StatusTag({ status }: { status: SubsidyStatus }) {
  return <Tag color={STATUS_COLORS[status]} data-testid="subsidy-status" data-status={status}>{SUBSIDY_STATUS_LABELS[status]}</Tag>;
}

function LinesTable({ lines }: { lines: Pick<LineRow, 'kind' | 'class_type' | 'children' | 'months' | 'rate_yuan' | 'amount_yuan'>[] }) {
  return (
    <Table
      rowKey={(l) => `${l.kind}-${l.class_type ?? ''}`}
      size="small"
      pagination={false}
      dataSource={lines}
      expandable={NOT_A_TREE}
      data-testid="subsidy-lines"
      columns={[
        { title: '班型 / 类别', render: (_, l) => lineLabel(l) },
        { title: '人数 / 新增托位', dataIndex: 'children' },
        { title: '人月数', render: (_, l) => (l.kind === 'construction' ? '—' : l.months) },
        { title: '标准（元）', render: (_, l) => `${yuan(l.rate_yuan)}${l.kind === 'construction' ? '/托位' : '/生·年'}` },
        { title: '金额（元）', render: (_, l) => yuan(l.amount_yuan) },
      ]}
    />
  );
}

/** One row per institution and class type (and construction), with totals: what a finance office files. */
type ExportLine = { app: ApplicationRow; line: LineRow };
const EXPORT_COLUMNS: ExportColumn<ExportLine>[] = [
  { header: '期间', value: (r) => subsidyPeriodLabel(r.app.year, r.app.half), width: 14 },
  { header: '机构名称', value: (r) => r.app.institution?.name, width: 32 },
  { header: '备案号', value: (r) => r.app.institution?.filing_no, width: 18 },
  { header: '补贴类别', value: (r) => SUBSIDY_KIND_LABELS[r.line.kind], width: 10 },
  { header: '班型', value: (r) => (r.line.kind === 'construction' ? '' : labelOf(CLASS_TYPE_LABELS, r.line.class_type ?? '')), width: 10 },
  { header: '人数（新增托位）', value: (r) => r.line.children, width: 16 },
  { header: '人月数', value: (r) => (r.line.kind === 'construction' ? '' : r.line.months), width: 10 },
  { header: '标准（元）', value: (r) => Number(r.line.rate_yuan), width: 12 },
  { header: '金额（元）', value: (r) => Number(r.line.amount_yuan), width: 14 },
  { header: '计算依据', value: (r) => SUBSIDY_BASIS_LABELS[r.app.basis], width: 30 },
  { header: '状态', value: (r) => SUBSIDY_STATUS_LABELS[r.app.status], width: 10 },
];

async function exportApplications(apps: ApplicationRow[]) {
  const rows = apps.flatMap((app) => app.lines.map((line) => ({ app, line })));
  const total = rows.reduce((s, r) => s + Number(r.line.amount_yuan), 0);
  const children = rows.filter((r) => r.line.kind === 'operating').reduce((s, r) => s + r.line.children, 0);
  const months = rows.filter((r) => r.line.kind === 'operating').reduce((s, r) => s + r.line.months, 0);
  await downloadFinanceXlsx({
    fileName: exportFileName('托育补贴明细'),
    sheetName: '托育补贴明细',
    columns: EXPORT_COLUMNS,
    rows,
    trailingRows: [['合计', '', '', '', '', children, months, '', Math.round(total * 100) / 100, '', '']],
  });
}

/** 托育补贴: the operator's applications (apply per half-year), the county's review queue, the city's totals. */
export function SubsidyPage() {
  const { data: permissions } = usePermissions<Permissions>({});
  const p = permissions ?? { permissions: [], memberships: [] };
  const canApply = hasPermission(p as Permissions, 'subsidy.apply');
  const canReview = hasPermission(p as Permissions, 'subsidy.review');
  const canView = hasPermission(p as Permissions, 'subsidy.view_region');
  const items = [
    ...(canApply ? [{ key: 'apply', label: '本机构申请', children: <OperatorTab permissions={p as Permissions} /> }] : []),
    ...(canReview ? [{ key: 'review', label: '审核', children: <ReviewTab /> }] : []),
    ...(canView ? [{ key: 'totals', label: '汇总', children: <TotalsTab /> }] : []),
  ];
  return (
    <List title="托育补贴">
      <Typography.Paragraph type="secondary" data-testid="subsidy-formula">{SUBSIDY_FORMULA}</Typography.Paragraph>
      {items.length === 0 ? <EmptyState description="您没有托育补贴相关的权限" /> : <Tabs items={items} />}
    </List>
  );
}

function OperatorTab({ permissions }: { permissions: Permissions }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const memberships = permissions.memberships ?? [];
  const [chosen, setChosen] = useState<string | undefined>();
  const institutionId = chosen ?? memberships[0]?.institutionId;
  const periods = openSubsidyPeriods(chinaToday());
  const [period, setPeriod] = useState(`${periods[0]!.year}-${periods[0]!.half}`);
  const [year, half] = period.split('-').map(Number) as [number, number];
  const apps = useQuery({ queryKey: ['subsidies', 'mine', institutionId], enabled: Boolean(institutionId), queryFn: () => fetchApplications({ institutionId }) });
  const preview = useQuery({
    queryKey: ['subsidies', 'preview', institutionId, year, half],
    enabled: Boolean(institutionId),
    retry: false,
    queryFn: () => previewSubsidy(institutionId ?? '', year, half),
  });
  const apply = useMutation({
    mutationFn: () => applyForSubsidy(institutionId ?? '', year, half),
    onSuccess: () => {
      void message.success('补贴申请已提交，等待县级卫健部门审核');
      void client.invalidateQueries({ queryKey: ['subsidies'] });
    },
    onError: (e: Error) => void message.error(e.message),
  });
  if (memberships.length === 0) return <EmptyState description="您还不是任何托育机构的成员" />;
  const current = (apps.data ?? []).find((a) => a.year === year && a.half === half);
  return (
    <div data-testid="subsidy-operator">
      <Space wrap style={{ marginBottom: 12 }}>
        {memberships.length > 1 && (
          <Select value={institutionId} onChange={setChosen} style={{ minWidth: 240 }}
            options={memberships.map((m) => ({ value: m.institutionId, label: m.institutionName ?? m.institutionId }))} />
        )}
        <Select value={period} onChange={setPeriod} style={{ width: 160 }} data-testid="subsidy-period"
          options={periods.map((x) => ({ value: `${x.year}-${x.half}`, label: subsidyPeriodLabel(x.year, x.half) }))} />
      </Space>
      {preview.isError && <Alert type="warning" showIcon message="暂不能申请" description={(preview.error as Error).message} style={{ marginBottom: 12 }} data-testid="subsidy-preview-error" />}
      {preview.data && (
        <div style={{ marginBottom: 16 }} data-testid="subsidy-preview">
          <Descriptions size="small" column={3} bordered style={{ marginBottom: 8 }}>
            <Descriptions.Item label="期间">{subsidyPeriodLabel(year, half)}</Descriptions.Item>
            <Descriptions.Item label="计算依据"><span data-testid="subsidy-basis">{SUBSIDY_BASIS_LABELS[preview.data.basis]}</span></Descriptions.Item>
            <Descriptions.Item label="合计（元）"><b data-testid="subsidy-preview-total">{yuan(preview.data.total_amount)}</b></Descriptions.Item>
          </Descriptions>
          <LinesTable lines={preview.data.lines.map((l) => ({ ...l, class_type: l.class_type as LineRow['class_type'] }))} />
          <Space style={{ marginTop: 8 }}>
            {current && current.status !== 'returned' ? (
              <span>本期已申请：<StatusTag status={current.status} /></span>
            ) : (
              <Button type="primary" loading={apply.isPending} onClick={() => apply.mutate()} data-testid="subsidy-apply">
                {current?.status === 'returned' ? '重新计算并提交' : '提交申请'}
              </Button>
            )}
          </Space>
        </div>
      )}
      {apps.isError && <QueryError error={apps.error} onRetry={() => void apps.refetch()} />}
      <ApplicationsTable rows={apps.data ?? []} loading={apps.isLoading} />
    </div>
  );
}

function ApplicationsTable({ rows, loading, actions }: { rows: ApplicationRow[]; loading?: boolean; actions?: (row: ApplicationRow) => React.ReactNode }) {
  return (
    <Table<ApplicationRow>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={rows}
      pagination={false}
      data-testid="subsidy-applications"
      locale={{ emptyText: <EmptyState description="暂无补贴申请" /> }}
      onRow={(r) => ({ 'data-testid': `subsidy-row-${r.institution?.name ?? r.id}` }) as HTMLAttributes<HTMLElement>}
      expandable={{ ...NOT_A_TREE, expandedRowRender: (r) => <LinesTable lines={r.lines} /> }}
      columns={[
        { title: '期间', render: (_, r) => subsidyPeriodLabel(r.year, r.half) },
        { title: '机构', render: (_, r) => r.institution?.name },
        { title: '计算依据', render: (_, r) => SUBSIDY_BASIS_LABELS[r.basis] },
        { title: '计补人数', dataIndex: 'children' },
        { title: '合计（元）', render: (_, r) => <span data-testid="subsidy-total">{yuan(r.total_amount)}</span> },
        { title: '提交时间', render: (_, r) => formatChinaDateTime(r.submitted_at) },
        {
          title: '状态',
          render: (_, r) => (
            <Space direction="vertical" size={0}>
              <StatusTag status={r.status} />
              {r.return_reason && <Typography.Text type="danger">退回理由：{r.return_reason}</Typography.Text>}
            </Space>
          ),
        },
        ...(actions ? [{ title: '操作', render: (_: unknown, r: ApplicationRow) => actions(r) }] : []),
      ]}
    />
  );
}

function ReviewTab() {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [status, setStatus] = useState<string | undefined>('applied');
  const apps = useQuery({ queryKey: ['subsidies', 'review', status], queryFn: () => fetchApplications({ status }) });
  const [returning, setReturning] = useState<ApplicationRow | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const act = useMutation({
    mutationFn: async ({ run }: { run: () => Promise<void>; done: string }) => run(),
    onSuccess: (_, { done }) => {
      void message.success(done);
      setReturning(null);
      void client.invalidateQueries({ queryKey: ['subsidies'] });
    },
    onError: (e: Error) => void message.error(e.message),
  });
  return (
    <div data-testid="subsidy-review">
      <Space style={{ marginBottom: 12 }}>
        <Select allowClear placeholder="全部状态" value={status} onChange={setStatus} style={{ width: 160 }} data-testid="subsidy-status-filter"
          options={Object.entries(SUBSIDY_STATUS_LABELS).map(([value, label]) => ({ value, label }))} />
        <Button onClick={() => void exportApplications(apps.data ?? [])} disabled={!apps.data?.length} data-testid="subsidy-export">导出 XLSX（财务格式）</Button>
      </Space>
      {apps.isError && <QueryError error={apps.error} onRetry={() => void apps.refetch()} />}
      <ApplicationsTable
        rows={apps.data ?? []}
        loading={apps.isLoading}
        actions={(r) =>
          r.status !== 'applied' ? null : (
            <Space>
              <Button size="small" type="primary" onClick={() => act.mutate({ run: () => approveSubsidy(r.id), done: '已核准' })} data-testid="subsidy-approve">核准</Button>
              <Button size="small" danger onClick={() => { form.resetFields(); setReturning(r); }} data-testid="subsidy-return">退回</Button>
            </Space>
          )
        }
      />
      <Modal
        open={returning !== null}
        title={`退回补贴申请：${returning?.institution?.name ?? ''}`}
        okText="退回"
        onCancel={() => setReturning(null)}
        onOk={() => form.submit()}
        okButtonProps={{ 'data-testid': 'subsidy-return-confirm' } as Record<string, string>}
      >
        <Form form={form} layout="vertical" onFinish={(v) => returning && act.mutate({ run: () => returnSubsidy(returning.id, v.reason), done: '已退回' })}>
          <Form.Item name="reason" label="退回理由" rules={[{ required: true, min: 2, message: '请填写退回理由（至少2个字）' }]}>
            <Input.TextArea rows={3} data-testid="subsidy-return-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

function TotalsTab() {
  const totals = useQuery({ queryKey: ['subsidies', 'totals'], queryFn: fetchTotals });
  const all = useQuery({ queryKey: ['subsidies', 'all'], queryFn: () => fetchApplications({}) });
  return (
    <div data-testid="subsidy-totals">
      <Space style={{ marginBottom: 12 }}>
        <Button onClick={() => void exportApplications(all.data ?? [])} disabled={!all.data?.length} data-testid="subsidy-export-all">导出 XLSX（财务格式）</Button>
      </Space>
      {totals.isError && <QueryError error={totals.error} onRetry={() => void totals.refetch()} />}
      <Table<TotalRow>
        rowKey={(r) => `${r.county_code}-${r.year}-${r.half}-${r.status}`}
        size="middle"
        loading={totals.isLoading}
        dataSource={totals.data ?? []}
        expandable={NOT_A_TREE}
        pagination={false}
        locale={{ emptyText: <EmptyState description="暂无补贴申请" /> }}
        columns={[
          { title: '期间', render: (_, r) => subsidyPeriodLabel(r.year ?? 0, r.half ?? 1) },
          { title: '县（区）', dataIndex: 'county_name' },
          { title: '状态', render: (_, r) => (r.status ? <StatusTag status={r.status} /> : null) },
          { title: '申请数', dataIndex: 'applications' },
          { title: '计补人数', dataIndex: 'children' },
          { title: '运营补贴（元）', render: (_, r) => yuan(r.operating_amount) },
          { title: '建设补助（元）', render: (_, r) => yuan(r.construction_amount) },
          { title: '合计（元）', render: (_, r) => yuan(r.total_amount) },
        ]}
      />
    </div>
  );
}
