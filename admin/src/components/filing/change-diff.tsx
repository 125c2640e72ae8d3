import { CHANGE_FIELD_LABELS, labelOf } from '@tuoyu/domain';
import { Card, Table } from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';
import { QueryError } from '../common/query-states.tsx';
import { changeValueText } from './change-values.ts';
import { useChangeDiff, useStreetNames, type ChangeDiffRow } from './queries.ts';

/** 变更前后对照 of a change filing as the database reports it (`filing_change_diff`): the county's review and the operator's summary. */
export function ChangeDiff({ filingId, title = '变更前后对照', extra }: { filingId: string; title?: string; extra?: ReactNode }) {
  const diff = useChangeDiff(filingId);
  const streetNames = useStreetNames(diff.data); // without them the street shows as its code
  if (diff.isError) return <QueryError error={diff.error} onRetry={() => void diff.refetch()} />;
  return <ChangeDiffTable rows={diff.data ?? []} loading={diff.isPending} title={title} extra={extra} regionNames={streetNames.data ?? {}} />;
}

/** One row per proposed item: 项目, 现登记内容, 拟变更内容 (labels and values in words; streets by name from `regionNames`). */
export function ChangeDiffTable({
  rows,
  loading,
  title = '变更前后对照',
  extra,
  testId = 'change-diff',
  regionNames = {},
}: {
  rows: ChangeDiffRow[];
  loading?: boolean;
  title?: string;
  extra?: ReactNode;
  testId?: string;
  regionNames?: Record<string, string>;
}) {
  return (
    <Card title={title} extra={extra} data-testid={testId} data-state={loading ? 'loading' : 'ready'} style={{ marginBottom: 16 }}>
      <Table<ChangeDiffRow>
        rowKey="field"
        size="small"
        pagination={false}
        loading={loading}
        dataSource={rows}
        locale={{ emptyText: '未提出变更项目' }}
        onRow={(r) => ({ 'data-field': r.field }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: '项目', width: 140, render: (_, r) => labelOf(CHANGE_FIELD_LABELS, r.field) },
          { title: '现登记内容', render: (_, r) => changeValueText(r.field, r.before, regionNames) },
          { title: '拟变更内容', render: (_, r) => <strong>{changeValueText(r.field, r.after, regionNames)}</strong> },
        ]}
      />
    </Card>
  );
}
