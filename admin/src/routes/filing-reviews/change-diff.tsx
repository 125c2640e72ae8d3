import { useQuery } from '@tanstack/react-query';
import { CHANGE_FIELD_LABELS, labelOf } from '@tuoyu/domain';
import { Card, Table } from 'antd';
import { QueryError } from '../../components/common/query-states.tsx';
import { changeValueText } from './change-values.ts';
import { fetchChangeDiff, type ChangeDiffRow } from './queries.ts';

/** 变更前后对照 of a change filing (`filing_change_diff`): one row per proposed item. */
export function ChangeDiff({ filingId }: { filingId: string }) {
  const diff = useQuery({ queryKey: ['filing-review', filingId, 'change-diff'], queryFn: () => fetchChangeDiff(filingId) });
  if (diff.isError) return <QueryError error={diff.error} onRetry={() => void diff.refetch()} />;
  return (
    <Card title="变更前后对照" data-testid="change-diff" style={{ marginBottom: 16 }}>
      <Table<ChangeDiffRow>
        rowKey="field"
        size="small"
        pagination={false}
        loading={diff.isPending}
        dataSource={diff.data ?? []}
        locale={{ emptyText: '未提出变更项目' }}
        onRow={(r) => ({ 'data-field': r.field }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '项目', width: 140, render: (_, r) => labelOf(CHANGE_FIELD_LABELS, r.field) },
          { title: '现登记内容', render: (_, r) => changeValueText(r.field, r.before) },
          { title: '拟变更内容', render: (_, r) => <strong>{changeValueText(r.field, r.after)}</strong> },
        ]}
      />
    </Card>
  );
}
