import { INSTITUTION_STATUS_LABELS, INSTITUTION_TYPE_LABELS, labelOf, labelOptions, OWNERSHIP_LABELS } from '@tuoyu/domain';
import { SearchOutlined } from '@ant-design/icons';
import { List, ShowButton, useTable } from '@refinedev/antd';
import { usePermissions, type CrudFilters, type HttpError } from '@refinedev/core';
import { Alert, Button, Form, Input, Select, Skeleton, Table, Tag } from 'antd';
import { useEffect } from 'react';
import { PermissionsUnavailable } from '../../components/require-permission.tsx';
import { EmptyState, QueryError } from '../../components/common/query-states.tsx';
import { REGION_COLUMNS, useRegionScope } from '../../contexts/region-scope.tsx';
import { jurisdictionConditions, type JurisdictionCondition, type Permissions } from '../../lib/permissions.ts';
import { INSTITUTION_LIST_SELECT, type InstitutionRow } from './queries.ts';

const REGION_FIELDS = new Set(Object.values(REGION_COLUMNS));

type InstitutionSearch = { name?: string; status?: string; type?: string; affordable?: 'yes' | 'no' };

/** 托育机构 registry: the institutions of the person's jurisdiction (RLS enforces the same). */
export function InstitutionList() {
  const { data: permissions, isLoading } = usePermissions<Permissions>({});
  if (isLoading) return <Skeleton active />;
  if (permissions?.loadError) return <PermissionsUnavailable message={permissions.loadError} />;
  const jurisdiction = permissions ? jurisdictionConditions(permissions) : null;
  if (!jurisdiction) {
    return (
      <Alert
        type="info"
        showIcon
        data-testid="institutions-none"
        message="暂无可管理的托育机构"
        description="您的账号没有管辖区域或所属机构。如需开通，请联系上级管理员。"
      />
    );
  }
  return <InstitutionTable jurisdiction={jurisdiction} />;
}

function InstitutionTable({ jurisdiction }: { jurisdiction: JurisdictionCondition[] }) {
  const { selected, regionFilter } = useRegionScope();
  const { tableProps, searchFormProps, tableQuery, setFilters } = useTable<InstitutionRow, HttpError, InstitutionSearch>({
    resource: 'institutions',
    meta: { select: INSTITUTION_LIST_SELECT },
    pagination: { mode: 'server', pageSize: 20 },
    sorters: { initial: [{ field: 'name', order: 'asc' }] },
    filters: { permanent: [{ operator: 'or', value: jurisdiction }], initial: regionFilter() },
    onSearch: ({ name, status, type, affordable }) => {
      const filters: CrudFilters = [
        { field: 'name', operator: 'contains', value: name?.trim() || undefined },
        { field: 'status', operator: 'eq', value: status || undefined },
        { field: 'type', operator: 'eq', value: type || undefined },
        { field: 'affordable', operator: 'eq', value: affordable ? affordable === 'yes' : undefined },
      ];
      return filters;
    },
  });

  // The region selector narrows the list; RLS already limits it to the person's area.
  useEffect(() => {
    setFilters((current) => [
      ...current.filter((f) => !('field' in f) || !REGION_FIELDS.has(f.field)),
      ...regionFilter(),
    ]);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- rerun only when the selection changes
  }, [selected?.code]);

  return (
    <List title="托育机构">
      <Form {...searchFormProps} layout="inline" style={{ marginBottom: 16, rowGap: 8 }} data-testid="institutions-search">
        <Form.Item name="name" label="名称">
          <Input allowClear placeholder="按机构名称搜索" data-testid="institutions-search-name" />
        </Form.Item>
        <Form.Item name="status" label="状态">
          <Select allowClear placeholder="全部" style={{ width: 120 }} options={labelOptions(INSTITUTION_STATUS_LABELS)} />
        </Form.Item>
        <Form.Item name="type" label="类型">
          <Select allowClear placeholder="全部" style={{ width: 140 }} options={labelOptions(INSTITUTION_TYPE_LABELS)} />
        </Form.Item>
        <Form.Item name="affordable" label="普惠">
          <Select
            allowClear
            placeholder="全部"
            style={{ width: 100 }}
            options={[
              { value: 'yes', label: '普惠' },
              { value: 'no', label: '非普惠' },
            ]}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="institutions-search-submit">
            查询
          </Button>
        </Form.Item>
      </Form>
      {tableQuery.isError && <QueryError error={tableQuery.error} onRetry={() => void tableQuery.refetch()} />}
      <Table<InstitutionRow>
        {...tableProps}
        rowKey="id"
        data-testid="institutions-table"
        locale={{ emptyText: <EmptyState description="没有符合条件的托育机构" /> }}
        pagination={{ ...tableProps.pagination, showTotal: (total) => `共 ${total} 家` }}
      >
        <Table.Column<InstitutionRow> dataIndex="name" title="机构名称" sorter />
        <Table.Column<InstitutionRow> dataIndex="type" title="类型" render={(v: string) => labelOf(INSTITUTION_TYPE_LABELS, v)} />
        <Table.Column<InstitutionRow> dataIndex="ownership" title="举办性质" render={(v: string) => labelOf(OWNERSHIP_LABELS, v)} />
        <Table.Column<InstitutionRow>
          dataIndex="affordable"
          title="普惠"
          render={(v: boolean) => (v ? <Tag color="green">普惠</Tag> : <Tag>非普惠</Tag>)}
        />
        <Table.Column<InstitutionRow>
          dataIndex="status"
          title="状态"
          render={(v: string) => <Tag color="blue">{labelOf(INSTITUTION_STATUS_LABELS, v)}</Tag>}
        />
        <Table.Column<InstitutionRow> dataIndex="filing_no" title="备案号" render={(v: string | null) => v ?? '—'} />
        <Table.Column<InstitutionRow> title="所在街道" render={(_, row) => row.street?.name ?? row.street_code} />
        <Table.Column<InstitutionRow>
          title="操作"
          width={90}
          render={(_, row) => <ShowButton size="small" recordItemId={row.id} data-testid={`institution-show-${row.id}`} />}
        />
      </Table>
    </List>
  );
}
