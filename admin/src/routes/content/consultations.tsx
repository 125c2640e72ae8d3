import { PlusOutlined } from '@ant-design/icons';
import { List } from '@refinedev/antd';
import { usePermissions } from '@refinedev/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CONSULTATION_MODES, CONSULTATION_MODE_LABELS, SIGNUP_STATUS_LABELS, formatEventTime, signupStatusText } from '@tuoyu/domain';
import { Alert, App, Button, Card, Empty, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { QueryError } from '../../components/common/query-states.tsx';
import type { Permissions } from '../../lib/permissions.ts';
import { cancelSlot, createSlot, fetchBookings, fetchManagedExperts, fetchSlots, recordConsultation, type SlotRow } from './queries.ts';

const ADMIN_ROLES = new Set(['province_admin', 'city_admin', 'county_admin']);
type SlotForm = { expert_id: string; starts_at: string; ends_at: string; mode: SlotRow['mode']; location?: string; capacity: number };

function Bookings({ slot }: { slot: SlotRow }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const bookings = useQuery({ queryKey: ['consultations', 'bookings', slot.id], queryFn: () => fetchBookings(slot.id) });
  const record = useMutation({
    mutationFn: ({ id, tookPlace }: { id: string; tookPlace: boolean }) => recordConsultation(id, tookPlace),
    onSuccess: () => { void message.success('已记录'); void client.invalidateQueries({ queryKey: ['consultations'] }); },
    onError: (e: Error) => void message.error(e.message),
  });
  if (bookings.isError) return <QueryError error={bookings.error} />;
  return (
    <Table
      size="small" rowKey="id" pagination={false} loading={bookings.isPending} data-testid="booking-table"
      dataSource={(bookings.data ?? []).filter((b) => b.status !== 'cancelled')}
      locale={{ emptyText: '暂无预约' }}
      columns={[
        { title: '预约时间', render: (_, b) => new Date(b.created_at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }) },
        { title: '咨询问题', dataIndex: 'question' },
        { title: '状态', render: (_, b) => <Tag title={SIGNUP_STATUS_LABELS[b.status]} data-testid="booking-status">{signupStatusText(b.status, b.waitlist_position)}</Tag> },
        {
          title: '记录',
          render: (_, b) => (b.status === 'waitlisted' ? null : (
            <Space>
              <Button size="small" type={b.status === 'attended' ? 'primary' : 'default'} onClick={() => record.mutate({ id: b.id, tookPlace: true })} data-testid="booking-attended">已咨询</Button>
              <Button size="small" danger={b.status === 'no_show'} onClick={() => record.mutate({ id: b.id, tookPlace: false })}>未到场</Button>
            </Space>
          )),
        },
      ]}
    />
  );
}

/**
 * 专家咨询: an expert (their own profile) or an admin (the experts of their regions) publishes
 * consultation slots — in person or by phone, with a capacity — stops a slot (停诊), sees the
 * bookings and records whether each took place. RLS and record_consultation() are the authority.
 */
export function ConsultationsPage() {
  const { message } = App.useApp();
  const client = useQueryClient();
  const { data: permissions } = usePermissions<Permissions>({});
  const userId = permissions?.userId ?? null;
  const regionCodes = (permissions?.scopes ?? []).filter((s) => ADMIN_ROLES.has(s.role)).map((s) => s.regionCode);
  const experts = useQuery({ queryKey: ['consultations', 'experts', userId, regionCodes], queryFn: () => fetchManagedExperts(userId, regionCodes), enabled: Boolean(permissions) });
  const expertIds = (experts.data ?? []).map((e) => e.id);
  const slots = useQuery({ queryKey: ['consultations', 'slots', expertIds], queryFn: () => fetchSlots(expertIds), enabled: Boolean(experts.data) });
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<SlotForm>();
  const refresh = () => client.invalidateQueries({ queryKey: ['consultations'] });
  const create = useMutation({
    mutationFn: (v: SlotForm) => createSlot({ expert_id: v.expert_id, region_code: (experts.data ?? []).find((e) => e.id === v.expert_id)?.region_code ?? '', starts_at: new Date(v.starts_at).toISOString(), ends_at: new Date(v.ends_at).toISOString(),
      mode: v.mode, location: v.location ?? '', capacity: v.capacity }),
    onSuccess: () => { void message.success('时段已发布'); setOpen(false); form.resetFields(); void refresh(); },
    onError: (e: Error) => void message.error(e.message),
  });
  const stop = useMutation({
    mutationFn: (id: string) => cancelSlot(id),
    onSuccess: () => { void message.success('已停诊'); void refresh(); },
    onError: (e: Error) => void message.error(e.message),
  });
  const expertName = new Map((experts.data ?? []).map((e) => [e.id, e.name]));

  if (experts.isError) return <QueryError error={experts.error} onRetry={() => void experts.refetch()} />;
  if (experts.data && experts.data.length === 0) {
    return <Card><Empty description="您不是专家，也没有可管理的专家；专家账号由所在区划的管理员在“专家团队”中关联" /></Card>;
  }
  return (
    <List title="专家咨询时段" headerButtons={<Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="slot-new">发布时段</Button>}>
      {slots.isError ? <QueryError error={slots.error} onRetry={() => void slots.refetch()} /> : null}
      <Table<SlotRow>
        rowKey="id" loading={slots.isPending} dataSource={slots.data ?? []} data-testid="slot-table" scroll={{ x: 800 }}
        locale={{ emptyText: '暂无咨询时段' }}
        expandable={{ expandedRowRender: (slot) => <Bookings slot={slot} /> }}
        columns={[
          { title: '专家', render: (_, s) => expertName.get(s.expert_id) ?? '' },
          { title: '时间', render: (_, s) => formatEventTime(s.starts_at, s.ends_at) },
          { title: '方式', render: (_, s) => `${CONSULTATION_MODE_LABELS[s.mode]}${s.location ? ` · ${s.location}` : ''}` },
          { title: '预约', render: (_, s) => `${s.confirmed_count}/${s.capacity}${s.waitlist_count ? `（候补${s.waitlist_count}）` : ''}` },
          { title: '状态', render: (_, s) => (s.cancelled_at ? <Tag>已停诊</Tag> : <Tag color="green">开放</Tag>) },
          {
            title: '操作',
            render: (_, s) => (s.cancelled_at ? null : <Button size="small" danger onClick={() => stop.mutate(s.id)}>停诊</Button>),
          },
        ]}
      />
      <Modal open={open} title="发布咨询时段" onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={create.isPending} okText="发布" destroyOnHidden>
        <Form<SlotForm> form={form} layout="vertical" onFinish={(v) => create.mutate(v)}
          initialValues={{ expert_id: experts.data?.[0]?.id, mode: 'in_person', capacity: 1 }}>
          <Form.Item name="expert_id" label="专家" rules={[{ required: true, message: '请选择专家' }]}>
            <Select options={(experts.data ?? []).map((e) => ({ value: e.id, label: e.name }))} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="starts_at" label="开始时间" rules={[{ required: true, message: '请选择开始时间' }]}><Input type="datetime-local" data-testid="slot-form-starts" /></Form.Item>
            <Form.Item name="ends_at" label="结束时间" rules={[{ required: true, message: '请选择结束时间' }]}><Input type="datetime-local" data-testid="slot-form-ends" /></Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="mode" label="方式"><Select style={{ width: 140 }} options={CONSULTATION_MODES.map((m) => ({ value: m, label: CONSULTATION_MODE_LABELS[m] }))} /></Form.Item>
            <Form.Item name="capacity" label="名额"><InputNumber min={1} max={100} /></Form.Item>
          </Space>
          <Form.Item name="location" label="地点（到场咨询）"><Input maxLength={200} /></Form.Item>
          <Alert type="info" showIcon message="预约满员后家长可排候补；有人取消时第一位候补自动转为确认并收到通知。" />
        </Form>
      </Modal>
    </List>
  );
}
