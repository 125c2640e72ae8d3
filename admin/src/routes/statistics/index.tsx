import { DownloadOutlined } from '@ant-design/icons';
import { List } from '@refinedev/antd';
import { usePermissions } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Col, Drawer, Row, Select, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { type IndicatorDrill, type IndicatorInfo, slotGap, UTILIZATION_SOURCE_TEXT } from '@tuoyu/domain';
import { lazy, Suspense, useState } from 'react';
import { Link } from 'react-router';
import { QueryError } from '../../components/common/query-states.tsx';
import { RequirePermission } from '../../components/require-permission.tsx';
import { useRegionScope } from '../../contexts/region-scope.tsx';
import type { Permissions } from '../../lib/permissions.ts';
import {
  fetchDrill, fetchIndicators, fetchSubRegions, fetchTrend, formatValue, metOf, SUB_LEVEL_LABEL, valueOf, visibleIndicators, yearsUpTo,
  FIRST_YEAR, type DrillRow, type DrillTable, type Indicators, type Region,
} from './queries.ts';

const StatisticsCharts = lazy(() => import('./charts.tsx'));
const ADMIN_ROLES = ['province_admin', 'city_admin', 'county_admin'];

/** 指标统计 for county, city and province admins: indicators against targets, trend, ranking, drill-down. */
export function StatisticsPage() {
  return (
    <RequirePermission anyOf={['stats.overview']}>
      <Statistics />
    </RequirePermission>
  );
}

async function exportTable(title: string, columns: { key: string; title: string }[], rows: DrillRow[]) {
  const { downloadXlsx, exportFileName } = await import('../../lib/export/xlsx.ts');
  await downloadXlsx<DrillRow>({
    fileName: exportFileName(title),
    sheetName: title,
    rows,
    columns: columns.map((c) => ({ header: c.title, value: (r) => (typeof r[c.key] === 'boolean' ? (r[c.key] ? '是' : '否') : (r[c.key] as string | number | null)) })),
  });
}

function Statistics() {
  const { message } = App.useApp();
  const { data: permissions } = usePermissions<Permissions>({});
  const { selected } = useRegionScope();
  const scope = permissions?.scopes.find((s) => ADMIN_ROLES.includes(s.role));
  const region: Region | null = selected ?? (scope ? { code: scope.regionCode, level: scope.regionLevel, name: scope.regionName ?? scope.regionCode } : null);
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [drill, setDrill] = useState<{ drill: IndicatorDrill; label: string } | null>(null);
  const [exporting, setExporting] = useState(false);

  const figures = useQuery({ queryKey: ['region-indicators', region?.code, year], queryFn: () => fetchIndicators(region!.code, year), enabled: Boolean(region) });
  const trend = useQuery({ queryKey: ['region-indicators-trend', region?.code, year], queryFn: () => fetchTrend(region!.code, yearsUpTo(year)), enabled: Boolean(region) });
  const subRegions = useQuery({
    queryKey: ['region-indicators-sub', region?.code, year],
    queryFn: () => fetchSubRegions(region!.code, year),
    enabled: Boolean(region) && region?.level !== 'street',
  });
  const rows = drill && region ? drill : null;
  const drillRows = useQuery({
    queryKey: ['region-indicators-drill', region?.code, year, drill?.drill],
    queryFn: () => fetchDrill(drill!.drill, region!, year),
    enabled: Boolean(rows),
  });

  if (!region) return <List title="指标统计"><Typography.Text>您的账号没有区划管理范围。</Typography.Text></List>;
  const row = figures.data;
  const subLabel = SUB_LEVEL_LABEL[region.level];

  async function onExport(title: string, columns: { key: string; title: string }[], data: DrillRow[]) {
    setExporting(true);
    try {
      await exportTable(title, columns, data);
    } catch {
      message.error('导出失败，请重试');
    } finally {
      setExporting(false);
    }
  }

  const indicatorColumns = (info: IndicatorInfo[]) => [
    { key: 'name', title: '区划' },
    { key: 'population', title: '常住人口' },
    { key: 'gap', title: '距千人托位目标缺口（个）' },
    ...info.flatMap((i) => [{ key: i.key, title: `${i.label}${i.unit === '%' ? '（%）' : `（${i.unit}）`}` }, ...(i.target ? [{ key: `${i.key}__target`, title: `${i.label}目标` }] : [])]),
  ];
  const indicatorRows = (data: Indicators[], info: IndicatorInfo[]): DrillRow[] =>
    data.map((r) => ({
      id: `${r.code}-${r.for_year}`,
      name: r.region_name,
      year: r.for_year,
      population: valueOf(r, 'population'),
      gap: slotGap(r.slots, valueOf(r, 'population'), valueOf(r, 'slots_per_1000_target')),
      ...Object.fromEntries(info.flatMap((i) => [[i.key, valueOf(r, i.key)], ...(i.target ? [[`${i.key}__target`, valueOf(r, i.target)]] : [])])),
    }));
  const info = visibleIndicators(row);

  return (
    <List
      title={`指标统计 · ${region.name}`}
      headerButtons={
        <Space>
          <span>年度</span>
          <Select
            data-testid="statistics-year"
            value={year}
            onChange={setYear}
            style={{ width: 110 }}
            options={Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: `${y}年` }))}
          />
        </Space>
      }
    >
      {figures.isError && <QueryError error={figures.error as { message?: string }} onRetry={() => void figures.refetch()} />}
      <Typography.Paragraph type="secondary">
        托位类指标按{year}年12月31日（当年为今天）的登记时间线计算；持证上岗率、托位使用率、建档率和15分钟服务圈按今天的现状计算。
        {row?.population_year && row.population_year !== year ? ` 人口采用${row.population_year}年数据。` : ''}
        {row && !row.full_access ? ' 人员、在托和健康档案指标仅对本区划的管理员显示。' : ''}
      </Typography.Paragraph>
      <Spin spinning={figures.isFetching}>
        <Row gutter={[16, 16]} data-testid="statistics-figures" data-state={figures.isFetching ? 'loading' : 'ready'}>
          <Col xs={12} md={8} xl={6}>
            <Card size="small" data-testid="indicator-population">
              <Statistic title="常住人口" value={formatValue(valueOf(row, 'population'), '人')} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>来源：region_populations{row?.population_year ? `（${row.population_year}年）` : ''}</Typography.Text>
            </Card>
          </Col>
          {info.map((i) => {
            const value = valueOf(row, i.key);
            const target = valueOf(row, i.target);
            const met = metOf(row, i.met);
            return (
              <Col key={i.key} xs={12} md={8} xl={6}>
                <Card size="small" data-testid={`indicator-${i.key}`}>
                  <Statistic
                    title={i.label}
                    value={formatValue(value, i.unit)}
                    suffix={i.unit !== '%' && value !== null ? <span style={{ fontSize: 12 }}>{i.unit}</span> : undefined}
                  />
                  <div style={{ minHeight: 22 }}>
                    {i.target && <Typography.Text type="secondary" style={{ fontSize: 12 }}>目标 {formatValue(target, i.key === 'new_slots' ? '个' : i.unit)} </Typography.Text>}
                    {met !== null && <Tag color={met ? 'green' : 'red'} data-testid={`indicator-${i.key}-met`}>{met ? '达标' : '未达标'}</Tag>}
                    {i.key === 'utilization_rate' && row?.utilization_source && (
                      <Tag>{UTILIZATION_SOURCE_TEXT[row.utilization_source as keyof typeof UTILIZATION_SOURCE_TEXT] ?? row.utilization_source}</Tag>
                    )}
                  </div>
                  <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 4 }} data-testid={`indicator-${i.key}-formula`}>
                    公式：{i.formula}
                  </Typography.Paragraph>
                  {i.drill && (
                    <Button size="small" type="link" style={{ padding: 0 }} data-testid={`indicator-${i.key}-drill`} onClick={() => setDrill({ drill: i.drill!, label: i.label })}>
                      查看明细
                    </Button>
                  )}
                </Card>
              </Col>
            );
          })}
        </Row>
      </Spin>

      {trend.data && (
        <Suspense fallback={<Spin tip="图表加载中…"><div style={{ height: 300 }} /></Spin>}>
          <div style={{ marginTop: 16 }}>
            <StatisticsCharts trend={trend.data} subRegions={subRegions.data ?? []} subLevelLabel={subLabel} />
          </div>
        </Suspense>
      )}

      <Card
        title="逐年趋势"
        style={{ marginTop: 16 }}
        extra={
          <Button icon={<DownloadOutlined />} loading={exporting} disabled={!trend.data}
            onClick={() => void onExport(`${region.name}指标逐年趋势`, [{ key: 'year', title: '年度' }, ...indicatorColumns(info)], indicatorRows(trend.data ?? [], info))}>
            导出 Excel
          </Button>
        }
      >
        <Table<Indicators> rowKey="for_year" dataSource={trend.data ?? []} loading={trend.isLoading} pagination={false} size="small" scroll={{ x: 900 }} data-testid="statistics-trend">
          <Table.Column<Indicators> title="年度" dataIndex="for_year" />
          <Table.Column<Indicators> title="机构数" dataIndex="institutions" align="right" />
          <Table.Column<Indicators> title="托位数" dataIndex="slots" align="right" />
          <Table.Column<Indicators> title="新增托位" dataIndex="new_slots" align="right" />
          <Table.Column<Indicators> title="年度任务" render={(_, r) => formatValue(valueOf(r, 'annual_task'), '个')} align="right" />
          <Table.Column<Indicators> title="完成率" render={(_, r) => formatValue(valueOf(r, 'task_completion'), '%')} align="right" />
          <Table.Column<Indicators> title="千人托位数" render={(_, r) => formatValue(valueOf(r, 'slots_per_1000'), '')} align="right" />
          <Table.Column<Indicators> title="普惠托位占比" render={(_, r) => formatValue(valueOf(r, 'affordable_share'), '%')} align="right" />
          <Table.Column<Indicators> title="街道普惠覆盖率" render={(_, r) => formatValue(valueOf(r, 'street_coverage'), '%')} align="right" />
        </Table>
      </Card>

      {region.level !== 'street' && (
        <Card
          title={`各${subLabel}排名（按千人托位数）`}
          style={{ marginTop: 16 }}
          extra={
            <Button icon={<DownloadOutlined />} loading={exporting} disabled={!subRegions.data}
              onClick={() => void onExport(`${region.name}${year}年各${subLabel}指标`, indicatorColumns(info), indicatorRows(subRegions.data ?? [], info))}>
              导出 Excel
            </Button>
          }
        >
          {subRegions.isError && <QueryError error={subRegions.error as { message?: string }} onRetry={() => void subRegions.refetch()} />}
          <Table<Indicators>
            rowKey="code"
            dataSource={[...(subRegions.data ?? [])].sort((a, b) => (valueOf(b, 'slots_per_1000') ?? -1) - (valueOf(a, 'slots_per_1000') ?? -1))}
            loading={subRegions.isLoading}
            pagination={false}
            size="small"
            scroll={{ x: 1000 }}
            data-testid="statistics-ranking"
          >
            <Table.Column<Indicators> title="排名" render={(_, __, i) => i + 1} width={60} />
            <Table.Column<Indicators> title={subLabel} dataIndex="region_name" render={(v: string) => <span data-testid="ranking-region">{v}</span>} />
            <Table.Column<Indicators> title="人口" dataIndex="population" align="right" render={(v: number | null) => formatValue(v, '人')} />
            <Table.Column<Indicators> title="机构数" dataIndex="institutions" align="right" />
            <Table.Column<Indicators> title="托位数" dataIndex="slots" align="right" />
            <Table.Column<Indicators>
              title="千人托位数"
              align="right"
              render={(_, r) => {
                const met = metOf(r, 'slots_per_1000_met');
                return <span>{formatValue(valueOf(r, 'slots_per_1000'), '')} {met !== null && <Tag color={met ? 'green' : 'red'}>{met ? '达标' : '未达标'}</Tag>}</span>;
              }}
            />
            <Table.Column<Indicators>
              title={<span>距千人托位目标缺口 <Link to={`/gap-plan?year=${year}`} data-testid="statistics-gap-plan-link">缺口规划</Link></span>}
              align="right"
              render={(_, r) => {
                const gap = slotGap(r.slots, valueOf(r, 'population'), valueOf(r, 'slots_per_1000_target'));
                return gap ? <Link to={`/gap-plan?year=${year}`}>{formatValue(gap, '个')}</Link> : formatValue(gap, '个');
              }}
            />
            <Table.Column<Indicators> title="普惠托位占比" align="right" render={(_, r) => formatValue(valueOf(r, 'affordable_share'), '%')} />
            <Table.Column<Indicators> title="新增托位" dataIndex="new_slots" align="right" />
            <Table.Column<Indicators> title="任务完成率" align="right" render={(_, r) => formatValue(valueOf(r, 'task_completion'), '%')} />
            <Table.Column<Indicators> title="街道普惠覆盖率" align="right" render={(_, r) => formatValue(valueOf(r, 'street_coverage'), '%')} />
            {row?.full_access && <Table.Column<Indicators> title="持证上岗率" align="right" render={(_, r) => formatValue(valueOf(r, 'certified_staff_rate'), '%')} />}
          </Table>
        </Card>
      )}

      <Drawer
        title={drill ? `${drill.label} · 明细` : ''}
        open={Boolean(drill)}
        onClose={() => setDrill(null)}
        width={Math.min(1000, typeof window === 'undefined' ? 1000 : window.innerWidth - 40)}
        extra={
          drillRows.data && (
            <Button icon={<DownloadOutlined />} loading={exporting} data-testid="drill-export"
              onClick={() => void onExport(`${region.name}${drill?.label ?? ''}明细`, drillRows.data!.columns, drillRows.data!.rows)}>
              导出 Excel
            </Button>
          )
        }
      >
        {drillRows.isError && <QueryError error={drillRows.error as { message?: string }} onRetry={() => void drillRows.refetch()} />}
        <DrillView table={drillRows.data} loading={drillRows.isFetching} />
      </Drawer>
    </List>
  );
}

function DrillView({ table, loading }: { table: DrillTable | undefined; loading: boolean }) {
  return (
    <div data-testid="drill-table" data-state={loading ? 'loading' : 'ready'}>
      <Typography.Paragraph strong data-testid="drill-title">{table?.title ?? ''}</Typography.Paragraph>
      <Table<DrillRow>
        rowKey={(r) => String(r.id)}
        dataSource={table?.rows ?? []}
        loading={loading}
        size="small"
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={(table?.columns ?? []).map((c) => ({ key: c.key, dataIndex: c.key, title: c.title }))}
      />
    </div>
  );
}
