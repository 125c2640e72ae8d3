import { PlusOutlined } from '@ant-design/icons';
import { List } from '@refinedev/antd';
import { usePermissions } from '@refinedev/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { EVENT_KINDS, EVENT_KIND_LABELS, EVENT_STATUS_LABELS, formatEventTime } from '@tuoyu/domain';
import { App, Button, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { QueryError } from '../../components/common/query-states.tsx';
import type { Permissions } from '../../lib/permissions.ts';
import { createEvent, fetchCampaigns, fetchEvents, fetchRegionNames, fetchStreets, setEventStatus, type EventInsert, type EventRow } from './queries.ts';

const STATUS_COLORS: Record<EventRow['status'], string> = {
  draft: 'default', pending_review: 'orange', published: 'green', returned: 'red', cancelled: 'default',
};

type FormValues = {
  title: string;
  kind: EventRow['kind'];
  campaign_id?: string;
  street_code: string;
  /** datetime-local values (the admin's clock: China time) */
  starts_at: string;
  ends_at: string;
  venue: string;
  capacity: number;
  min_age_months: number;
  max_age_months: number;
  description?: string;
  submit: boolean;
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
  const campaigns = useQuery({ queryKey: ['events', 'campaigns'], queryFn: fetchCampaigns });
  const streets = useQuery({ queryKey: ['events', 'streets', adminCounties, workerStreets], queryFn: () => fetchStreets(adminCounties, workerStreets), enabled: canPost });
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<FormValues>();
  const refresh = () => client.invalidateQueries({ queryKey: ['events'] });

  const create = useMutation({
    mutationFn: (v: FormValues) => {
      const row: EventInsert = {
        title: v.title, kind: v.kind, campaign_id: v.campaign_id ?? null, street_code: v.street_code,
        county_code: `${v.street_code.slice(0, 6)}000000`, starts_at: new Date(v.starts_at).toISOString(), ends_at: new Date(v.ends_at).toISOString(),
        signup_closes_at: new Date(v.starts_at).toISOString(),
        venue: v.venue, capacity: v.capacity, min_age_months: v.min_age_months, max_age_months: v.max_age_months,
        description: v.description ?? '', status: v.submit ? 'pending_review' : 'draft',
      };
      return createEvent(row);
    },
    onSuccess: (row) => {
      void message.success(row.status === 'published' ? '活动已发布' : row.status === 'pending_review' ? '已提交县卫健局审核' : '草稿已保存');
      setOpen(false);
      form.resetFields();
      void refresh();
    },
    onError: (e: Error) => void message.error(e.message),
  });
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
      headerButtons={canPost ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="event-new">发布活动</Button> : null}
    >
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
                {e.status === 'published' ? <Link to={`/events/${e.id}/check-in`} data-testid="event-check-in">签到</Link> : null}
              </Space>
            ),
          },
        ]}
      />
      <Modal open={open} title="发布活动" onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={create.isPending} okText="保存" destroyOnHidden>
        <Form<FormValues> form={form} layout="vertical" initialValues={{ kind: 'open_day', capacity: 20, min_age_months: 0, max_age_months: 36, submit: true }}
          onFinish={(v) => create.mutate(v)}>
          <Form.Item name="title" label="活动名称" rules={[{ required: true, message: '请填写活动名称' }, { min: 2, max: 100 }]}>
            <Input data-testid="event-form-title" />
          </Form.Item>
          <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
            <Select options={EVENT_KINDS.map((k) => ({ value: k, label: EVENT_KIND_LABELS[k] }))} data-testid="event-form-kind" />
          </Form.Item>
          <Form.Item name="campaign_id" label="所属宣传月（选填）">
            <Select allowClear options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.starts_on}～${c.ends_on}）` }))} data-testid="event-form-campaign" />
          </Form.Item>
          <Form.Item name="street_code" label="街道" rules={[{ required: true, message: '请选择街道' }]}>
            <Select showSearch optionFilterProp="label" options={(streets.data ?? []).map((s) => ({ value: s.code, label: s.name }))} data-testid="event-form-street" />
          </Form.Item>
          <Space wrap>
            <Form.Item name="starts_at" label="开始时间" rules={[{ required: true, message: '请选择开始时间' }]}>
              <Input type="datetime-local" data-testid="event-form-starts" />
            </Form.Item>
            <Form.Item name="ends_at" label="结束时间" rules={[{ required: true, message: '请选择结束时间' }]}>
              <Input type="datetime-local" data-testid="event-form-ends" />
            </Form.Item>
          </Space>
          <Form.Item name="venue" label="地点" rules={[{ required: true, message: '请填写活动地点' }, { min: 2, max: 200 }]}>
            <Input data-testid="event-form-venue" />
          </Form.Item>
          <Space>
            <Form.Item name="capacity" label="名额" rules={[{ required: true }]}><InputNumber min={1} max={10000} data-testid="event-form-capacity" /></Form.Item>
            <Form.Item name="min_age_months" label="月龄从"><InputNumber min={0} max={72} /></Form.Item>
            <Form.Item name="max_age_months" label="到"><InputNumber min={0} max={72} /></Form.Item>
          </Space>
          <Form.Item name="description" label="介绍（纯文本）"><Input.TextArea rows={3} maxLength={5000} /></Form.Item>
          <Form.Item name="submit" label="保存后">
            <Select options={[{ value: true, label: '提交县卫健局审核（免审县区直接发布）' }, { value: false, label: '只保存草稿' }]} />
          </Form.Item>
        </Form>
      </Modal>
    </List>
  );
}
