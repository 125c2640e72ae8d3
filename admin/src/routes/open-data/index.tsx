import { useQuery } from '@tanstack/react-query';
import { INSTITUTION_TYPE_LABELS, labelOf, OPERATING_MODEL_LABELS, OWNERSHIP_LABELS } from '@tuoyu/domain';
import { Alert, Button, Card, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { downloadFinanceXlsx, exportFileName, type ExportColumn } from '../../lib/export/xlsx.ts';
import { fetchOpenRegistry, fetchOpenRegistryCsv, fetchRegions, openRegistryUrl, type OpenRegistryRow, type RegionLevelColumn } from './queries.ts';

const COLUMNS: ExportColumn<OpenRegistryRow>[] = [
  { header: '备案号', value: (r) => r.filing_no, width: 18 },
  { header: '机构名称', value: (r) => r.name, width: 32 },
  { header: '类型', value: (r) => labelOf(INSTITUTION_TYPE_LABELS, r.type ?? '') },
  { header: '举办性质', value: (r) => labelOf(OWNERSHIP_LABELS, r.ownership ?? '') },
  { header: '运营模式', value: (r) => labelOf(OPERATING_MODEL_LABELS, r.operating_model ?? '') },
  { header: '普惠', value: (r) => (r.affordable ? '是' : '否'), width: 6 },
  { header: '县区', value: (r) => r.county_name },
  { header: '街道（乡镇）', value: (r) => r.street_name, width: 14 },
  { header: '地址', value: (r) => r.public_address, width: 40 },
  { header: '纬度', value: (r) => r.public_lat },
  { header: '经度', value: (r) => r.public_lng },
  { header: '联系电话', value: (r) => r.public_contact_phone, width: 16 },
  { header: '托位数', value: (r) => r.slots },
  { header: '备案日期', value: (r) => r.filed_on, width: 12 },
];

function save(name: string, text: string) {
  const url = URL.createObjectURL(new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** 开放数据: anyone downloads the registry of filed institutions of a region (家庭托育点 only as their street). */
export function OpenDataPage() {
  const [province, setProvince] = useState<string | undefined>();
  const [city, setCity] = useState<string | undefined>();
  const [county, setCounty] = useState<string | undefined>();
  const provinces = useQuery({ queryKey: ['open-data', 'regions', null], queryFn: () => fetchRegions(null) });
  const cities = useQuery({ queryKey: ['open-data', 'regions', province], enabled: Boolean(province), queryFn: () => fetchRegions(province ?? null) });
  const counties = useQuery({ queryKey: ['open-data', 'regions', city], enabled: Boolean(city), queryFn: () => fetchRegions(city ?? null) });
  const [column, code]: [RegionLevelColumn, string | undefined] = county ? ['county_code', county] : city ? ['city_code', city] : ['province_code', province];
  const rows = useQuery({ queryKey: ['open-data', column, code], enabled: Boolean(code), queryFn: () => fetchOpenRegistry(column, code ?? '') });
  const regionName = [provinces.data, cities.data, counties.data].flat().find((r) => r?.code === code)?.name ?? '';
  const [error, setError] = useState<string | null>(null);
  const run = (fn: () => Promise<void>) => {
    setError(null);
    fn().catch((e: Error) => setError(e.message));
  };
  const options = (list: { code: string; name: string }[] | undefined) => (list ?? []).map((r) => ({ value: r.code, label: r.name }));
  return (
    <div style={{ maxWidth: 1100, margin: '24px auto', padding: '0 16px' }} data-testid="open-data-page">
      <Card title="托育机构备案名录 · 开放数据">
        <Typography.Paragraph>
          已备案托育机构的公开信息，任何人可按行政区划下载（CSV、XLSX）。家庭托育点只公开所在街道，不公开详细地址和坐标，电话打码。
        </Typography.Paragraph>
        <Space wrap style={{ marginBottom: 16 }}>
          <Select placeholder="省" value={province} style={{ width: 160 }} data-testid="open-data-province" options={options(provinces.data)}
            onChange={(v) => { setProvince(v); setCity(undefined); setCounty(undefined); }} />
          <Select placeholder="市" value={city} style={{ width: 180 }} allowClear disabled={!province} data-testid="open-data-city" options={options(cities.data)}
            onChange={(v) => { setCity(v); setCounty(undefined); }} />
          <Select placeholder="县（区）" value={county} style={{ width: 180 }} allowClear disabled={!city} data-testid="open-data-county" options={options(counties.data)}
            onChange={setCounty} />
          <Button type="primary" disabled={!code} data-testid="open-data-csv"
            onClick={() => run(async () => save(`托育机构名录-${regionName}.csv`, await fetchOpenRegistryCsv(column, code ?? '')))}>下载 CSV</Button>
          <Button disabled={!code || !rows.data} data-testid="open-data-xlsx"
            onClick={() => run(() => downloadFinanceXlsx({ fileName: exportFileName(`托育机构名录-${regionName}`), sheetName: '托育机构名录', columns: COLUMNS, rows: rows.data ?? [] }))}>下载 XLSX</Button>
        </Space>
        {error && <Alert type="error" showIcon message="下载失败" description={error} style={{ marginBottom: 12 }} />}
        {code && (
          <Typography.Paragraph type="secondary" copyable={{ text: openRegistryUrl(column, code) }}>
            接口（匿名可读，请求头带 apikey；加 <code>Accept: text/csv</code> 返回 CSV）：<code>{openRegistryUrl(column, code)}</code>
          </Typography.Paragraph>
        )}
        <Table<OpenRegistryRow>
          rowKey={(r) => r.filing_no ?? ''}
          size="small"
          loading={rows.isLoading && Boolean(code)}
          dataSource={rows.data ?? []}
          pagination={{ pageSize: 20 }}
          data-testid="open-data-table"
          data-region={rows.data ? code : undefined}
          data-count={rows.data?.length}
          columns={COLUMNS.slice(0, 9).concat(COLUMNS.slice(12)).map((c) => ({ title: c.header, render: (_: unknown, r: OpenRegistryRow) => c.value(r) }))}
        />
      </Card>
    </div>
  );
}
