import { List } from '@refinedev/antd';
import { usePermissions } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { INSPECTION_RESULT_LABELS, INSPECTION_STATUS_LABELS } from '@tuoyu/domain';
import { List as AntList, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { QueryError } from '../../components/common/query-states.tsx';
import { hasPermission, type Permissions } from '../../lib/permissions.ts';
import { fetchInspections, inspectionKeys, type InspectionRow } from './queries.ts';

const RESULT_COLORS = { pass: 'green', rectify: 'orange', fail: 'red' } as const;

/**
 * 检查任务: an inspector's assigned inspections (to record), a county's inspections. A list of
 * cards, so it reads on a phone as well as on a desk.
 */
export function InspectionList() {
  const { data: permissions } = usePermissions<Permissions>({});
  const inspector = Boolean(permissions && hasPermission(permissions, 'inspection.record'));
  const mine = inspector ? permissions?.userId ?? undefined : undefined;
  const list = useQuery({
    queryKey: [...inspectionKeys.inspections, mine ?? 'all'],
    enabled: Boolean(permissions),
    queryFn: () => fetchInspections(mine ? { mine } : {}),
  });
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <List title={inspector ? '我的检查任务' : '监督检查'}>
      <AntList<InspectionRow>
        loading={list.isPending}
        dataSource={list.data ?? []}
        locale={{ emptyText: inspector ? '暂无分配给您的检查任务' : '暂无检查' }}
        data-testid="inspection-list"
        renderItem={(r) => (
          <AntList.Item data-testid="inspection-item" data-inspection-id={r.id} data-status={r.status}>
            <AntList.Item.Meta
              title={<Link to={`/inspections/${r.id}`} data-testid="inspection-open">{r.institutions?.name ?? '机构'}</Link>}
              description={
                <Typography.Text type="secondary">
                  {`计划检查 ${r.scheduled_on} · ${r.departments.join('、')}`}
                </Typography.Text>
              }
            />
            <span>
              <Tag color={r.status === 'planned' ? 'blue' : 'default'}>{INSPECTION_STATUS_LABELS[r.status]}</Tag>
              {r.result ? <Tag color={RESULT_COLORS[r.result]}>{INSPECTION_RESULT_LABELS[r.result]}</Tag> : null}
            </span>
          </AntList.Item>
        )}
      />
    </List>
  );
}
