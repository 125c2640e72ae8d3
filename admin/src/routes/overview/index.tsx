import { List } from '@refinedev/antd';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Row, Space, Spin, Statistic, Table, Tag } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { EmptyState, QueryError } from '../../components/common/query-states.tsx';
import { RequirePermission } from '../../components/require-permission.tsx';
import { useRegionScope } from '../../contexts/region-scope.tsx';
import { fetchOverview, totals } from './queries.ts';
import { overviewAreas, type AreaOverview } from './roll-up.ts';

const OverviewCharts = lazy(() => import('./charts.tsx'));

/** 备案总览 for city and province admins: per county filings by status, overdue reviews, institutions and slots. */
export function OverviewPage() {
  return (
    <RequirePermission anyOf={['stats.overview']}>
      <Overview />
    </RequirePermission>
  );
}

function Overview() {
  const { selected } = useRegionScope();
  const overview = useQuery({ queryKey: ['filing-overview', selected?.code ?? null], queryFn: () => fetchOverview(selected?.code ?? null) });
  const rows = overview.data ?? [];
  const sum = totals(rows);
  // A province reads by city; a city's row drills down to its counties.
  const [city, setCity] = useState<{ code: string; name: string } | null>(null);
  useEffect(() => setCity(null), [selected?.code]);
  const areas = overviewAreas(rows, city?.code ?? null);
  const byCity = areas[0]?.level === 'city';
  return (
    <List title={`备案总览${selected ? ` · ${selected.name}` : ''}${city ? ` · ${city.name}` : ''}`}>
      {city ? (
        <Space style={{ marginBottom: 12 }}>
          <Button onClick={() => setCity(null)} data-testid="overview-back">
            返回各市
          </Button>
          <span>{city.name}各县区</span>
        </Space>
      ) : null}
      {overview.isError && <QueryError error={overview.error as { message?: string }} onRetry={() => void overview.refetch()} />}
      <Row gutter={16} style={{ marginBottom: 16 }} data-testid="overview-totals">
        <Col xs={12} md={4}>
          <Card size="small"><Statistic title="县区数" value={sum.counties} /></Card>
        </Col>
        <Col xs={12} md={5}>
          <Card size="small"><Statistic title="待审核备案" value={sum.pending} /></Card>
        </Col>
        <Col xs={12} md={5}>
          <Card size="small">
            <Statistic title="超期未办结" value={sum.overdue} valueStyle={sum.overdue > 0 ? { color: '#cf1322' } : undefined} />
          </Card>
        </Col>
        <Col xs={12} md={5}>
          <Card size="small"><Statistic title="已备案机构" value={sum.filed} /></Card>
        </Col>
        <Col xs={12} md={5}>
          <Card size="small"><Statistic title="托位数" value={sum.slots} /></Card>
        </Col>
      </Row>
      {rows.length > 0 && (
        <Suspense fallback={<Spin tip="图表加载中…"><div style={{ height: 300 }} /></Spin>}>
          <OverviewCharts rows={areas} areaLabel={byCity ? '市' : '县区'} onOpen={byCity ? (r) => setCity({ code: r.county_code, name: r.county_name }) : undefined} />
        </Suspense>
      )}
      <div data-testid="overview-table" data-state={overview.isFetching ? 'loading' : 'ready'} data-level={byCity ? 'city' : 'county'} style={{ marginTop: 16 }}>
        <Table<AreaOverview>
          rowKey="county_code"
          dataSource={areas}
          loading={overview.isLoading}
          pagination={false}
          size="middle"
          locale={{ emptyText: <EmptyState description="您的管辖范围内暂无县区数据" /> }}
          scroll={{ x: 1100 }}
        >
          <Table.Column<AreaOverview>
            title={byCity ? '市' : '县区'}
            fixed="left"
            render={(_, r) =>
              byCity ? (
                <Button type="link" style={{ padding: 0 }} onClick={() => setCity({ code: r.county_code, name: r.county_name })} data-testid="overview-city">
                  {r.county_name}
                </Button>
              ) : (
                <span data-testid="overview-county">{r.county_name}</span>
              )
            }
          />
          {byCity ? (
            <Table.Column<AreaOverview> title="县区数" dataIndex="counties" align="right" />
          ) : (
            <Table.Column<AreaOverview> title="所属市" dataIndex="city_name" render={(v: string | null) => v ?? '—'} />
          )}
          <Table.Column<AreaOverview> title="已提交" dataIndex="filings_submitted" align="right" />
          <Table.Column<AreaOverview> title="审核中" dataIndex="filings_under_review" align="right" />
          <Table.Column<AreaOverview> title="退回修改" dataIndex="filings_returned" align="right" />
          <Table.Column<AreaOverview> title="已备案" dataIndex="filings_approved" align="right" />
          <Table.Column<AreaOverview> title="不予备案" dataIndex="filings_rejected" align="right" />
          <Table.Column<AreaOverview>
            title="超期未办结"
            dataIndex="overdue_reviews"
            align="right"
            render={(v: number) => (v > 0 ? <Tag color="red">{v}</Tag> : v)}
          />
          <Table.Column<AreaOverview> title="机构数" dataIndex="institutions_total" align="right" />
          <Table.Column<AreaOverview> title="已备案机构" dataIndex="institutions_filed" align="right" />
          <Table.Column<AreaOverview> title="普惠机构" dataIndex="institutions_affordable" align="right" />
          <Table.Column<AreaOverview> title="托位数" dataIndex="slots" align="right" />
          <Table.Column<AreaOverview> title="普惠托位" dataIndex="affordable_slots" align="right" />
          <Table.Column<AreaOverview> title="在托人数" dataIndex="enrolled" align="right" />
        </Table>
      </div>
    </List>
  );
}
