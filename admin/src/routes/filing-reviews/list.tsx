import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import { FILING_KIND_LABELS, FILING_STATUS_LABELS, type FilingKind, isAwaitingCounty, labelOf, labelOptions } from '@tuoyu/domain';
import { List } from '@refinedev/antd';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Form, Input, Select, Space, Switch, Table, Typography } from 'antd';
import { formatDateTime } from '@tuoyu/domain';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router';
import { EmptyState, QueryError } from '../../components/common/query-states.tsx';
import { RequirePermission } from '../../components/require-permission.tsx';
import { DeadlineTag, FilingStatusTag, deadlineText, filingKindLabel } from '../../components/filing/status.tsx';
import { useRegionScope } from '../../contexts/region-scope.tsx';
import { countdownOf, fetchQueue, type QueueFilters, type QueueRow } from './queries.ts';

const formatTime = (value: string | null) => formatDateTime(value);

export function FilingReviewList() {
  return (
    <RequirePermission anyOf={['filing.review', 'filing.view_region']}>
      <ReviewQueue />
    </RequirePermission>
  );
}

function ReviewQueue() {
  const { message } = App.useApp();
  const { selected } = useRegionScope();
  const [filters, setFilters] = useState<QueueFilters>({ status: 'open' });
  const [exporting, setExporting] = useState(false);
  const queue = useQuery({
    queryKey: ['filing-review-queue', filters, selected?.code ?? null],
    queryFn: () => fetchQueue(filters, selected),
  });

  const rows: QueueRow[] = useMemo(() => queue.data ?? [], [queue.data]);

  async function exportQueue() {
    setExporting(true);
    try {
      const { downloadXlsx, exportFileName } = await import('../../lib/export/xlsx.ts');
      await downloadXlsx<QueueRow>({
        fileName: exportFileName('备案审核队列'),
        sheetName: '备案审核队列',
        rows,
        columns: [
          { header: '机构名称', value: (r) => r.institution_name, width: 32 },
          { header: '备案类型', value: (r) => filingKindLabel(r.kind) },
          { header: '状态', value: (r) => labelOf(FILING_STATUS_LABELS, r.status) },
          { header: '县区', value: (r) => r.county_name ?? r.county_code },
          { header: '提交时间', value: (r) => formatTime(r.submitted_at), width: 18 },
          { header: '办理期限', value: (r) => r.deadline_on ?? '' },
          { header: '剩余时限', value: (r) => deadlineText(countdownOf(r)), width: 20 },
          { header: '备案号', value: (r) => r.filing_no ?? '', width: 18 },
        ],
      });
      message.success(`已导出 ${rows.length} 条备案`);
    } catch (error) {
      message.error(`导出失败：${(error as Error).message || '请稍后重试'}`);
    } finally {
      setExporting(false);
    }
  }

  return (
    <List
      title="备案审核"
      headerButtons={
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportQueue()} data-testid="queue-export" disabled={!queue.data}>
          导出 Excel
        </Button>
      }
    >
      <Form<QueueFilters>
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        initialValues={filters}
        onFinish={(values) => setFilters({ ...values, name: values.name?.trim() || undefined })}
        data-testid="queue-filters"
      >
        <Form.Item name="name" label="机构名称">
          <Input allowClear placeholder="按机构名称搜索" data-testid="queue-search-name" />
        </Form.Item>
        <Form.Item name="status" label="状态">
          <Select
            style={{ width: 140 }}
            data-testid="queue-filter-status"
            options={[
              { value: 'open', label: '待办（已提交、审核中）' },
              ...labelOptions(FILING_STATUS_LABELS).filter((o) => o.value !== 'draft'),
              { value: 'all', label: '全部' },
            ]}
          />
        </Form.Item>
        <Form.Item name="kind" label="类型">
          <Select<FilingKind> allowClear placeholder="全部" style={{ width: 120 }} options={labelOptions(FILING_KIND_LABELS)} />
        </Form.Item>
        <Form.Item name="overdue" label="仅看超期" valuePropName="checked">
          <Switch data-testid="queue-filter-overdue" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="queue-search-submit">
            查询
          </Button>
        </Form.Item>
      </Form>
      {queue.isError && <QueryError error={queue.error as { message?: string }} onRetry={() => void queue.refetch()} />}
      <div data-testid="queue-table" data-state={queue.isFetching ? 'loading' : 'ready'}>
        <Table<QueueRow>
          rowKey="id"
          dataSource={rows}
          loading={queue.isLoading}
          pagination={{ pageSize: 20, showTotal: (total) => `共 ${total} 件` }}
          onRow={(r) =>
            ({
              'data-filing-id': r.id,
              'data-overdue': r.overdue === true ? 'true' : 'false',
              style: r.overdue === true ? { background: '#fff1f0' } : undefined,
            }) as HTMLAttributes<HTMLElement>
          }
          locale={{ emptyText: <EmptyState description="没有待审核的备案" /> }}
        >
          <Table.Column<QueueRow>
            title="机构名称"
            render={(_, r) => (
              <Link to={`/filing-reviews/${r.id}`} data-testid={`queue-open-${r.id}`}>
                {r.institution_name}
              </Link>
            )}
          />
          <Table.Column<QueueRow> title="类型" dataIndex="kind" render={(v: string) => filingKindLabel(v)} />
          <Table.Column<QueueRow> title="状态" dataIndex="status" render={(v: string) => <FilingStatusTag status={v} />} />
          <Table.Column<QueueRow> title="县区" render={(_, r) => r.county_name ?? r.county_code} />
          <Table.Column<QueueRow> title="提交时间" dataIndex="submitted_at" render={(v: string | null) => formatTime(v)} />
          <Table.Column<QueueRow> title="办理期限" dataIndex="deadline_on" render={(v: string | null) => v ?? '—'} />
          <Table.Column<QueueRow> title="剩余时限" render={(_, r) => <DeadlineTag countdown={countdownOf(r)} />} />
          <Table.Column<QueueRow>
            title="操作"
            width={90}
            render={(_, r) => (
              <Link to={`/filing-reviews/${r.id}`}>{isAwaitingCounty(r.status) ? '审核' : '查看'}</Link>
            )}
          />
        </Table>
      </div>
      <Space style={{ marginTop: 8 }}>
        <Typography.Text type="secondary">按办理期限排序；期限为提交后第 5 个工作日（按工作日历，节假日顺延）。</Typography.Text>
      </Space>
    </List>
  );
}
