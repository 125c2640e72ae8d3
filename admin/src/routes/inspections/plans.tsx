import { List, Show } from '@refinedev/antd';
import { usePermissions } from '@refinedev/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { INSPECTION_DEPARTMENTS, INSPECTION_RESULT_LABELS, INSPECTION_STATUS_LABELS } from '@tuoyu/domain';
import { App, Button, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Select, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { EmptyState, QueryError } from '../../components/common/query-states.tsx';
import { hasPermission, type Permissions } from '../../lib/permissions.ts';
import {
  createPlan,
  drawPlan,
  fetchInspections,
  fetchInstitutionNames,
  fetchNames,
  fetchPlan,
  fetchPlans,
  inspectionKeys,
  selectionOf,
  type PlanRow,
} from './queries.ts';

type PlanValues = {
  title: string;
  period: [Dayjs, Dayjs];
  institution_count: number;
  inspectors_per_team: number;
  departments: string[];
  seed?: string;
};

const countyOf = (p: Permissions | undefined) => p?.scopes.find((s) => s.role === 'county_admin' && s.regionLevel === 'county')?.regionCode ?? null;

/** 检查计划: the county's 双随机 plans per period; county admins create one and open it to draw. */
export function InspectionPlanList() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { data: permissions } = usePermissions<Permissions>({});
  const county = countyOf(permissions);
  const canPlan = Boolean(permissions && hasPermission(permissions, 'inspection.plan') && county);
  const plans = useQuery({ queryKey: inspectionKeys.plans, queryFn: fetchPlans });
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<PlanValues>();
  const create = useMutation({
    mutationFn: (v: PlanValues) =>
      createPlan({
        county_code: county ?? '',
        title: v.title.trim(),
        period_start: v.period[0].format('YYYY-MM-DD'),
        period_end: v.period[1].format('YYYY-MM-DD'),
        institution_count: v.institution_count,
        inspectors_per_team: v.inspectors_per_team,
        departments: v.departments,
        ...(v.seed?.trim() ? { seed: v.seed.trim() } : {}),
      }),
    onSuccess: (plan) => {
      void message.success('检查计划已创建');
      setOpen(false);
      void client.invalidateQueries({ queryKey: inspectionKeys.plans });
      void navigate(`/inspection-plans/${plan.id}`);
    },
    onError: (e: Error) => void message.error(e.message),
  });
  if (plans.isError) return <QueryError error={plans.error} onRetry={() => void plans.refetch()} />;
  return (
    <List
      title="检查计划（双随机）"
      headerButtons={canPlan ? <Button type="primary" onClick={() => setOpen(true)} data-testid="plan-create">新建检查计划</Button> : null}
    >
      <Table<PlanRow>
        rowKey="id"
        loading={plans.isPending}
        dataSource={plans.data ?? []}
        data-testid="plan-table"
        locale={{ emptyText: '暂无检查计划' }}
        scroll={{ x: 720 }}
        columns={[
          { title: '计划名称', render: (_, p) => <Link to={`/inspection-plans/${p.id}`} data-testid="plan-open">{p.title}</Link> },
          { title: '检查时段', render: (_, p) => `${p.period_start} 至 ${p.period_end}` },
          { title: '抽取机构数', dataIndex: 'institution_count' },
          { title: '联合部门', render: (_, p) => p.departments.join('、') },
          { title: '状态', render: (_, p) => (p.drawn_at ? <Tag color="green">已抽取</Tag> : <Tag color="orange">待抽取</Tag>) },
        ]}
      />
      <Modal
        open={open}
        title="新建检查计划"
        okText="创建"
        okButtonProps={{ 'data-testid': 'plan-create-submit' } as Record<string, string>}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        <Form<PlanValues>
          form={form}
          layout="vertical"
          initialValues={{ institution_count: 5, inspectors_per_team: 2, departments: ['卫健', '市场监管', '消防'] }}
          onFinish={(v) => create.mutate(v)}
        >
          <Form.Item name="title" label="计划名称" rules={[{ required: true, min: 2, max: 100, message: '请填写计划名称（2～100字）' }]}>
            <Input placeholder="如：2027年第一季度托育机构双随机联合检查" data-testid="plan-title" />
          </Form.Item>
          <Form.Item name="period" label="检查时段" rules={[{ required: true, message: '请选择检查时段' }]}>
            <DatePicker.RangePicker style={{ width: '100%' }} data-testid="plan-period" />
          </Form.Item>
          <Form.Item name="institution_count" label="抽取机构数" rules={[{ required: true }]}>
            <InputNumber min={1} max={500} style={{ width: '100%' }} data-testid="plan-institution-count" />
          </Form.Item>
          <Form.Item name="inspectors_per_team" label="每组检查人员数" rules={[{ required: true }]}>
            <InputNumber min={1} max={10} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="departments" label="联合检查部门" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个部门' }]}>
            <Select mode="tags" options={INSPECTION_DEPARTMENTS.map((d) => ({ value: d, label: d }))} data-testid="plan-departments" />
          </Form.Item>
          <Form.Item name="seed" label="随机种子（留空自动生成，公开后任何人可复现抽取结果）" rules={[{ max: 64 }]}>
            <Input placeholder="如：wenshang-2027-q1" />
          </Form.Item>
        </Form>
      </Modal>
    </List>
  );
}

/** One plan: its seed, the 双随机 draw (county admin, once) and the drawn institutions and teams. */
export function InspectionPlanShow() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const client = useQueryClient();
  const { data: permissions } = usePermissions<Permissions>({});
  const plan = useQuery({ queryKey: inspectionKeys.plan(id), queryFn: () => fetchPlan(id) });
  const p = plan.data;
  const selection = p ? selectionOf(p) : null;
  const inspections = useQuery({
    queryKey: [...inspectionKeys.plan(id), 'inspections'],
    enabled: Boolean(p?.drawn_at),
    queryFn: () => fetchInspections({ planId: id }),
  });
  const names = useQuery({
    queryKey: [...inspectionKeys.plan(id), 'names', selection?.inspectors.join(',')],
    enabled: Boolean(selection),
    queryFn: () => fetchNames(selection?.inspectors ?? []),
  });
  const institutionNames = useQuery({
    queryKey: [...inspectionKeys.plan(id), 'institutions', selection?.institutions.join(',')],
    enabled: Boolean(selection),
    queryFn: () => fetchInstitutionNames(selection?.institutions ?? []),
  });
  const draw = useMutation({
    mutationFn: () => drawPlan(id),
    onSuccess: () => {
      void message.success('已完成双随机抽取，检查任务已生成');
      void client.invalidateQueries({ queryKey: inspectionKeys.plans });
      void client.invalidateQueries({ queryKey: inspectionKeys.inspections });
    },
    onError: (e: Error) => void message.error(e.message),
  });
  if (plan.isError) return <QueryError error={plan.error} onRetry={() => void plan.refetch()} />;
  if (!plan.isPending && !p) return <EmptyState description="检查计划不存在或无权查看" />;
  const canDraw = Boolean(p && !p.drawn_at && permissions && hasPermission(permissions, 'inspection.plan'));
  return (
    <Show
      title={p?.title ?? '检查计划'}
      isLoading={plan.isPending}
      canEdit={false}
      canDelete={false}
      headerButtons={canDraw ? (
        <Button type="primary" loading={draw.isPending} onClick={() => draw.mutate()} data-testid="plan-draw">双随机抽取</Button>
      ) : null}
    >
      {p ? (
        <>
          <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="plan-detail">
            <Descriptions.Item label="检查时段">{`${p.period_start} 至 ${p.period_end}`}</Descriptions.Item>
            <Descriptions.Item label="联合检查部门">{p.departments.join('、')}</Descriptions.Item>
            <Descriptions.Item label="抽取机构数">{p.institution_count}</Descriptions.Item>
            <Descriptions.Item label="每组检查人员数">{p.inspectors_per_team}</Descriptions.Item>
            <Descriptions.Item label="随机种子">
              <Typography.Text code copyable data-testid="plan-seed">{p.seed}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="抽取时间">
              <span data-testid="plan-drawn-at">{p.drawn_at ? new Date(p.drawn_at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '尚未抽取'}</span>
            </Descriptions.Item>
          </Descriptions>
          {selection ? (
            <>
              <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
                抽取规则：按 md5(随机种子:编号) 排序，取本县区已备案机构的前 {p.institution_count} 家、本县区全部检查人员的顺序组队；同一种子可复现同一结果。
              </Typography.Paragraph>
              <h3>抽中的机构</h3>
              <ol data-testid="plan-drawn-institutions">
                {selection.institutions.map((i) => <li key={i}>{institutionNames.data?.get(i) ?? (institutionNames.isPending ? '加载中…' : i)}</li>)}
              </ol>
              <h3>检查人员抽取顺序</h3>
              <ol data-testid="plan-drawn-inspectors">
                {selection.inspectors.map((i) => <li key={i}>{names.data?.get(i) ?? i}</li>)}
              </ol>
              <h3>检查任务与检查组</h3>
              <Table
                rowKey="id"
                size="small"
                loading={inspections.isPending}
                dataSource={inspections.data ?? []}
                pagination={false}
                data-testid="plan-inspections"
                columns={[
                  { title: '机构', render: (_, r) => <Link to={`/inspections/${r.id}`}>{r.institutions?.name ?? ''}</Link> },
                  { title: '检查组', render: (_, r) => r.inspector_ids.map((u) => names.data?.get(u) ?? u.slice(0, 8)).join('、') },
                  { title: '部门', render: (_, r) => r.departments.join('、') },
                  { title: '状态', render: (_, r) => INSPECTION_STATUS_LABELS[r.status] },
                  { title: '结果', render: (_, r) => (r.result ? INSPECTION_RESULT_LABELS[r.result] : '') },
                ]}
              />
            </>
          ) : (
            <EmptyState description="尚未抽取。点击“双随机抽取”后，按随机种子抽取机构和检查人员并留存结果，抽取后计划不能再修改。" />
          )}
        </>
      ) : null}
    </Show>
  );
}
