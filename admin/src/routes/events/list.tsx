import { PlusOutlined } from '@ant-design/icons';
import { List } from '@refinedev/antd';
import { usePermissions } from '@refinedev/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { EVENT_KIND_LABELS, EVENT_STATUS_LABELS, formatEventTime } from '@tuoyu/domain';
import { App, Button, Input, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { QueryError } from '../../components/common/query-states.tsx';
import type { Permissions } from '../../lib/permissions.ts';
import { EventFormModal } from './event-form.tsx';
import { fetchEvents, fetchRegionNames, fetchReviewSettings, setEventStatus, setReviewRequired, type EventRow } from './queries.ts';

const STATUS_COLORS: Record<EventRow['status'], string> = {
  draft: 'default', pending_review: 'orange', published: 'green', returned: 'red', cancelled: 'default',
};

/** 宣传月活动: community workers post for their street, county admins publish or return (RLS decides). */
export function EventList() {
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const { data: permissions } = usePermissions<Permissions>({});
  const scopes = permissions?.scopes ?? [];
  const workerStreets = scopes.filter((s) => s.role === 'community_worker').map((s) => s.regionCode);
  const adminCounties = scopes.filter((s) => s.role === 'county_admin').map((s) => s.regionCode);
  const canPost = workerStreets.length > 0 || adminCounties.length > 0;
  const reviews = (e: EventRow) => adminCounties.includes(e.county_code);

  const events = useQuery({ queryKey: ['events', 'list'], queryFn: fetchEvents });
  const names = useQuery({
    queryKey: ['events', 'names', events.data?.length ?? 0],
    enabled: Boolean(events.data),
    queryFn: () => fetchRegionNames((events.data ?? []).flatMap((e) => [e.street_code ?? '', e.county_code])),
  });
  const [editing, setEditing] = useState<EventRow | 'new' | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: ['events'] });
  const settings = useQuery({ queryKey: ['events', 'review-settings', adminCounties], queryFn: () => fetchReviewSettings(adminCounties), enabled: adminCounties.length > 0 });
  const toggleReview = useMutation({
    mutationFn: ({ county, required }: { county: string; required: boolean }) => setReviewRequired(county, required),
    onSuccess: (_, v) => { void message.success(v.required ? '本县区社区活动需审核后公开' : '本县区社区活动提交后直接公开'); void refresh(); },
    onError: (e: Error) => void message.error(e.message),
  });
  const mayEdit = (e: EventRow) => e.status !== 'cancelled'
    && (adminCounties.includes(e.county_code) || (e.street_code !== null && workerStreets.includes(e.street_code)));
  const decide = useMutation({
    mutationFn: ({ id, status, note }: { id: string; status: EventRow['status']; note?: string }) => setEventStatus(id, status, note),
    onSuccess: (row) => { void message.success(`活动${EVENT_STATUS_LABELS[row.status]}`); void refresh(); },
    onError: (e: Error) => void message.error(e.message),
  });
  const returnEvent = (e: EventRow) => {
    let note = '';
    modal.confirm({
      title: `退回“${e.title}”`,
      content: <Input.TextArea data-testid="event-return-note" placeholder="退回原因（必填）" onChange={(x) => { note = x.target.value; }} />,
      okText: '退回',
      onOk: () => decide.mutateAsync({ id: e.id, status: 'returned', note }),
    });
  };

  if (events.isError) return <QueryError error={events.error} onRetry={() => void events.refetch()} />;
  return (
    <List
      title="宣传月活动"
      headerButtons={canPost ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="event-new">发布活动</Button> : null}
    >
      {adminCounties.map((county) => {
        const required = settings.data?.find((x) => x.county_code === county)?.review_required ?? true;
        return (
          <Space key={county} style={{ marginBottom: 12 }} data-testid="event-review-setting">
            <Typography.Text>{names.data?.get(county) ?? ''}社区活动发布前需县卫健局审核</Typography.Text>
            <Switch checked={required} loading={toggleReview.isPending} onChange={(on) => toggleReview.mutate({ county, required: on })} data-testid="event-review-switch" />
          </Space>
        );
      })}
      <Table<EventRow>
        rowKey="id"
        loading={events.isPending}
        dataSource={events.data ?? []}
        data-testid="event-table"
        locale={{ emptyText: '暂无活动' }}
        scroll={{ x: 900 }}
        columns={[
          { title: '活动', dataIndex: 'title', render: (t: string, e) => <span data-testid="event-row-title">{t}<br /><small>{EVENT_KIND_LABELS[e.kind]}</small></span> },
          { title: '时间', render: (_, e) => formatEventTime(e.starts_at, e.ends_at) },
          { title: '街道', render: (_, e) => names.data?.get(e.street_code ?? '') ?? names.data?.get(e.county_code) ?? '' },
          { title: '报名', render: (_, e) => `${e.confirmed_count}/${e.capacity}${e.waitlist_count ? `（候补${e.waitlist_count}）` : ''}` },
          { title: '状态', render: (_, e) => <Tag color={STATUS_COLORS[e.status]} data-testid="event-row-status">{EVENT_STATUS_LABELS[e.status]}</Tag> },
          {
            title: '操作',
            render: (_, e) => (
              <Space wrap>
                {e.status === 'pending_review' && reviews(e) ? (
                  <>
                    <Button size="small" type="primary" onClick={() => decide.mutate({ id: e.id, status: 'published' })} data-testid="event-publish">发布</Button>
                    <Button size="small" danger onClick={() => returnEvent(e)} data-testid="event-return">退回</Button>
                  </>
                ) : null}
                {(e.status === 'draft' || e.status === 'returned') && canPost ? (
                  <Button size="small" onClick={() => decide.mutate({ id: e.id, status: 'pending_review' })}>提交审核</Button>
                ) : null}
                {mayEdit(e) ? <Button size="small" onClick={() => setEditing(e)} data-testid="event-edit">编辑</Button> : null}
                {e.status === 'published' ? <Link to={`/events/${e.id}/check-in`} data-testid="event-check-in">签到</Link> : null}
              </Space>
            ),
          },
        ]}
      />
      <EventFormModal
        open={editing !== null}
        event={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={() => { setEditing(null); void refresh(); }}
        adminCounties={adminCounties}
        workerStreets={workerStreets}
      />
    </List>
  );
}
