import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { usePermissions } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Segmented, Skeleton, Space, Typography } from 'antd';
import {
  BULLETIN_PERIOD_KIND_LABELS, bulletinTitle, chinaToday, formatDate, monthPeriod, weekPeriod,
  type BulletinPeriod, type BulletinPeriodKind,
} from '@tuoyu/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { QueryError } from '../../components/common/query-states.tsx';
import { RequirePermission } from '../../components/require-permission.tsx';
import { useRegionScope } from '../../contexts/region-scope.tsx';
import type { Permissions } from '../../lib/permissions.ts';
import { formatValue, metOf, SUB_LEVEL_LABEL, valueOf, type Region } from '../statistics/queries.ts';
import { BULLETIN_INDICATORS, fetchBulletin, figureText, shortfallText, type Bulletin, type DayIndicators } from './queries.ts';
import './print.css';

const BULLETIN_ROLES = ['province_admin', 'city_admin'];

/** 通报: a city's or province's monthly or weekly bulletin, printable and exportable. */
export function BulletinsPage() {
  return (
    <RequirePermission anyOf={['stats.bulletin']}>
      <Bulletins />
    </RequirePermission>
  );
}

/** The period from the address (?kind=month|week&date=YYYY-MM-DD); default: last month. */
function periodOf(kind: BulletinPeriodKind, date: string): BulletinPeriod {
  if (kind === 'week') return weekPeriod(date);
  const [y, m] = date.split('-').map(Number);
  return monthPeriod(y!, m!);
}

function defaultDate(kind: BulletinPeriodKind): string {
  const today = dayjs(chinaToday());
  return (kind === 'week' ? today.subtract(7, 'day') : today.subtract(1, 'month').startOf('month')).format('YYYY-MM-DD');
}

function Bulletins() {
  const { message } = App.useApp();
  const { data: permissions } = usePermissions<Permissions>({});
  const { selected } = useRegionScope();
  const [params, setParams] = useSearchParams();
  const [exporting, setExporting] = useState(false);
  const scope = permissions?.scopes.find((s) => BULLETIN_ROLES.includes(s.role));
  const region: Region | null = selected ?? (scope ? { code: scope.regionCode, level: scope.regionLevel, name: scope.regionName ?? scope.regionCode } : null);
  const kind: BulletinPeriodKind = params.get('kind') === 'week' ? 'week' : 'month';
  const dateParam = params.get('date');
  const date = dateParam && /^\d{4}-\d{2}-\d{2}$/.test(dateParam) ? dateParam : defaultDate(kind);
  const period = periodOf(kind, date);
  const bulletin = useQuery({
    queryKey: ['region-bulletin', region?.code, period.kind, period.end],
    queryFn: () => fetchBulletin(region!.code, period),
    enabled: Boolean(region) && (region?.level === 'city' || region?.level === 'province'),
  });

  if (!region) return <Typography.Text>您的账号没有区划管理范围。</Typography.Text>;
  if (region.level !== 'city' && region.level !== 'province') {
    return <Alert type="info" showIcon message="通报面向市、省两级" description="请在页头的区划选择中选择一个市或省，或回到本级。" data-testid="bulletin-level" />;
  }
  const title = bulletinTitle(region.name, period);
  const subLabel = SUB_LEVEL_LABEL[region.level];

  const choose = (next: BulletinPeriodKind, day: Dayjs | null) =>
    setParams({ kind: next, date: (day ?? dayjs(defaultDate(next))).format('YYYY-MM-DD') }, { replace: true });

  async function onExport(data: Bulletin) {
    setExporting(true);
    try {
      const { exportBulletin } = await import('./export.ts');
      await exportBulletin(title, subLabel, data);
    } catch (e) {
      message.error(`导出失败：${(e as Error).message}`);
    } finally {
      setExporting(false);
    }
  }

  return (
    <div>
      <Space className="no-print" wrap style={{ marginBottom: 16 }}>
        <Segmented<BulletinPeriodKind>
          data-testid="bulletin-kind"
          value={kind}
          onChange={(k) => choose(k, null)}
          options={(['month', 'week'] as const).map((k) => ({ value: k, label: BULLETIN_PERIOD_KIND_LABELS[k] }))}
        />
        <DatePicker
          data-testid="bulletin-period"
          picker={kind}
          allowClear={false}
          value={dayjs(date)}
          onChange={(d) => choose(kind, d)}
          disabledDate={(d) => d.isAfter(dayjs(chinaToday()), 'day')}
        />
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!bulletin.data} data-testid="bulletin-print">打印</Button>
        <Button icon={<DownloadOutlined />} loading={exporting} disabled={!bulletin.data} onClick={() => bulletin.data && void onExport(bulletin.data)} data-testid="bulletin-export">
          导出 Excel
        </Button>
      </Space>
      {bulletin.isError && <QueryError error={bulletin.error as { message?: string }} onRetry={() => void bulletin.refetch()} />}
      {bulletin.isLoading && <Skeleton active />}
      {bulletin.data && <BulletinSheet title={title} region={region} subLabel={subLabel} period={period} data={bulletin.data} />}
    </div>
  );
}

function MetCell({ row, info }: { row: DayIndicators; info: (typeof BULLETIN_INDICATORS)[number] }) {
  const met = metOf(row, info.met);
  const unit = info.key === 'new_slots' ? '个' : info.unit;
  return (
    <td className={met === false ? 'behind' : undefined}>
      {formatValue(valueOf(row, info.key), unit)}
      {info.target && valueOf(row, info.target) !== null && (
        <div className="bulletin-target">目标 {formatValue(valueOf(row, info.target), unit)}{met !== null && <span> {met ? '✓达标' : '✗未达标'}</span>}</div>
      )}
    </td>
  );
}

function BulletinSheet({ title, region, subLabel, period, data }: { title: string; region: Region; subLabel: string; period: BulletinPeriod; data: Bulletin }) {
  const t = data.total;
  const scopeWord = region.level === 'city' ? '全市' : '全省';
  const slotsMet = metOf(t, 'slots_per_1000_met');
  const summary = [
    `截至${formatDate(t.as_of)}，${scopeWord}已备案托育机构${t.institutions}个，其中普惠托育机构${t.affordable_institutions}个；托位${t.slots.toLocaleString('zh-CN')}个`,
    `千人托位数${figureText(t, 'slots_per_1000', '')}${valueOf(t, 'slots_per_1000_target') !== null ? `（目标${figureText(t, 'slots_per_1000_target', '')}，${slotsMet ? '已达标' : '未达标'}）` : ''}`,
    `普惠托位占比${figureText(t, 'affordable_share', '%')}`,
    `${t.for_year}年以来新增托位${t.new_slots}个${valueOf(t, 'annual_task') !== null ? `，完成年度任务${figureText(t, 'task_completion', '%')}` : ''}`,
  ].join('；') + '。';
  return (
    <article className="bulletin-sheet" data-testid="bulletin">
      <h1 data-testid="bulletin-title">{title}</h1>
      <p className="bulletin-meta">统计期：{formatDate(period.start)}至{formatDate(period.end)}{'　'}数据截至：{formatDate(t.as_of)}</p>
      <h2>一、总体情况</h2>
      <p data-testid="bulletin-summary">{summary}</p>
      <h2>二、各{subLabel}指标</h2>
      <table className="bulletin-table" data-testid="bulletin-table">
        <thead>
          <tr>
            <th>{subLabel}</th>
            {BULLETIN_INDICATORS.map((i) => <th key={i.key}>{i.label}（{i.key === 'new_slots' ? '个' : i.unit}）</th>)}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((r) => (
            <tr key={r.code} data-testid="bulletin-row">
              <th scope="row">{r.region_name}</th>
              {BULLETIN_INDICATORS.map((i) => <MetCell key={i.key} row={r} info={i} />)}
            </tr>
          ))}
        </tbody>
      </table>
      <h2>三、未达标情况</h2>
      {data.behind.length === 0 ? (
        <p data-testid="bulletin-behind-none">各{subLabel}已设目标的指标均已达标。</p>
      ) : (
        <ol data-testid="bulletin-behind">
          {data.behind.map((b) => (
            <li key={b.row.code} data-testid="bulletin-behind-item">
              <strong>{b.row.region_name}</strong>：{b.shortfalls.map(shortfallText).join('；')}。
            </li>
          ))}
        </ol>
      )}
      <h2>四、说明</h2>
      <p className="bulletin-notes">
        托位类指标按统计期末（{formatDate(t.as_of)}）的备案登记时间线计算；新增托位为{t.for_year}年初至期末的净增数，年度任务完成率 = 新增托位 ÷ 年度新增托位任务；
        持证上岗率、婴幼儿电子健康档案建档率按通报生成时（{formatDate(t.current_as_of)}）的现状计算。目标为本级目标，未设时沿用上级目标；未设目标的指标不作达标评判（—）。
      </p>
      <footer className="bulletin-footer">
        <div>{region.name}卫生健康委员会</div>
        <div>{formatDate(t.current_as_of)}</div>
      </footer>
    </article>
  );
}
