import { List } from '@refinedev/antd';
import { formatDateTime } from '@tuoyu/domain';
import { useQuery } from '@tanstack/react-query';
import { COMPLAINT_CATEGORY_LABELS, COMPLAINT_STATUS_LABELS } from '@tuoyu/domain';
import { Table, Tag } from 'antd';
import { Link } from 'react-router';
import { QueryError } from '../../components/common/query-states.tsx';
import { fetchComplaintQueue, type ComplaintQueueRow } from './queries.ts';

const STATUS_COLORS: Record<string, string> = {
  submitted: 'orange', accepted: 'blue', assigned: 'geekblue', in_progress: 'processing', closed: 'default',
};

const dateTime = (iso: string | null) => (iso ? formatDateTime(iso) : '');

const overdue = (r: ComplaintQueueRow) => Boolean(r.accept_overdue || r.close_overdue);

/** 投诉处理: the county's complaints, urgent first, with the acceptance and closing deadlines. */
export function ComplaintList() {
  const queue = useQuery({ queryKey: ['complaints', 'queue'], queryFn: fetchComplaintQueue });
  if (queue.isError) return <QueryError error={queue.error} onRetry={() => void queue.refetch()} />;
  return (
    <List title="投诉处理">
      <Table<ComplaintQueueRow>
        rowKey={(r) => r.id ?? ''}
        loading={queue.isPending}
        dataSource={queue.data ?? []}
        data-testid="complaint-table"
        data-state={queue.isPending ? 'loading' : 'ready'}
        locale={{ emptyText: '暂无投诉' }}
        scroll={{ x: 960 }}
        onRow={(r) => ({
          'data-complaint-id': r.id ?? '',
          'data-overdue': String(overdue(r)),
          style: overdue(r) ? { background: '#fff1f0' } : undefined,
        }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: '跟踪编号',
            render: (_, r) => <Link to={`/complaints/${r.id}`} data-testid="complaint-open">{r.tracking_no}</Link>,
          },
          {
            title: '类别',
            render: (_, r) => (
              <>
                {r.category ? COMPLAINT_CATEGORY_LABELS[r.category] : ''}
                {r.urgent ? <Tag color="red" style={{ marginLeft: 8 }} data-testid="complaint-urgent">紧急</Tag> : null}
              </>
            ),
          },
          { title: '被投诉机构/地址', render: (_, r) => r.institution_name ?? r.reported_address ?? '' },
          {
            title: '状态',
            render: (_, r) => (r.status ? <Tag color={STATUS_COLORS[r.status]} data-testid="complaint-status">{COMPLAINT_STATUS_LABELS[r.status]}</Tag> : null),
          },
          { title: '提交时间', render: (_, r) => dateTime(r.created_at) },
          {
            title: '受理期限',
            render: (_, r) => (
              <span>
                {dateTime(r.accept_by)}
                {r.accept_overdue ? <Tag color="red" style={{ marginLeft: 8 }} data-testid="complaint-accept-overdue">受理逾期</Tag> : null}
              </span>
            ),
          },
          {
            title: '办结期限',
            render: (_, r) => (
              <span>
                {r.close_by ?? ''}
                {r.close_overdue ? <Tag color="red" style={{ marginLeft: 8 }} data-testid="complaint-close-overdue">办结逾期</Tag> : null}
              </span>
            ),
          },
        ]}
      />
    </List>
  );
}
