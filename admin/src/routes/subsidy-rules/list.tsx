import { List } from '@refinedev/antd';
import { usePermissions } from '@refinedev/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  chinaToday,
  CLASS_TYPE_LABELS,
  CLASS_TYPES,
  labelOf,
  subsidyAmountProblem,
  subsidyMinMonthsProblem,
  SUBSIDY_KIND_LABELS,
  SUBSIDY_KINDS,
  SUBSIDY_RULE_LIMITS,
  SUBSIDY_RULE_RESOLUTION,
  type SubsidyKind,
} from '@tuoyu/domain';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { EmptyState, QueryError } from '../../components/common/query-states.tsx';
import { hasPermission, type Permissions } from '../../lib/permissions.ts';
import { endRule, fetchEffectiveRules, fetchRuleRegions, insertRule, updateRule, type EffectiveRule, type RuleValues } from './queries.ts';

const yuan = (v: number | string) => Number(v).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const unitOf = (kind: SubsidyKind) => (kind === 'operating' ? '元/生·年' : '元/托位');
const ruleLabel = (r: Pick<EffectiveRule, 'kind' | 'class_type'>) =>
  r.kind === 'construction' ? '每新增普惠托位' : labelOf(CLASS_TYPE_LABELS, r.class_type ?? '');

function conditions(r: Pick<EffectiveRule, 'requires_affordable' | 'requires_filed' | 'min_months' | 'kind'>): string {
  const parts = [r.requires_affordable ? '普惠托育机构' : null, r.requires_filed ? '已备案' : null,
    r.kind === 'operating' && r.min_months > 0 ? `半年内在托满${r.min_months}个月` : null].filter(Boolean);
  return parts.length ? parts.join('；') : '无';
}

type Editing = { mode: 'add'; kind: SubsidyKind } | { mode: 'edit'; rule: EffectiveRule };
type FormValues = Omit<RuleValues, 'basis'> & { basis?: string };

/** 补贴标准: the rules in force for a region and year (own or inherited, with the source); admins edit their region's own. */
export function SubsidyRulesPage() {
  const { data: permissions } = usePermissions<Permissions>({});
  const p = (permissions ?? { permissions: [], memberships: [], scopes: [] }) as Permissions;
  const canEdit = hasPermission(p, 'subsidy.rule.edit');
  const scopeCodes = (p.scopes ?? []).filter((s) => ['province_admin', 'city_admin', 'county_admin'].includes(s.role)).map((s) => s.regionCode);
  const regions = useQuery({ queryKey: ['subsidy-rules', 'regions', scopeCodes], enabled: scopeCodes.length > 0, queryFn: () => fetchRuleRegions(scopeCodes) });
  const thisYear = Number(chinaToday().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [chosen, setChosen] = useState<string | undefined>();
  const region = chosen ?? regions.data?.[0]?.code;
  const rules = useQuery({
    queryKey: ['subsidy-rules', region, year],
    enabled: Boolean(region),
    queryFn: () => fetchEffectiveRules(region ?? '', year),
  });
  const [editing, setEditing] = useState<Editing | null>(null);
  const regionName = regions.data?.find((r) => r.code === region)?.name ?? '';

  if (!canEdit || scopeCodes.length === 0) return <List title="补贴标准"><EmptyState description="您没有设定补贴标准的权限" /></List>;
  return (
    <List title="补贴标准">
      <Alert type="info" showIcon message={SUBSIDY_RULE_RESOLUTION} style={{ marginBottom: 12 }} data-testid="subsidy-rules-resolution" />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select value={region} onChange={setChosen} loading={regions.isLoading} style={{ minWidth: 200 }} data-testid="subsidy-rules-region"
          options={(regions.data ?? []).map((r) => ({ value: r.code, label: r.name }))} />
        <Select value={year} onChange={setYear} style={{ width: 120 }} data-testid="subsidy-rules-year"
          options={[thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: y, label: `${y}年` }))} />
      </Space>
      {regions.isError && <QueryError error={regions.error} onRetry={() => void regions.refetch()} />}
      {rules.isError && <QueryError error={rules.error} onRetry={() => void rules.refetch()} />}
      {SUBSIDY_KINDS.map((kind) => (
        <KindCard key={kind} kind={kind} rows={(rules.data ?? []).filter((r) => r.kind === kind)} loading={rules.isLoading}
          regionName={regionName} onAdd={() => setEditing({ mode: 'add', kind })} onEdit={(rule) => setEditing({ mode: 'edit', rule })} />
      ))}
      {editing && region && (
        <RuleModal editing={editing} region={region} regionName={regionName} year={year}
          rules={rules.data ?? []} onClose={() => setEditing(null)} />
      )}
    </List>
  );
}

function KindCard({ kind, rows, loading, regionName, onAdd, onEdit }: {
  kind: SubsidyKind; rows: EffectiveRule[]; loading: boolean; regionName: string;
  onAdd: () => void; onEdit: (rule: EffectiveRule) => void;
}) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const end = useMutation({
    mutationFn: (rule: EffectiveRule) => endRule(rule.id),
    onSuccess: () => {
      void message.success('已停用该补贴标准');
      void client.invalidateQueries({ queryKey: ['subsidy-rules'] });
    },
    onError: (e: Error) => void message.error(e.message),
  });
  const own = rows.filter((r) => !r.inherited);
  const canAdd = kind === 'operating' ? CLASS_TYPES.some((c) => !own.some((r) => r.class_type === c)) : own.length === 0;
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid={`subsidy-rules-${kind}`}
      title={`${SUBSIDY_KIND_LABELS[kind]}（${unitOf(kind)}）`}
      extra={canAdd && (
        <Button size="small" type="primary" onClick={onAdd} data-testid={`subsidy-rules-add-${kind}`}>新增本级标准</Button>
      )}>
      <Table<EffectiveRule>
        rowKey="id"
        size="small"
        pagination={false}
        loading={loading}
        dataSource={rows}
        locale={{ emptyText: <EmptyState description={`${regionName}本年度没有适用的${SUBSIDY_KIND_LABELS[kind]}标准（不发放）`} /> }}
        onRow={(r) => ({ 'data-testid': `subsidy-rule-${r.kind}-${r.class_type ?? 'slot'}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: kind === 'operating' ? '班型' : '计补对象', render: (_, r) => ruleLabel(r) },
          { title: '标准（元）', render: (_, r) => <b data-testid="subsidy-rule-amount">{yuan(r.amount_yuan)}</b> },
          { title: '享受条件', render: (_, r) => conditions(r) },
          { title: '依据', render: (_, r) => r.basis ?? '—' },
          {
            title: '来源',
            render: (_, r) => (r.inherited
              ? <Tag color="blue" data-testid="subsidy-rule-source" data-source={r.source_region_code ?? 'national'}>沿用{r.source_region_name}</Tag>
              : <Tag color="green" data-testid="subsidy-rule-source" data-source={r.source_region_code ?? 'national'}>本级设定</Tag>),
          },
          {
            title: '操作',
            render: (_, r) => (r.editable && !r.inherited ? (
              <Space>
                <Button size="small" onClick={() => onEdit(r)} data-testid="subsidy-rule-edit">修改</Button>
                <Popconfirm title="停用后本区划该类补贴改按上级标准执行（已提交的申请不受影响）。确定停用？" okText="停用" cancelText="取消"
                  onConfirm={() => end.mutate(r)} okButtonProps={{ 'data-testid': 'subsidy-rule-end-confirm' } as Record<string, string>}>
                  <Button size="small" danger data-testid="subsidy-rule-end">停用</Button>
                </Popconfirm>
              </Space>
            ) : r.inherited ? <Typography.Text type="secondary">由{r.source_region_name}设定</Typography.Text> : null),
          },
        ]}
      />
    </Card>
  );
}

function RuleModal({ editing, region, regionName, year, rules, onClose }: {
  editing: Editing; region: string; regionName: string; year: number; rules: EffectiveRule[]; onClose: () => void;
}) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const kind: SubsidyKind = editing.mode === 'add' ? editing.kind : editing.rule.kind;
  const save = useMutation({
    mutationFn: async (v: FormValues) => {
      const values = { amount_yuan: v.amount_yuan, requires_affordable: v.requires_affordable, requires_filed: v.requires_filed,
        min_months: kind === 'operating' ? v.min_months : 0, basis: v.basis?.trim() || null };
      if (editing.mode === 'edit') await updateRule(editing.rule.id, values);
      else await insertRule(region, year, { ...values, kind, class_type: kind === 'operating' ? v.class_type : null });
    },
    onSuccess: () => {
      void message.success(editing.mode === 'edit' ? '补贴标准已修改' : '补贴标准已新增');
      void client.invalidateQueries({ queryKey: ['subsidy-rules'] });
      onClose();
    },
    onError: (e: Error) => void message.error(e.message),
  });
  const replacing = editing.mode === 'add' && rules.some((r) => r.kind === kind && r.inherited);
  const taken = new Set(rules.filter((r) => r.kind === 'operating' && !r.inherited).map((r) => r.class_type));
  const initial: Partial<FormValues> = editing.mode === 'edit'
    ? { amount_yuan: Number(editing.rule.amount_yuan), requires_affordable: editing.rule.requires_affordable,
        requires_filed: editing.rule.requires_filed, min_months: editing.rule.min_months, basis: editing.rule.basis ?? undefined }
    : { requires_affordable: true, requires_filed: true, min_months: kind === 'operating' ? 3 : 0 };
  return (
    <Modal open title={`${editing.mode === 'edit' ? '修改' : '新增'}${regionName}${year}年${SUBSIDY_KIND_LABELS[kind]}标准`}
      okText="保存" cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'subsidy-rule-save' } as Record<string, string>} destroyOnHidden>
      {replacing && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="subsidy-rule-replacing"
          message={`本级设定${SUBSIDY_KIND_LABELS[kind]}标准后，${regionName}不再沿用上级的${SUBSIDY_KIND_LABELS[kind]}标准${kind === 'operating' ? '；请为每个班型分别设定' : ''}。`} />
      )}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)} data-testid="subsidy-rule-form">
        {editing.mode === 'add' && kind === 'operating' && (
          <Form.Item name="class_type" label="班型" rules={[{ required: true, message: '运营补贴须选择班型' }]}>
            <Select data-testid="subsidy-rule-class-type" options={CLASS_TYPES.filter((c) => !taken.has(c)).map((c) => ({ value: c, label: CLASS_TYPE_LABELS[c] }))} />
          </Form.Item>
        )}
        {editing.mode === 'edit' && kind === 'operating' && (
          <Form.Item label="班型"><Input value={ruleLabel(editing.rule)} disabled /></Form.Item>
        )}
        <Form.Item name="amount_yuan" label={`标准（${unitOf(kind)}）`} required
          rules={[{ validator: async (_r, v: number | null) => { const problem = subsidyAmountProblem(kind, v); if (problem) throw new Error(problem); } }]}>
          <InputNumber min={0} step={100} style={{ width: 200 }} data-testid="subsidy-rule-amount-input" />
        </Form.Item>
        <Space size="large">
          <Form.Item name="requires_affordable" label="须为普惠托育机构" valuePropName="checked"><Switch /></Form.Item>
          <Form.Item name="requires_filed" label="须已备案" valuePropName="checked"><Switch /></Form.Item>
        </Space>
        {kind === 'operating' && (
          <Form.Item name="min_months" label="半年内至少在托月数（月中在托计1个月）" required
            rules={[{ validator: async (_r, v: number | null) => { const problem = subsidyMinMonthsProblem(v); if (problem) throw new Error(problem); } }]}>
            <InputNumber min={0} max={SUBSIDY_RULE_LIMITS.minMonthsMax} precision={0} style={{ width: 120 }} data-testid="subsidy-rule-min-months" />
          </Form.Item>
        )}
        <Form.Item name="basis" label="依据（文件名称）" rules={[{ max: SUBSIDY_RULE_LIMITS.basisMaxLength, message: `依据（文件名称）不能超过 ${SUBSIDY_RULE_LIMITS.basisMaxLength} 个字` }]}>
          <Input.TextArea rows={2} data-testid="subsidy-rule-basis" />
        </Form.Item>
        <Typography.Paragraph type="secondary">修改标准不影响已提交的申请：申请金额在提交时按当时的标准计算并保存。</Typography.Paragraph>
      </Form>
    </Modal>
  );
}
