import { DownloadOutlined } from '@ant-design/icons';
import { List } from '@refinedev/antd';
import { useQuery } from '@tanstack/react-query';
import { EVENT_KIND_LABELS } from '@tuoyu/domain';
import { Button, Card, Col, Row, Select, Statistic, Table } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { QueryError } from '../../components/common/query-states.tsx';
import { fetchCampaignReport, fetchCampaigns, fetchRegionNames, type ReportRow } from './queries.ts';

const Column = lazy(() => import('@ant-design/plots').then((m) => ({ default: m.Column })));

type Level = 'street' | 'county' | 'city';
type Line = { key: string; area: string; events: number; signups: number; attended: number; noShows: number };

/** Sum the report's rows (per street and kind) up to the chosen level. */
function rollUp(rows: ReportRow[], level: Level, names: Map<string, string>): Line[] {
  const lines = new Map<string, Line>();
  for (const r of rows) {
    const key = level === 'city' ? r.city_code : level === 'county' ? r.county_code : (r.street_code ?? r.county_code);
    const area = level === 'street' && !r.street_code ? `${names.get(r.county_code) ?? r.county_code}（县区活动）` : names.get(key) ?? key;
    const line = lines.get(key) ?? { key, area, events: 0, signups: 0, attended: 0, noShows: 0 };
    line.events += r.events_held;
    line.signups += r.signups;
    line.attended += r.attended;
    line.noShows += r.no_shows;
    lines.set(key, line);
  }
  return [...lines.values()];
}

/** 宣传月统计: events held, sign-ups and attendance per street / county / city, by kind; XLSX. */
export function CampaignReport() {
  const campaigns = useQuery({ queryKey: ['events', 'campaigns'], queryFn: fetchCampaigns });
  const [picked, setPicked] = useState<string | undefined>();
  const campaignId = picked ?? campaigns.data?.[0]?.id;
  const [level, setLevel] = useState<Level>('street');
  const report = useQuery({ queryKey: ['events', 'report', campaignId], enabled: Boolean(campaignId), queryFn: () => fetchCampaignReport(campaignId ?? '') });
  const names = useQuery({
    queryKey: ['events', 'report-names', campaignId, report.data?.length ?? 0],
    enabled: Boolean(report.data),
    queryFn: () => fetchRegionNames((report.data ?? []).flatMap((r) => [r.city_code, r.county_code, r.street_code ?? ''])),
  });
  const rows = report.data ?? [];
  const lines = rollUp(rows, level, names.data ?? new Map());
  const byKind = Object.entries(EVENT_KIND_LABELS).map(([kind, label]) => ({
    kind: label,
    signups: rows.filter((r) => r.kind === kind).reduce((n, r) => n + r.signups, 0),
    attended: rows.filter((r) => r.kind === kind).reduce((n, r) => n + r.attended, 0),
  })).filter((k) => k.signups > 0);
  const campaign = campaigns.data?.find((c) => c.id === campaignId);
  const total = (f: keyof Line) => lines.reduce((n, l) => n + (l[f] as number), 0);

  const exportXlsx = async () => {
    const { downloadXlsx, exportFileName } = await import('../../lib/export/xlsx.ts');
    await downloadXlsx<Line>({
      fileName: exportFileName(`${campaign?.name ?? '宣传月'}统计`),
      sheetName: '宣传月统计',
      columns: [
        { header: '区域', value: (l) => l.area, width: 24 },
        { header: '活动场次', value: (l) => l.events },
        { header: '报名人数', value: (l) => l.signups },
        { header: '到场人数', value: (l) => l.attended },
        { header: '未到场人数', value: (l) => l.noShows },
      ],
      rows: lines,
    });
  };

  if (campaigns.isError) return <QueryError error={campaigns.error} onRetry={() => void campaigns.refetch()} />;
  return (
    <List title="宣传月统计">
      <Row gutter={12} style={{ marginBottom: 12 }}>
        <Col><Select style={{ minWidth: 280 }} value={campaignId} onChange={setPicked} data-testid="report-campaign"
          options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.starts_on}～${c.ends_on}）` }))} /></Col>
        <Col><Select value={level} onChange={setLevel} data-testid="report-level"
          options={[{ value: 'street', label: '按街道' }, { value: 'county', label: '按县区' }, { value: 'city', label: '按市' }]} /></Col>
        <Col><Button icon={<DownloadOutlined />} onClick={() => void exportXlsx()} disabled={lines.length === 0} data-testid="report-export">导出 Excel</Button></Col>
      </Row>
      {report.isError ? <QueryError error={report.error} onRetry={() => void report.refetch()} /> : null}
      <Row gutter={12} style={{ marginBottom: 12 }}>
        <Col span={6}><Card size="small"><Statistic title="活动场次" value={total('events')} /></Card></Col>
        <Col span={6}><Card size="small"><Statistic title="报名人数" value={total('signups')} /></Card></Col>
        <Col span={6}><Card size="small" data-testid="report-attended"><Statistic title="到场人数" value={total('attended')} /></Card></Col>
        <Col span={6}><Card size="small"><Statistic title="未到场" value={total('noShows')} /></Card></Col>
      </Row>
      {byKind.length > 0 ? (
        <Card size="small" title="按活动类型" style={{ marginBottom: 12 }}>
          <Suspense fallback={null}>
            <Column data={byKind.flatMap((k) => [{ kind: k.kind, n: k.signups, s: '报名' }, { kind: k.kind, n: k.attended, s: '到场' }])}
              xField="kind" yField="n" colorField="s" group height={240} />
          </Suspense>
        </Card>
      ) : null}
      <Table<Line>
        rowKey="key"
        loading={report.isPending && Boolean(campaignId)}
        dataSource={lines}
        data-testid="report-table"
        locale={{ emptyText: '该宣传月暂无已发布的活动（只统计宣传月日期内的活动）' }}
        pagination={false}
        columns={[
          { title: '区域', dataIndex: 'area' },
          { title: '活动场次', dataIndex: 'events' },
          { title: '报名人数', dataIndex: 'signups' },
          { title: '到场人数', dataIndex: 'attended' },
          { title: '未到场', dataIndex: 'noShows' },
        ]}
      />
    </List>
  );
}
