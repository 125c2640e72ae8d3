/**
 * A region's key indicators against their targets for the current year, for the role home pages
 * (工作台). `regionCode` defaults to the signed-in admin's first scope.
 */
import { usePermissions } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { QueryError } from '../../components/common/query-states.tsx';
import type { Permissions } from '../../lib/permissions.ts';
import { fetchIndicators, formatValue, metOf, valueOf, visibleIndicators } from './queries.ts';

const KEY_FIGURES = ['slots_per_1000', 'affordable_share', 'task_completion', 'street_coverage', 'certified_staff_rate'];

export function StatisticsSummaryCard({ regionCode, year = new Date().getFullYear() }: { regionCode?: string; year?: number }) {
  const { data: permissions } = usePermissions<Permissions>({});
  const code = regionCode ?? permissions?.scopes.find((s) => ['province_admin', 'city_admin', 'county_admin'].includes(s.role))?.regionCode;
  const figures = useQuery({ queryKey: ['region-indicators', code, year], queryFn: () => fetchIndicators(code!, year), enabled: Boolean(code) });
  if (!code) return null;
  const row = figures.data;
  return (
    <Card
      title={`${row?.region_name ?? ''}${year}年指标`}
      extra={<Link to="/statistics">查看指标统计</Link>}
      data-testid="statistics-summary-card"
    >
      {figures.isError && <QueryError error={figures.error as { message?: string }} onRetry={() => void figures.refetch()} />}
      {figures.isLoading ? <Skeleton active /> : (
        <Row gutter={16}>
          {visibleIndicators(row).filter((i) => KEY_FIGURES.includes(i.key)).map((i) => {
            const target = valueOf(row, i.target);
            const met = metOf(row, i.met);
            return (
              <Col key={i.key} xs={12} md={8} xl={4} style={{ marginBottom: 12 }}>
                <Statistic title={i.label} value={formatValue(valueOf(row, i.key), i.unit)} data-testid={`summary-${i.key}`} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {target !== null ? `目标 ${formatValue(target, i.unit)} ` : i.key === 'task_completion' ? '目标 100% ' : '未设目标 '}
                </Typography.Text>
                {met !== null && <Tag color={met ? 'green' : 'red'}>{met ? '达标' : '未达标'}</Tag>}
              </Col>
            );
          })}
        </Row>
      )}
    </Card>
  );
}
