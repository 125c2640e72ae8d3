import { DownloadOutlined } from '@ant-design/icons';
import { List } from '@refinedev/antd';
import { usePermissions } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Empty, InputNumber, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { lazy, Suspense, useState, type HTMLAttributes, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { QueryError } from '../../components/common/query-states.tsx';
import { RequirePermission } from '../../components/require-permission.tsx';
import { useRegionScope } from '../../contexts/region-scope.tsx';
import type { ExportColumn } from '../../lib/export/xlsx.ts';
import type { Permissions } from '../../lib/permissions.ts';
import { FIRST_YEAR, formatValue, SUB_LEVEL_LABEL, type Region } from '../statistics/queries.ts';
import {
  DEFAULT_PLACES, fetchCandidates, fetchGapRegions, fetchStreetsWithoutAffordable, fetchUncoveredAreas, num,
  type CandidateRow, type GapRegionRow, type GapStreetRow, type UncoveredAreaRow,
} from './queries.ts';

const CandidatesChart = lazy(() => import('./chart.tsx'));
const ADMIN_ROLES = ['province_admin', 'city_admin', 'county_admin'];

/** 缺口规划 for county, city and province admins: slots lacking, streets without 普惠, points outside every circle, where to add. */
export function GapPlanPage() {
  return (
    <RequirePermission anyOf={['stats.gap_plan']}>
      <GapPlan />
    </RequirePermission>
  );
}

const fmt = (v: number | string | null | undefined, unit = '') => formatValue(num(v), unit);
/** "4.40 → 4.57" */
const beforeAfter = (before: number | string | null | undefined, after: number | string | null | undefined, unit = '') =>
  `${fmt(before, unit)} → ${fmt(after, unit)}`;

function GapPlan() {
  const { message } = App.useApp();
  const { data: permissions } = usePermissions<Permissions>({});
  const { selected } = useRegionScope();
  const [params, setParams] = useSearchParams();
  const scope = permissions?.scopes.find((s) => ADMIN_ROLES.includes(s.role));
  const region: Region | null = selected ?? (scope ? { code: scope.regionCode, level: scope.regionLevel, name: scope.regionName ?? scope.regionCode } : null);
  const thisYear = new Date().getFullYear();
  const asked = Number(params.get('year'));
  const year = Number.isInteger(asked) && asked >= FIRST_YEAR && asked <= thisYear ? asked : thisYear;
  const [places, setPlaces] = useState(DEFAULT_PLACES);
  const [exporting, setExporting] = useState(false);

  const enabled = Boolean(region);
  const regions = useQuery({ queryKey: ['gap-plan-regions', region?.code, year], queryFn: () => fetchGapRegions(region!.code, year), enabled });
  const streets = useQuery({ queryKey: ['gap-plan-streets', region?.code, year], queryFn: () => fetchStreetsWithoutAffordable(region!.code, year), enabled });
  const uncovered = useQuery({ queryKey: ['gap-plan-uncovered', region?.code], queryFn: () => fetchUncoveredAreas(region!.code), enabled });
  const candidates = useQuery({
    queryKey: ['gap-plan-candidates', region?.code, year, places],
    queryFn: () => fetchCandidates(region!.code, year, places),
    enabled,
  });

  if (!region) return <List title="缺口规划"><Typography.Text>您的账号没有区划管理范围。</Typography.Text></List>;
  const subLabel = SUB_LEVEL_LABEL[region.level] || '街道（乡镇）';
  const total = regions.data?.find((r) => r.is_total);
  const subs = (regions.data ?? []).filter((r) => !r.is_total);

  async function onExport<Row>(title: string, columns: ExportColumn<Row>[], rows: Row[]) {
    setExporting(true);
    try {
      const { downloadXlsx, exportFileName } = await import('../../lib/export/xlsx.ts');
      await downloadXlsx<Row>({ fileName: exportFileName(title), sheetName: title, rows, columns });
    } catch {
      message.error('导出失败，请重试');
    } finally {
      setExporting(false);
    }
  }
  const exportButton = (onClick: () => void, disabled: boolean, testId: string) => (
    <Button icon={<DownloadOutlined />} loading={exporting} disabled={disabled} onClick={onClick} data-testid={testId}>导出 Excel</Button>
  );
  const section = (title: string, testId: string, query: { isError: boolean; error: unknown; refetch: () => unknown; isFetching: boolean }, extra: ReactNode, body: ReactNode) => (
    <Card title={title} style={{ marginTop: 16 }} extra={extra} data-testid={testId} data-state={query.isFetching ? 'loading' : 'ready'}>
      {query.isError && <QueryError error={query.error as { message?: string }} onRetry={() => void query.refetch()} />}
      {body}
    </Card>
  );

  const regionColumns: ExportColumn<GapRegionRow>[] = [
    { header: '区划', value: (r) => (r.is_total ? `${r.region_name}（合计）` : r.region_name) },
    { header: '常住人口', value: (r) => num(r.population) },
    { header: '人口年度', value: (r) => num(r.population_year) },
    { header: `${year}年末托位数`, value: (r) => r.slots },
    { header: '千人托位数', value: (r) => num(r.slots_per_1000) },
    { header: '千人托位目标', value: (r) => num(r.slots_per_1000_target) },
    { header: '距目标缺少托位（个）', value: (r) => num(r.slots_lacking) },
    { header: '街道（乡镇）数', value: (r) => r.streets },
    { header: '有普惠机构的街道', value: (r) => r.streets_covered },
    { header: '15分钟服务圈覆盖率（%）', value: (r) => num(r.service_circle_coverage) },
  ];
  const streetColumns: ExportColumn<GapStreetRow>[] = [
    { header: '县（区）', value: (r) => r.county_name },
    { header: '街道（乡镇）', value: (r) => r.street_name },
    { header: '常住人口', value: (r) => num(r.population) },
    { header: '已备案机构（非普惠）', value: (r) => r.institutions },
    { header: '托位数', value: (r) => r.slots },
    { header: '居民点', value: (r) => r.residential_points },
    { header: '在服务圈内的居民点', value: (r) => r.residential_points_covered },
  ];
  const areaColumns: ExportColumn<UncoveredAreaRow>[] = [
    { header: '居民点', value: (r) => r.name },
    { header: '县（区）', value: (r) => r.county_name },
    { header: '街道（乡镇）', value: (r) => r.street_name },
    { header: '户数', value: (r) => num(r.households) },
    { header: '纬度（GCJ-02）', value: (r) => num(r.lat) },
    { header: '经度（GCJ-02）', value: (r) => num(r.lng) },
    { header: '最近的已备案机构', value: (r) => r.nearest_institution_name },
    { header: '距离（米）', value: (r) => num(r.nearest_distance_m) },
  ];
  const candidateColumns: ExportColumn<CandidateRow>[] = [
    { header: '排名', value: (r) => r.rank },
    { header: '县（区）', value: (r) => r.county_name },
    { header: '街道（乡镇）', value: (r) => r.street_name },
    { header: '建议选址（居民点）', value: (r) => r.site_name },
    { header: '新增托位', value: (r) => r.added_slots },
    { header: '使街道首次有普惠机构', value: (r) => (r.gains_affordable ? '是' : '否') },
    { header: '新覆盖居民点', value: (r) => r.points_newly_covered },
    { header: '新覆盖户数', value: (r) => r.households_newly_covered },
    { header: `所在${subLabel}`, value: (r) => r.sub_name },
    { header: `所在${subLabel}缺少托位`, value: (r) => num(r.sub_slots_lacking) },
    { header: `所在${subLabel}千人托位数`, value: (r) => num(r.sub_slots_per_1000) },
    { header: `所在${subLabel}千人托位数（建成后）`, value: (r) => num(r.sub_slots_per_1000_after) },
    { header: `${region.name}千人托位数`, value: (r) => num(r.slots_per_1000) },
    { header: `${region.name}千人托位数（建成后）`, value: (r) => num(r.slots_per_1000_after) },
    { header: '普惠托位占比（%）', value: (r) => num(r.affordable_share) },
    { header: '普惠托位占比（建成后，%）', value: (r) => num(r.affordable_share_after) },
    { header: '街道普惠覆盖率（%）', value: (r) => num(r.street_coverage) },
    { header: '街道普惠覆盖率（建成后，%）', value: (r) => num(r.street_coverage_after) },
    { header: '15分钟服务圈覆盖率（%）', value: (r) => num(r.service_circle_coverage) },
    { header: '15分钟服务圈覆盖率（建成后，%）', value: (r) => num(r.service_circle_coverage_after) },
  ];

  return (
    <List
      title={`缺口规划 · ${region.name}`}
      headerButtons={
        <Space wrap>
          <span>年度</span>
          <Select
            data-testid="gap-plan-year"
            value={year}
            onChange={(y: number) => setParams((p) => { p.set('year', String(y)); return p; }, { replace: true })}
            style={{ width: 110 }}
            options={Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: `${y}年` }))}
          />
          <span>新建机构规模</span>
          <InputNumber data-testid="gap-plan-places" min={1} max={1000} value={places} addonAfter="个托位"
            onChange={(v) => { if (typeof v === 'number' && v >= 1 && v <= 1000) setPlaces(Math.round(v)); }} style={{ width: 160 }} />
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        托位按{year}年12月31日（当年为今天）的登记时间线计算，服务圈按今天的现状计算（居民点1公里内有已备案机构即在15分钟托育服务圈内）。
        公式见各部分说明，与“指标统计”一致。
      </Typography.Paragraph>

      {section(`一、各${subLabel}距千人托位目标缺少的托位`, 'gap-regions', regions,
        exportButton(() => void onExport(`${region.name}${year}年托位缺口`, regionColumns, regions.data ?? []), !regions.data, 'gap-regions-export'),
        <>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            缺少托位 = ⌈千人托位目标 × 常住人口 ÷ 1000⌉ − 托位数（不小于0）；没有人口数据或目标时为“—”。合计行按{region.name}整体计算，已达标的{subLabel}不抵补未达标的。
          </Typography.Paragraph>
          {total && (
            <Typography.Paragraph data-testid="gap-total">
              {region.name}：托位 {total.slots.toLocaleString('zh-CN')} 个，千人托位数 {fmt(total.slots_per_1000)}（目标 {fmt(total.slots_per_1000_target)}），
              距目标缺少 <Typography.Text strong>{fmt(total.slots_lacking, '个')}</Typography.Text> 个托位；
              {subs.filter((r) => (num(r.slots_lacking) ?? 0) > 0).length} 个{subLabel}未达标。
            </Typography.Paragraph>
          )}
          <Table<GapRegionRow>
            rowKey="code"
            dataSource={subs}
            loading={regions.isLoading}
            pagination={false}
            size="small"
            scroll={{ x: 800 }}
            locale={{ emptyText: <Empty description={region.level === 'street' ? '街道没有下级区划' : `没有${subLabel}`} /> }}
          >
            <Table.Column<GapRegionRow> title={subLabel} dataIndex="region_name" render={(v: string) => <span data-testid="gap-region-name">{v}</span>} />
            <Table.Column<GapRegionRow> title="常住人口" align="right" render={(_, r) => fmt(r.population)} />
            <Table.Column<GapRegionRow> title="托位数" dataIndex="slots" align="right" />
            <Table.Column<GapRegionRow> title="千人托位数" align="right" render={(_, r) => fmt(r.slots_per_1000)} />
            <Table.Column<GapRegionRow> title="目标" align="right" render={(_, r) => fmt(r.slots_per_1000_target)} />
            <Table.Column<GapRegionRow>
              title="缺少托位"
              align="right"
              render={(_, r) => {
                const gap = num(r.slots_lacking);
                return gap === null ? '—' : gap > 0 ? <Tag color="red" data-testid="gap-lacking">{gap.toLocaleString('zh-CN')}</Tag> : <Tag color="green">已达标</Tag>;
              }}
            />
            <Table.Column<GapRegionRow> title="有普惠机构的街道" align="right" render={(_, r) => `${r.streets_covered}/${r.streets}`} />
            <Table.Column<GapRegionRow> title="服务圈覆盖率" align="right" render={(_, r) => fmt(r.service_circle_coverage, '%')} />
          </Table>
        </>,
      )}

      {section('二、没有普惠机构的街道（乡镇）', 'gap-streets', streets,
        exportButton(() => void onExport(`${region.name}${year}年没有普惠机构的街道`, streetColumns, streets.data ?? []), !streets.data?.length, 'gap-streets-export'),
        <Table<GapStreetRow>
          rowKey="street_code"
          dataSource={streets.data ?? []}
          loading={streets.isLoading}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          size="small"
          locale={{ emptyText: <Empty description={`${year}年末每个街道（乡镇）都有已备案的普惠托育机构`} /> }}
        >
          <Table.Column<GapStreetRow> title="县（区）" dataIndex="county_name" />
          <Table.Column<GapStreetRow> title="街道（乡镇）" dataIndex="street_name" render={(v: string) => <span data-testid="gap-street-name">{v}</span>} />
          <Table.Column<GapStreetRow> title="常住人口" align="right" render={(_, r) => fmt(r.population)} />
          <Table.Column<GapStreetRow> title="已备案机构（均非普惠）" dataIndex="institutions" align="right" />
          <Table.Column<GapStreetRow> title="托位数" dataIndex="slots" align="right" />
          <Table.Column<GapStreetRow> title="居民点在服务圈内" align="right" render={(_, r) => `${r.residential_points_covered}/${r.residential_points}`} />
        </Table>,
      )}

      {section('三、不在15分钟托育服务圈内的居民点', 'gap-uncovered', uncovered,
        exportButton(() => void onExport(`${region.name}服务圈外的居民点`, areaColumns, uncovered.data ?? []), !uncovered.data?.length, 'gap-uncovered-export'),
        <>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            1公里（步行约15分钟）内没有已备案托育机构的居民点，按到最近已备案机构（不限区划）的直线距离从远到近排列；家庭托育点按公开的约1公里精度位置计算。
          </Typography.Paragraph>
          <Table<UncoveredAreaRow>
            rowKey="id"
            dataSource={uncovered.data ?? []}
            loading={uncovered.isLoading}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            size="small"
            scroll={{ x: 800 }}
            locale={{ emptyText: <Empty description="所有居民点都在15分钟托育服务圈内" /> }}
          >
            <Table.Column<UncoveredAreaRow> title="居民点" dataIndex="name" render={(v: string) => <span data-testid="gap-area-name">{v}</span>} />
            {region.level !== 'county' && region.level !== 'street' && <Table.Column<UncoveredAreaRow> title="县（区）" dataIndex="county_name" />}
            <Table.Column<UncoveredAreaRow> title="街道（乡镇）" dataIndex="street_name" />
            <Table.Column<UncoveredAreaRow> title="户数" align="right" render={(_, r) => fmt(r.households)} />
            <Table.Column<UncoveredAreaRow> title="坐标（GCJ-02）" render={(_, r) => `${num(r.lat)?.toFixed(6) ?? '—'}, ${num(r.lng)?.toFixed(6) ?? '—'}`} />
            <Table.Column<UncoveredAreaRow> title="最近的已备案机构" render={(_, r) => r.nearest_institution_name ?? '无'} />
            <Table.Column<UncoveredAreaRow> title="距离" align="right" render={(_, r) => (num(r.nearest_distance_m) === null ? '—' : `${fmt(r.nearest_distance_m)} 米`)} />
          </Table>
        </>,
      )}

      {section('四、新增托位放在哪里提升最大', 'gap-candidates', candidates,
        exportButton(() => void onExport(`${region.name}${year}年新增托位候选`, candidateColumns, candidates.data ?? []), !candidates.data?.length, 'gap-candidates-export'),
        <>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }} data-testid="gap-candidates-rule">
            设想在每个街道（乡镇）新建1个{places}个托位的普惠托育机构，选址在该街道服务圈外、1公里内能覆盖最多服务圈外居民点的居民点。
            排名：先是使街道首次有普惠机构的（街道普惠覆盖率提高），再按新覆盖的居民点数（15分钟服务圈覆盖率提高），再按所在{subLabel}缺少的托位。
            千人托位数和普惠托位占比对每个候选提高得一样多，表中给出建成后的数值。
          </Typography.Paragraph>
          {candidates.data && candidates.data.length > 0 && (
            <Suspense fallback={<Spin><div style={{ height: 260 }} /></Spin>}>
              <CandidatesChart rows={candidates.data} />
            </Suspense>
          )}
          <Table<CandidateRow>
            rowKey="street_code"
            dataSource={candidates.data ?? []}
            loading={candidates.isLoading}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            size="small"
            scroll={{ x: 1200 }}
            locale={{ emptyText: <Empty description="区划内没有街道（乡镇）" /> }}
            onRow={() => ({ 'data-testid': 'gap-candidate-row' }) as HTMLAttributes<HTMLElement>}
          >
            <Table.Column<CandidateRow> title="排名" dataIndex="rank" width={60} />
            <Table.Column<CandidateRow> title="街道（乡镇）" render={(_, r) => (region.level === 'county' || region.level === 'street' ? r.street_name : `${r.county_name} ${r.street_name}`)} />
            <Table.Column<CandidateRow> title="建议选址" render={(_, r) => r.site_name ?? '—（街道内居民点都已覆盖）'} />
            <Table.Column<CandidateRow>
              title="街道普惠覆盖率"
              render={(_, r) => <span>{beforeAfter(r.street_coverage, r.street_coverage_after, '%')} {r.gains_affordable && <Tag color="blue">首个普惠机构</Tag>}</span>}
            />
            <Table.Column<CandidateRow> title="新覆盖居民点（户）" align="right" render={(_, r) => `${r.points_newly_covered}（${r.households_newly_covered.toLocaleString('zh-CN')}户）`} />
            <Table.Column<CandidateRow> title="15分钟服务圈覆盖率" render={(_, r) => beforeAfter(r.service_circle_coverage, r.service_circle_coverage_after, '%')} />
            <Table.Column<CandidateRow>
              title={`所在${subLabel}千人托位数`}
              render={(_, r) => (
                <span>{r.sub_name}：{beforeAfter(r.sub_slots_per_1000, r.sub_slots_per_1000_after)}{(num(r.sub_slots_lacking) ?? 0) > 0 && <Tag color="red" style={{ marginLeft: 4 }}>缺{r.sub_slots_lacking}</Tag>}</span>
              )}
            />
            <Table.Column<CandidateRow> title={`${region.name}千人托位数`} render={(_, r) => beforeAfter(r.slots_per_1000, r.slots_per_1000_after)} />
            <Table.Column<CandidateRow> title="普惠托位占比" render={(_, r) => beforeAfter(r.affordable_share, r.affordable_share_after, '%')} />
          </Table>
        </>,
      )}
    </List>
  );
}
