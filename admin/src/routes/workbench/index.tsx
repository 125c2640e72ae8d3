import { FILING_KIND_LABELS, labelOf, ROLE_LABELS } from '@tuoyu/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, Badge, Button, Card, Col, Empty, List, Row, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { QueryError } from '../../components/common/query-states.tsx';
import { PermissionsUnavailable } from '../../components/require-permission.tsx';
import { FilingStatusTag } from '../../components/filing/status.tsx';
import { useFreshPermissions } from '../../lib/fresh-permissions.ts';
import { primaryRole, type Permissions } from '../../lib/permissions.ts';
import { fetchOverview, type CountyOverview } from '../overview/queries.ts';
import { daysLeftText, isWorkKind, WORK_KINDS, type WorkKind } from './kinds.ts';
import { fetchMyFilings, useWorkItems, type WorkItem, type WorkKindRow } from './queries.ts';
import { StatisticsSummaryCard } from '../statistics/summary-card.tsx';

/** 工作台: every role lands on its work (issue 16). */
export function WorkbenchPage() {
  const permissions = useFreshPermissions();
  if (permissions.isLoading) return <Skeleton active />;
  const p = permissions.data;
  if (p?.loadError) return <PermissionsUnavailable message={p.loadError} />;
  if (!p || (p.scopes.length === 0 && p.memberships.length === 0)) {
    return (
      <Alert
        type="info"
        showIcon
        data-testid="workbench-none"
        message="暂无待办工作"
        description="您的账号没有管辖区域或所属机构。如需开通，请联系上级管理员。"
      />
    );
  }
  const role = primaryRole(p);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="workbench" data-role={role}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        工作台
        <Typography.Text type="secondary" style={{ fontSize: 14, marginLeft: 12 }}>
          {greeting(p, role)}
        </Typography.Text>
      </Typography.Title>
      {role === 'province_admin' || role === 'city_admin' ? <RegionalDesk permissions={p} /> : null}
      {role === 'operator' ? <MyFilings institutionIds={p.memberships.map((m) => m.institutionId)} /> : null}
      {role !== 'province_admin' && role !== 'city_admin' ? <WorkDesk /> : null}
      {role === 'county_admin' ? <StatisticsSummaryCard /> : null}
    </Space>
  );
}

function greeting(p: Permissions, role: ReturnType<typeof primaryRole>): string {
  if (role === 'operator') return p.memberships.map((m) => m.institutionName).filter(Boolean).join('、');
  const scope = p.scopes.find((s) => s.role === role);
  return [scope?.regionName, role === 'family' ? null : ROLE_LABELS[role]].filter(Boolean).join(' · ');
}

// County admin, inspector, community worker, operator ------------------------------------------------

function WorkDesk() {
  const work = useWorkItems();
  if (work.isLoading) return <Skeleton active />;
  if (work.isError) return <QueryError error={work.error as { message?: string }} onRetry={() => void work.refetch()} />;
  const rows = (work.data ?? []).filter((r) => isWorkKind(r.kind));
  if (rows.length === 0) return <Empty description="暂无待办事项" data-testid="workbench-empty" />;
  return (
    <Row gutter={[16, 16]}>
      {rows.map((row) => (
        <Col key={row.kind} xs={24} md={12} xl={8}>
          <WorkKindCard row={row} kind={row.kind as WorkKind} />
        </Col>
      ))}
    </Row>
  );
}

function WorkKindCard({ row, kind }: { row: WorkKindRow; kind: WorkKind }) {
  const view = WORK_KINDS[kind];
  return (
    <Card
      size="small"
      data-testid={`work-kind-${kind}`}
      data-total={row.total}
      title={
        <Space>
          <span>{view.title}</span>
          <Badge count={row.total} showZero color={row.total > 0 ? undefined : '#d9d9d9'} overflowCount={999} />
        </Space>
      }
      extra={view.list ? <Link to={view.list}>查看全部</Link> : null}
    >
      {row.urgent > 0 && view.urgentLabel ? (
        <Tag color="red" data-testid="work-urgent" style={{ marginBottom: 8 }}>
          {view.urgentLabel} {row.urgent}
        </Tag>
      ) : null}
      {row.items.length === 0 ? (
        <Typography.Text type="secondary">{view.empty}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={row.items}
          renderItem={(item) => <WorkItemRow item={item} kind={kind} />}
        />
      )}
    </Card>
  );
}

function itemDetail(item: WorkItem, kind: WorkKind): string | null {
  if (kind === 'filing_review' || kind === 'filing_todo') {
    const label = labelOf(FILING_KIND_LABELS, item.filing_kind ?? '');
    return kind === 'filing_todo' && item.detail ? `${label}：${item.detail}` : label;
  }
  if (kind === 'event_upcoming') return `已报名 ${item.signups ?? 0}/${item.capacity ?? 0}${item.waitlist ? `，候补 ${item.waitlist}` : ''}`;
  if (kind === 'enrollment_request') return item.request_kind === 'visit' ? '参观预约' : '入托申请';
  if (kind === 'filing_notice_open') return `${item.replied ? '机构已回复 · ' : '机构未回复 · '}${item.detail ?? ''}`;
  return item.detail && item.detail !== item.title ? item.detail : null;
}

function WorkItemRow({ item, kind }: { item: WorkItem; kind: WorkKind }) {
  const view = WORK_KINDS[kind];
  const href = view.item?.(item) ?? null;
  const left = daysLeftText(item.days_left, view.days);
  const detail = itemDetail(item, kind);
  const late = typeof item.days_left === 'number' && item.days_left < 0;
  return (
    <List.Item data-testid="work-item" style={{ display: 'block' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        {href ? <Link to={href}>{item.title}</Link> : <Typography.Text>{item.title}</Typography.Text>}
        <Space size={4} wrap>
          {item.status && (kind === 'filing_review' || kind === 'filing_todo') ? <FilingStatusTag status={item.status} /> : null}
          {left ? (
            <Tag color={late ? 'red' : item.days_left === 0 ? 'orange' : 'blue'} data-testid="work-days-left">
              {left}
            </Tag>
          ) : null}
        </Space>
      </Space>
      {detail ? (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '4px 0 0' }} data-testid="work-item-detail">
          {detail}
        </Typography.Paragraph>
      ) : null}
    </List.Item>
  );
}

// Operator: its filings' status -------------------------------------------------------------------

function MyFilings({ institutionIds }: { institutionIds: string[] }) {
  const filings = useQuery({ queryKey: ['workbench-my-filings', institutionIds], queryFn: () => fetchMyFilings(institutionIds) });
  return (
    <Card
      title="本机构备案"
      size="small"
      data-testid="workbench-my-filings"
      loading={filings.isLoading}
      extra={<Link to="/filings">备案办理</Link>}
    >
      {filings.isError ? (
        <QueryError error={filings.error as { message?: string }} onRetry={() => void filings.refetch()} />
      ) : (filings.data ?? []).length === 0 ? (
        <Space direction="vertical">
          <Typography.Text type="secondary">尚未办理备案</Typography.Text>
          <Link to="/filings/new">
            <Button type="primary">办理新办备案</Button>
          </Link>
        </Space>
      ) : (
        <List
          size="small"
          dataSource={filings.data ?? []}
          renderItem={(f) => (
            <List.Item data-testid="my-filing" style={{ display: 'block' }}>
              <Space wrap>
                <Link to={`/filings/${f.id}`}>
                  {f.institution?.name} · {labelOf(FILING_KIND_LABELS, f.kind)}
                </Link>
                <FilingStatusTag status={f.status} />
                {f.filing_no ? <Typography.Text type="secondary">备案号 {f.filing_no}</Typography.Text> : null}
              </Space>
              {f.status === 'returned' && f.decision_reasons ? (
                <Alert type="warning" showIcon style={{ marginTop: 8 }} message="退回理由" description={f.decision_reasons} data-testid="my-filing-reasons" />
              ) : null}
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

// City / province admins: the roll-up and who is behind ----------------------------------------------

function behindScore(r: CountyOverview): number {
  return r.overdue_reviews * 1000 + (r.filings_submitted + r.filings_under_review) * 10 + r.filings_returned;
}

function RegionalDesk({ permissions }: { permissions: Permissions }) {
  const scope = permissions.scopes.find((s) => s.role === 'province_admin' || s.role === 'city_admin');
  const overview = useQuery({ queryKey: ['workbench-overview', scope?.regionCode], queryFn: () => fetchOverview(scope?.regionCode ?? null) });
  if (overview.isLoading) return <Skeleton active />;
  if (overview.isError) return <QueryError error={overview.error as { message?: string }} onRetry={() => void overview.refetch()} />;
  const rows = overview.data ?? [];
  const sum = (pick: (r: CountyOverview) => number) => rows.reduce((s, r) => s + pick(r), 0);
  const pending = sum((r) => r.filings_submitted + r.filings_under_review);
  const overdue = sum((r) => r.overdue_reviews);
  const behind = rows.filter((r) => r.overdue_reviews > 0 || r.filings_submitted + r.filings_under_review > 0).sort((a, b) => behindScore(b) - behindScore(a));
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="workbench-regional">
      <StatisticsSummaryCard regionCode={scope?.regionCode} />
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}><Card size="small"><Statistic title="县区数" value={rows.length} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title="待审核备案" value={pending} /></Card></Col>
        <Col xs={12} md={6}>
          <Card size="small" data-testid="workbench-overdue">
            <Statistic title="超期未办结" value={overdue} valueStyle={overdue > 0 ? { color: '#cf1322' } : undefined} />
          </Card>
        </Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title="已备案机构" value={sum((r) => r.institutions_filed)} /></Card></Col>
      </Row>
      <Card title="进度落后的县区" size="small" extra={<Link to="/overview">备案总览</Link>} data-testid="workbench-behind">
        {behind.length === 0 ? (
          <Typography.Text type="secondary">各县区均无待办或超期备案</Typography.Text>
        ) : (
          <Table
            size="small"
            rowKey="county_code"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={behind.slice(0, 10)}
            columns={[
              { title: '县区', dataIndex: 'county_name', render: (v: string, r) => `${r.city_name} ${v}` },
              { title: '超期', dataIndex: 'overdue_reviews', render: (v: number) => (v > 0 ? <Tag color="red">{v}</Tag> : 0) },
              { title: '待审核', render: (_: unknown, r) => r.filings_submitted + r.filings_under_review },
              { title: '退回修改', dataIndex: 'filings_returned' },
              { title: '已备案机构', dataIndex: 'institutions_filed' },
            ]}
          />
        )}
      </Card>
    </Space>
  );
}
