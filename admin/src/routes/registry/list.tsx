import { INSTITUTION_STATUS_LABELS, INSTITUTION_TYPE_LABELS, labelOf, labelOptions, OWNERSHIP_LABELS } from '@tuoyu/domain';
import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import { List } from '@refinedev/antd';
import { usePermissions } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Form, Input, Select, Skeleton, Table, Tag } from 'antd';
import { formatDateShort } from '@tuoyu/domain';
import { useState } from 'react';
import { Link } from 'react-router';
import { EmptyState, QueryError } from '../../components/common/query-states.tsx';
import { fetchRegionNames } from '../filing-reviews/queries.ts';
import { RequirePermission } from '../../components/require-permission.tsx';
import { useRegionScope } from '../../contexts/region-scope.tsx';
import type { Permissions } from '../../lib/permissions.ts';
import { fetchRegistry, slotsOf, type RegistryFilters, type RegistryRow } from './queries.ts';
import { OpenNoticeTag } from '../filing-notices/notice-parts.tsx';
import { useOpenNotices } from '../filing-notices/queries.ts';


export function RegistryList() {
  return (
    <RequirePermission anyOf={['institution.view_region']}>
      <Registry />
    </RequirePermission>
  );
}

function Registry() {
  const { message } = App.useApp();
  const { data: permissions } = usePermissions<Permissions>({});
  const scopes = permissions?.scopes ?? [];
  const { selected } = useRegionScope();
  const [filters, setFilters] = useState<RegistryFilters>({});
  const [exporting, setExporting] = useState(false);
  const registry = useQuery({
    queryKey: ['registry', scopes.map((s) => s.regionCode), selected?.code ?? null, filters],
    queryFn: () => fetchRegistry(scopes, selected, filters),
    enabled: scopes.length > 0,
  });
  const rows = registry.data ?? [];
  const counties = useQuery({
    queryKey: ['region-names', [...new Set(rows.map((r) => r.county_code))].sort()],
    queryFn: () => fetchRegionNames(rows.map((r) => r.county_code)),
    enabled: rows.length > 0,
    staleTime: 60 * 60_000,
  });
  const countyName = (code: string) => counties.data?.get(code) ?? code;
  const openNotices = useOpenNotices(scopes.length > 0);

  async function exportRegistry() {
    setExporting(true);
    try {
      const { downloadXlsx, exportFileName } = await import('../../lib/export/xlsx.ts');
      await downloadXlsx<RegistryRow>({
        fileName: exportFileName('托育机构备案登记册'),
        sheetName: '备案登记册',
        rows,
        columns: [
          { header: '备案号', value: (r) => r.filing_no ?? '', width: 18 },
          { header: '机构名称', value: (r) => r.name, width: 32 },
          { header: '机构类型', value: (r) => labelOf(INSTITUTION_TYPE_LABELS, r.type) },
          { header: '举办性质', value: (r) => labelOf(OWNERSHIP_LABELS, r.ownership) },
          { header: '普惠', value: (r) => (r.affordable ? '是' : '否') },
          { header: '备案状态', value: (r) => labelOf(INSTITUTION_STATUS_LABELS, r.status) },
          { header: '县区', value: (r) => countyName(r.county_code) },
          { header: '街道', value: (r) => r.street?.name ?? '' },
          { header: '托位数', value: (r) => slotsOf(r).slots },
          { header: '在托人数', value: (r) => slotsOf(r).enrolled },
          { header: '备案日期', value: (r) => formatDateShort(r.filed_at), width: 12 },
        ],
      });
      message.success(`已导出 ${rows.length} 家机构`);
    } catch (error) {
      message.error(`导出失败：${(error as Error).message || '请稍后重试'}`);
    } finally {
      setExporting(false);
    }
  }

  if (!permissions) return <Skeleton active />;
  return (
    <List
      title="备案登记册"
      headerButtons={
        <Button icon={<DownloadOutlined />} loading={exporting} disabled={!registry.data} onClick={() => void exportRegistry()} data-testid="registry-export">
          导出 Excel
        </Button>
      }
    >
      <Form<RegistryFilters> layout="inline" style={{ marginBottom: 16, rowGap: 8 }} onFinish={(v) => setFilters(v)} data-testid="registry-filters">
        <Form.Item name="name" label="机构名称">
          <Input allowClear placeholder="按机构名称搜索" data-testid="registry-search-name" />
        </Form.Item>
        <Form.Item name="status" label="备案状态">
          <Select
            allowClear
            placeholder="已备案、暂停、注销"
            style={{ width: 170 }}
            options={[...labelOptions(INSTITUTION_STATUS_LABELS), { value: 'all', label: '全部（含未备案）' }]}
          />
        </Form.Item>
        <Form.Item name="affordable" label="普惠">
          <Select allowClear placeholder="全部" style={{ width: 100 }} options={[{ value: 'yes', label: '普惠' }, { value: 'no', label: '非普惠' }]} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="registry-search-submit">
            查询
          </Button>
        </Form.Item>
      </Form>
      {registry.isError && <QueryError error={registry.error as { message?: string }} onRetry={() => void registry.refetch()} />}
      <div data-testid="registry-table" data-state={registry.isFetching || counties.isFetching || openNotices.isFetching ? 'loading' : 'ready'}>
        <Table<RegistryRow>
          rowKey="id"
          dataSource={rows}
          loading={registry.isLoading}
          pagination={{ pageSize: 20, showTotal: (total) => `共 ${total} 家` }}
          locale={{ emptyText: <EmptyState description="没有符合条件的已备案机构" /> }}
        >
          <Table.Column<RegistryRow> title="备案号" dataIndex="filing_no" render={(v: string | null) => v ?? '—'} />
          <Table.Column<RegistryRow>
            title="机构名称"
            render={(_, r) => (
              <Link to={`/registry/${r.id}`} data-testid={`registry-open-${r.id}`}>
                {r.name}
              </Link>
            )}
          />
          <Table.Column<RegistryRow> title="类型" dataIndex="type" render={(v: string) => labelOf(INSTITUTION_TYPE_LABELS, v)} />
          <Table.Column<RegistryRow> title="普惠" dataIndex="affordable" render={(v: boolean) => (v ? <Tag color="green">普惠</Tag> : <Tag>非普惠</Tag>)} />
          <Table.Column<RegistryRow>
            title="备案状态"
            dataIndex="status"
            render={(v: string, r) => (
              <>
                <Tag color={v === 'filed' ? 'green' : v === 'draft' ? 'default' : 'orange'}>{labelOf(INSTITUTION_STATUS_LABELS, v)}</Tag>
                <OpenNoticeTag institutionId={r.id} notices={openNotices.data?.get(r.id)} />
              </>
            )}
          />
          <Table.Column<RegistryRow> title="县区" dataIndex="county_code" render={(v: string) => countyName(v)} />
          <Table.Column<RegistryRow> title="街道" render={(_, r) => r.street?.name ?? '—'} />
          <Table.Column<RegistryRow> title="托位" align="right" render={(_, r) => slotsOf(r).slots} />
          <Table.Column<RegistryRow> title="备案日期" dataIndex="filed_at" render={(v: string | null) => formatDateShort(v)} />
        </Table>
      </div>
    </List>
  );
}
