import { labelOf, labelOptions, REGION_LEVEL_LABELS, type RegionLevel } from '@tuoyu/domain';
import { SearchOutlined } from '@ant-design/icons';
import { List, useTable } from '@refinedev/antd';
import type { CrudFilters, HttpError } from '@refinedev/core';
import { Button, Form, Input, Select, Space, Table, Tag } from 'antd';
import { EmptyState, QueryError } from '../../components/common/query-states.tsx';
import type { RegionRow } from '../../lib/db.ts';


type RegionSearch = { name?: string; level?: RegionLevel };

const LEVEL_COLORS: Record<RegionLevel, string> = { province: 'red', city: 'orange', county: 'blue', street: 'green' };

export function RegionList() {
  const { tableProps, searchFormProps, tableQuery } = useTable<RegionRow, HttpError, RegionSearch>({
    resource: 'regions',
    pagination: { mode: 'server', pageSize: 20 },
    sorters: { initial: [{ field: 'code', order: 'asc' }] },
    onSearch: ({ name, level }) => {
      const filters: CrudFilters = [
        { field: 'name', operator: 'contains', value: name?.trim() || undefined },
        { field: 'level', operator: 'eq', value: level || undefined },
      ];
      return filters;
    },
  });

  return (
    <List title="行政区划">
      <Form {...searchFormProps} layout="inline" style={{ marginBottom: 16 }} data-testid="regions-search">
        <Form.Item name="name" label="名称">
          <Input allowClear placeholder="按名称搜索，如：汶上" data-testid="regions-search-name" />
        </Form.Item>
        <Form.Item name="level" label="层级">
          <Select
            allowClear
            placeholder="全部层级"
            style={{ width: 140 }}
            options={labelOptions(REGION_LEVEL_LABELS)}
            data-testid="regions-filter-level"
          />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="regions-search-submit">
              查询
            </Button>
          </Space>
        </Form.Item>
      </Form>
      {tableQuery.isError && <QueryError error={tableQuery.error} onRetry={() => void tableQuery.refetch()} />}
      <Table<RegionRow>
        {...tableProps}
        rowKey="code"
        data-testid="regions-table"
        locale={{ emptyText: <EmptyState description={tableQuery.isError ? '加载失败，暂无数据' : '没有符合条件的行政区划'} /> }}
        pagination={{
          ...tableProps.pagination,
          showSizeChanger: true,
          showTotal: (total) => `共 ${total} 条`,
        }}
      >
        <Table.Column<RegionRow> dataIndex="code" title="区划代码" sorter width={180} />
        <Table.Column<RegionRow> dataIndex="name" title="名称" sorter />
        <Table.Column<RegionRow>
          dataIndex="level"
          title="层级"
          width={120}
          render={(level: RegionLevel) => <Tag color={LEVEL_COLORS[level]}>{labelOf(REGION_LEVEL_LABELS, level)}</Tag>}
        />
        <Table.Column<RegionRow> dataIndex="parent_code" title="上级区划代码" render={(v: string | null) => v ?? '—'} />
      </Table>
    </List>
  );
}
