import { FileAddOutlined } from '@ant-design/icons';
import { FILING_KIND_LABELS, isEditableByOperator, labelOf } from '@tuoyu/domain';
import { Button, Card, Select, Skeleton, Space, Table } from 'antd';
import { formatDateTime } from '@tuoyu/domain';
import type { HTMLAttributes } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { EmptyState, QueryError } from '../../components/common/query-states.tsx';
import { useFilings, type Filing } from './queries.ts';
import { useMyMemberships } from '../my-institution/queries.ts';
import { FilingStatusTag } from '../../components/filing/status.tsx';

/** 备案办理: every filing of the operator's institutions, newest first. */
export function FilingList() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const { loading, ids, memberships } = useMyMemberships();
  const only = params.get('institution');
  const selected = only && ids.includes(only) ? [only] : ids;
  const filings = useFilings(selected);

  if (loading) return <Skeleton active />;
  return (
    <Card
      title="备案办理"
      data-testid="filing-list"
      extra={
        ids.length > 0 && (
          <Button type="primary" icon={<FileAddOutlined />} onClick={() => navigate(`/filings/new${only ? `?institution=${only}` : ''}`)} data-testid="filing-start">
            办理备案
          </Button>
        )
      }
    >
      {ids.length === 0 ? (
        <EmptyState description="您的账号尚未关联托育机构，暂不能办理备案。如有疑问请联系所在县区卫健部门。" />
      ) : (
        <>
          {ids.length > 1 && (
            <Space style={{ marginBottom: 12 }}>
              机构：
              <Select
                style={{ width: 280 }}
                allowClear
                placeholder="全部机构"
                value={only ?? undefined}
                options={memberships.map((m) => ({ value: m.institutionId, label: m.institutionName ?? m.institutionId }))}
                onChange={(v: string | undefined) => setParams(v ? { institution: v } : {})}
              />
            </Space>
          )}
          {filings.isError && <QueryError error={filings.error} onRetry={() => void filings.refetch()} />}
          <Table<Filing>
            rowKey="id"
            loading={filings.isLoading}
            dataSource={filings.data ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: <EmptyState description="还没有备案记录，点击“办理备案”开始" /> }}
            onRow={(row) => ({ 'data-testid': `filing-row-${row.id}`, 'data-status': row.status }) as HTMLAttributes<HTMLElement>}
            columns={[
              { title: '机构', render: (_, r) => r.institution?.name ?? '—' },
              { title: '备案类型', dataIndex: 'kind', render: (v: string) => labelOf(FILING_KIND_LABELS, v) },
              { title: '状态', dataIndex: 'status', render: (v: string) => <FilingStatusTag status={v} /> },
              { title: '提交时间', dataIndex: 'submitted_at', render: (v: string | null) => formatDateTime(v) },
              { title: '办理期限', dataIndex: 'deadline_on', render: (v: string | null) => v ?? '—' },
              { title: '备案号', dataIndex: 'filing_no', render: (v: string | null) => v ?? '—' },
              {
                title: '操作',
                render: (_, r) => (
                  <Space>
                    <Link to={`/filings/${r.id}`} data-testid={`filing-open-${r.id}`}>
                      查看
                    </Link>
                    {isEditableByOperator(r.status) && (
                      <Link to={`/filings/${r.id}/edit`} data-testid={`filing-edit-${r.id}`}>
                        {r.status === 'returned' ? '修改并重新提交' : '继续填写'}
                      </Link>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
