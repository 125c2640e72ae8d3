import { FILING_STATUS_LABELS, labelOf } from '@tuoyu/domain';
import { useQuery } from '@tanstack/react-query';
import { Empty, Timeline, Typography } from 'antd';
import { formatDateTime } from '@tuoyu/domain';
import { QueryError } from '../common/query-states.tsx';
import { fetchStatusHistory } from './queries.ts';

export const statusHistoryKey = (filingId: string) => ['filing-status-history', filingId] as const;

/** 状态记录: every status change of a filing with time and reasons, oldest first. */
export function StatusHistory({ filingId }: { filingId: string }) {
  const query = useQuery({ queryKey: statusHistoryKey(filingId), queryFn: () => fetchStatusHistory(filingId) });
  if (query.isError) return <QueryError error={query.error as { message?: string }} onRetry={() => void query.refetch()} />;
  if (query.isLoading) return <Typography.Text type="secondary">加载中…</Typography.Text>;
  const entries = query.data ?? [];
  if (entries.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无状态记录" />;
  return (
    <Timeline
      data-testid="status-history"
      items={entries.map((e, i) => ({
        key: `${e.at}-${i}`,
        color: e.to === 'approved' ? 'green' : e.to === 'rejected' ? 'red' : e.to === 'returned' ? 'orange' : 'blue',
        children: (
          <div data-testid="status-history-item" data-status={e.to}>
            <Typography.Text strong>
              {e.from ? `${labelOf(FILING_STATUS_LABELS, e.from)} → ` : ''}
              {labelOf(FILING_STATUS_LABELS, e.to)}
            </Typography.Text>
            <div>
              <Typography.Text type="secondary">
                {formatDateTime(e.at)}
                {e.actorName ? ` · ${e.actorName}` : ''}
              </Typography.Text>
            </div>
            {e.reasons && <div>理由：{e.reasons}</div>}
          </div>
        ),
      }))}
    />
  );
}
