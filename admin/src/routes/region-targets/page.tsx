import { List } from '@refinedev/antd';
import { usePermissions } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { populationFields, populationSchema, TARGET_METRIC_INFO, TARGET_METRIC_KIND, TARGET_METRICS, targetValueSchema, type TargetMetric } from '@tuoyu/domain';
import { useState } from 'react';
import { QueryError } from '../../components/common/query-states.tsx';
import { RequirePermission } from '../../components/require-permission.tsx';
import { useRegionScope } from '../../contexts/region-scope.tsx';
import { hasPermission, type Permissions } from '../../lib/permissions.ts';
import { zodRule } from '../../lib/zod-rule.ts';
import { FIRST_YEAR, formatValue, SUB_LEVEL_LABEL, type Region } from '../statistics/queries.ts';
import {
  clearPopulation, clearTarget, fetchTargetsScreen, savePopulation, saveTarget, useRefreshFigures,
  type PopulationRow, type RegionFigures, type TargetRow, type TargetsScreen,
} from './queries.ts';

const ADMIN_ROLES = ['province_admin', 'city_admin', 'county_admin'];

/** 人口与目标: population and targets of the admin's region and the regions directly below it. */
export function RegionTargetsPage() {
  return (
    <RequirePermission anyOf={['region.target.edit', 'region.population.edit']}>
      <RegionTargets />
    </RequirePermission>
  );
}

const num = (v: unknown): number | null => (v === null || v === undefined || v === '' ? null : Number(v));
const show = (metric: TargetMetric, v: unknown) => formatValue(num(v), TARGET_METRIC_INFO[metric].unit);

type TargetEdit = { figures: RegionFigures; metric: TargetMetric; own: TargetRow | undefined };
type PopulationEdit = { figures: RegionFigures; own: PopulationRow | undefined };

function RegionTargets() {
  const { data: permissions } = usePermissions<Permissions>({});
  const { selected } = useRegionScope();
  const scope = permissions?.scopes.find((s) => ADMIN_ROLES.includes(s.role));
  const region: Region | null = selected ?? (scope ? { code: scope.regionCode, level: scope.regionLevel, name: scope.regionName ?? scope.regionCode } : null);
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [targetEdit, setTargetEdit] = useState<TargetEdit | null>(null);
  const [populationEdit, setPopulationEdit] = useState<PopulationEdit | null>(null);
  const screen = useQuery({
    queryKey: ['region-targets-screen', region?.code, year],
    queryFn: () => fetchTargetsScreen(region!.code, year),
    enabled: Boolean(region),
  });
  const canTargets = permissions ? hasPermission(permissions, 'region.target.edit') : false;
  const canPopulation = permissions ? hasPermission(permissions, 'region.population.edit') : false;

  if (!region) return <List title="人口与目标"><Typography.Text>您的账号没有区划管理范围。</Typography.Text></List>;
  const data = screen.data;
  const subLabel = SUB_LEVEL_LABEL[region.level];

  return (
    <List
      title={`人口与目标 · ${region.name}`}
      headerButtons={
        <Space>
          <span>年度</span>
          <Select
            data-testid="targets-year"
            value={year}
            onChange={setYear}
            style={{ width: 110 }}
            options={Array.from({ length: thisYear + 5 - FIRST_YEAR + 1 }, (_, i) => thisYear + 5 - i).map((y) => ({ value: y, label: `${y}年` }))}
          />
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        本级及各{subLabel || '下级'}的常住人口和{year}年目标。本区划和上级管理员可以填报、修改；没有本级目标时沿用上级（县→市→省→全国）目标，
        同一区划取当年、否则最近的以后年度（“到2025年”目标）、否则最近的以前年度；年度新增托位任务和普惠托育机构数只取本级当年。
        清除本级目标后重新沿用上级目标。
      </Typography.Paragraph>
      {screen.isError && <QueryError error={screen.error as { message?: string }} onRetry={() => void screen.refetch()} />}

      <Card title={`目标（${year}年）`} data-testid="targets-card">
        <Table<RegionFigures>
          rowKey={(r) => r.region.code}
          dataSource={data?.regions ?? []}
          loading={screen.isFetching}
          pagination={false}
          size="small"
          scroll={{ x: 1300 }}
          data-testid="targets-table"
          data-state={screen.isFetching ? 'loading' : 'ready'}
        >
          <Table.Column<RegionFigures> title="区划" fixed="left" width={150} render={(_, r) => r.region.name} />
          {TARGET_METRICS.map((metric) => (
            <Table.Column<RegionFigures>
              key={metric}
              title={`${TARGET_METRIC_INFO[metric].label}（${TARGET_METRIC_INFO[metric].unit}）`}
              width={150}
              render={(_, r) => (
                <TargetCell figures={r} metric={metric} data={data!} canEdit={canTargets} onEdit={(own) => setTargetEdit({ figures: r, metric, own })} />
              )}
            />
          ))}
        </Table>
      </Card>

      <Card title={`常住人口（${year}年）`} style={{ marginTop: 16 }} data-testid="population-card">
        <Table<RegionFigures>
          rowKey={(r) => r.region.code}
          dataSource={data?.regions ?? []}
          loading={screen.isFetching}
          pagination={false}
          size="small"
          data-testid="population-table"
        >
          <Table.Column<RegionFigures> title="区划" render={(_, r) => r.region.name} />
          <Table.Column<RegionFigures>
            title="常住人口（人）"
            align="right"
            render={(_, r) => {
              const own = data?.populations.find((p) => p.region_code === r.region.code);
              if (own) return <span data-testid={`population-${r.region.code}`}>{own.resident_population.toLocaleString('zh-CN')} <Tag color="blue">本级{year}年</Tag></span>;
              return (
                <span data-testid={`population-${r.region.code}`}>
                  <Typography.Text type="secondary">未填报</Typography.Text>
                  {r.population !== null && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>（统计沿用{r.populationYear}年：{r.population.toLocaleString('zh-CN')}）</Typography.Text>
                  )}
                </span>
              );
            }}
          />
          <Table.Column<RegionFigures>
            title="3岁以下婴幼儿（人）"
            align="right"
            render={(_, r) => {
              const own = data?.populations.find((p) => p.region_code === r.region.code);
              return own?.under3_population != null ? own.under3_population.toLocaleString('zh-CN') : '—';
            }}
          />
          <Table.Column<RegionFigures> title="数据来源" render={(_, r) => data?.populations.find((p) => p.region_code === r.region.code)?.source ?? '—'} />
          {canPopulation && (
            <Table.Column<RegionFigures>
              title="操作"
              render={(_, r) => {
                const own = data?.populations.find((p) => p.region_code === r.region.code);
                return (
                  <Button size="small" type="link" data-testid={`population-edit-${r.region.code}`} onClick={() => setPopulationEdit({ figures: r, own })}>
                    {own ? '修改' : '填报'}
                  </Button>
                );
              }}
            />
          )}
        </Table>
      </Card>

      {targetEdit && data && <TargetModal edit={targetEdit} year={year} data={data} onClose={() => setTargetEdit(null)} />}
      {populationEdit && <PopulationModal edit={populationEdit} year={year} onClose={() => setPopulationEdit(null)} />}
    </List>
  );
}

/** Where an inherited target comes from, in words. */
function sourceText(figures: RegionFigures, metric: TargetMetric, data: TargetsScreen): string | null {
  const s = figures.sources[metric];
  if (!s || s.value === null || s.value === undefined) return null;
  const where = s.region_code === null ? '全国默认' : s.region_code === figures.region.code ? '本级' : (data.names.get(s.region_code) ?? s.region_code);
  return `沿用${where}${s.year ? `${s.year}年` : ''}目标`;
}

function TargetCell({ figures, metric, data, canEdit, onEdit }: {
  figures: RegionFigures; metric: TargetMetric; data: TargetsScreen; canEdit: boolean; onEdit(own: TargetRow | undefined): void;
}) {
  const own = data.targets.find((t) => t.region_code === figures.region.code && t.metric === metric);
  const inherited = figures.sources[metric];
  const testId = `target-${figures.region.code}-${metric}`;
  const body = own ? (
    <span data-testid={testId} data-source="own">
      <strong>{show(metric, own.value)}</strong> <Tag color="blue">本级</Tag>
    </span>
  ) : inherited?.value != null ? (
    <span data-testid={testId} data-source="inherited">
      <Typography.Text type="secondary">{show(metric, inherited.value)}</Typography.Text>
      <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{sourceText(figures, metric, data)}</Typography.Text></div>
    </span>
  ) : (
    <span data-testid={testId} data-source="none"><Typography.Text type="secondary">未设定</Typography.Text></span>
  );
  if (!canEdit) return body;
  return (
    <Button type="text" size="small" style={{ height: 'auto', padding: 2, textAlign: 'left' }} onClick={() => onEdit(own)} data-testid={`${testId}-edit`}>
      {body}
    </Button>
  );
}

function TargetModal({ edit, year, data, onClose }: { edit: TargetEdit; year: number; data: TargetsScreen; onClose(): void }) {
  const { message } = App.useApp();
  const refresh = useRefreshFigures();
  const [form] = Form.useForm<{ value: number; note?: string }>();
  const [busy, setBusy] = useState(false);
  const info = TARGET_METRIC_INFO[edit.metric];
  const inherited = edit.own ? null : sourceText(edit.figures, edit.metric, data);
  const inheritedValue = edit.figures.sources[edit.metric]?.value;

  async function run(action: () => Promise<void>, done: string) {
    setBusy(true);
    try {
      await action();
      await refresh();
      message.success(done);
      onClose();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={`${edit.figures.region.name} · ${info.label}（${year}年）`}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          {edit.own && (
            <Popconfirm title="清除本级目标后沿用上级目标，确定吗？" okText="清除" cancelText="取消"
              onConfirm={() => void run(() => clearTarget(edit.own!.id), '已清除本级目标，恢复沿用上级目标')}>
              <Button danger loading={busy} data-testid="target-clear">清除本级目标</Button>
            </Popconfirm>
          )}
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={busy} data-testid="target-save" onClick={() => form.submit()}>保存</Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" data-testid="target-inherited">
        {edit.own
          ? `本级已设定：${show(edit.metric, edit.own.value)}。`
          : inherited
            ? `本级未设定，目前${inherited}：${show(edit.metric, inheritedValue)}。`
            : '本级未设定，上级也没有目标。'}
        {TARGET_METRIC_KIND[edit.metric] === 'count' ? ' 该目标只对本级当年有效，不向下级沿用。' : ' 下级未设目标时沿用本目标。'}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        data-testid="target-form"
        initialValues={{ value: edit.own ? Number(edit.own.value) : undefined, note: edit.own?.note ?? '' }}
        onFinish={(v) =>
          void run(
            () => saveTarget({ id: edit.own?.id ?? null, region_code: edit.figures.region.code, metric: edit.metric, year, value: v.value, note: v.note?.trim() || null }),
            '目标已保存',
          )
        }
      >
        <Form.Item name="value" label={`目标值（${info.unit}）`} rules={[zodRule(targetValueSchema(edit.metric), { required: true })]}>
          <InputNumber style={{ width: 200 }} data-testid="target-value" step={TARGET_METRIC_KIND[edit.metric] === 'count' ? 1 : 0.1} />
        </Form.Item>
        <Form.Item name="note" label="依据或备注" rules={[{ max: 500, message: '备注最多500字' }]}>
          <Input.TextArea rows={2} placeholder="如 文件名称、文号" data-testid="target-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function PopulationModal({ edit, year, onClose }: { edit: PopulationEdit; year: number; onClose(): void }) {
  const { message } = App.useApp();
  const refresh = useRefreshFigures();
  const [form] = Form.useForm<{ resident_population: number; under3_population?: number | null; source: string }>();
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<void>, done: string) {
    setBusy(true);
    try {
      await action();
      await refresh();
      message.success(done);
      onClose();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={`${edit.figures.region.name} · ${year}年常住人口`}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          {edit.own && (
            <Popconfirm title={`删除${year}年人口数据？统计将沿用最近年度的数据。`} okText="删除" cancelText="取消"
              onConfirm={() => void run(() => clearPopulation(edit.figures.region.code, year), '已删除')}>
              <Button danger loading={busy} data-testid="population-clear">删除本年数据</Button>
            </Popconfirm>
          )}
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={busy} data-testid="population-save" onClick={() => form.submit()}>保存</Button>
        </Space>
      }
    >
      <Form
        form={form}
        layout="vertical"
        data-testid="population-form"
        initialValues={edit.own ? { resident_population: edit.own.resident_population, under3_population: edit.own.under3_population, source: edit.own.source } : { source: '' }}
        onFinish={(v) => {
          const parsed = populationSchema.safeParse({ ...v, under3_population: v.under3_population ?? null });
          if (!parsed.success) {
            form.setFields(parsed.error.issues.map((i) => ({ name: String(i.path[0] ?? 'resident_population') as 'resident_population', errors: [i.message] })));
            return;
          }
          void run(
            () => savePopulation({ exists: Boolean(edit.own), region_code: edit.figures.region.code, year, resident_population: parsed.data.resident_population,
              under3_population: parsed.data.under3_population ?? null, source: parsed.data.source }),
            '人口数据已保存',
          );
        }}
      >
        <Form.Item name="resident_population" label="常住人口（人）" rules={[zodRule(populationFields.shape.resident_population, { required: true })]}>
          <InputNumber style={{ width: 220 }} data-testid="population-resident" />
        </Form.Item>
        <Form.Item name="under3_population" label="3岁以下婴幼儿数（人）" rules={[zodRule(populationFields.shape.under3_population)]}>
          <InputNumber style={{ width: 220 }} data-testid="population-under3" />
        </Form.Item>
        <Form.Item name="source" label="数据来源" rules={[zodRule(populationFields.shape.source, { required: true })]}>
          <Input placeholder="如 2025年统计公报" data-testid="population-source" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
