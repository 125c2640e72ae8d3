import { INSTITUTION_STATUS_LABELS, INSTITUTION_TYPE_LABELS, labelOf } from '@tuoyu/domain';
import { Card, List, Skeleton, Tag, Typography } from 'antd';
import { Link, Navigate } from 'react-router';
import { EmptyState, QueryError } from '../../components/common/query-states.tsx';
import { useInstitutions, useMyMemberships } from './queries.ts';

/** 本机构信息: the operator's institutions; with one, straight to its profile. */
export function MyInstitutionList() {
  const { loading, ids } = useMyMemberships();
  const institutions = useInstitutions(ids);
  if (loading) return <Skeleton active />;
  if (ids.length === 1) return <Navigate to={`/my-institution/${ids[0]}`} replace />;
  return (
    <Card title="本机构信息" data-testid="my-institution-list">
      {ids.length === 0 ? (
        <EmptyState description="您的账号尚未关联托育机构。机构负责人可在机构账号管理中添加您；如有疑问请联系所在县区卫健部门。" />
      ) : institutions.isError ? (
        <QueryError error={institutions.error} onRetry={() => void institutions.refetch()} />
      ) : (
        <List
          loading={institutions.isLoading}
          dataSource={institutions.data ?? []}
          renderItem={(row) => (
            <List.Item data-testid={`my-institution-${row.id}`}>
              <List.Item.Meta
                title={<Link to={`/my-institution/${row.id}`}>{row.name}</Link>}
                description={
                  <Typography.Text type="secondary">
                    {labelOf(INSTITUTION_TYPE_LABELS, row.type)} · 备案号 {row.filing_no ?? '—'}
                  </Typography.Text>
                }
              />
              <Tag color={row.status === 'filed' ? 'green' : 'default'}>{labelOf(INSTITUTION_STATUS_LABELS, row.status)}</Tag>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
