import { useMutation, useQuery } from '@tanstack/react-query';
import { EVENT_KINDS, EVENT_KIND_LABELS } from '@tuoyu/domain';
import { App, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { useEffect } from 'react';
import {
  createEvent, fetchCampaigns, fetchEventInstitutionIds, fetchFiledInstitutions, fetchStreets, setEventInstitutions, updateEvent,
  type EventInsert, type EventRow,
} from './queries.ts';

type FormValues = {
  title: string;
  kind: EventRow['kind'];
  campaign_id?: string | null;
  street_code: string;
  /** datetime-local values, China time */
  starts_at: string;
  ends_at: string;
  signup_opens_at?: string;
  signup_closes_at?: string;
  venue: string;
  lat?: number | null;
  lng?: number | null;
  capacity: number;
  min_age_months: number;
  max_age_months: number;
  description?: string;
  institution_ids?: string[];
  submit: boolean;
};

/** ISO instant → `YYYY-MM-DDTHH:mm` in China time (UTC+8, no daylight saving). */
export function toChinaInput(iso: string | null | undefined): string | undefined {
  return iso ? new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16) : undefined;
}
/** `YYYY-MM-DDTHH:mm` in China time → ISO instant. */
export function fromChinaInput(value: string): string {
  return new Date(`${value}:00+08:00`).toISOString();
}

/**
 * 发布/编辑活动: place (street), times, sign-up window, venue with its map point, target age,
 * capacity, campaign, institutions taking part. The database checks the street, the status moves
 * and the county's review setting (a published event changed by its author goes back to review).
 */
export function EventFormModal({ event, open, onClose, onSaved, adminCounties, workerStreets }: {
  event: EventRow | null;
  open: boolean;
  onClose: () => void;
  onSaved: (row: EventRow) => void;
  adminCounties: string[];
  workerStreets: string[];
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const campaigns = useQuery({ queryKey: ['events', 'campaigns'], queryFn: fetchCampaigns, enabled: open });
  const streets = useQuery({ queryKey: ['events', 'streets', adminCounties, workerStreets], queryFn: () => fetchStreets(adminCounties, workerStreets), enabled: open });
  const counties = [...new Set([...adminCounties, ...workerStreets.map((s) => `${s.slice(0, 6)}000000`)])];
  const institutions = useQuery({ queryKey: ['events', 'institutions', counties], queryFn: () => fetchFiledInstitutions(counties), enabled: open });
  const linked = useQuery({ queryKey: ['events', 'event-institutions', event?.id ?? ''], queryFn: () => fetchEventInstitutionIds(event!.id), enabled: open && Boolean(event) });

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (event) {
      form.setFieldsValue({
        title: event.title, kind: event.kind, campaign_id: event.campaign_id, street_code: event.street_code ?? undefined,
        starts_at: toChinaInput(event.starts_at), ends_at: toChinaInput(event.ends_at), signup_opens_at: toChinaInput(event.signup_opens_at),
        signup_closes_at: toChinaInput(event.signup_closes_at), venue: event.venue, lat: event.lat, lng: event.lng, capacity: event.capacity,
        min_age_months: event.min_age_months, max_age_months: event.max_age_months, description: event.description,
        submit: event.status !== 'draft',
      });
    }
  }, [open, event, form]);
  useEffect(() => {
    if (open && linked.data) form.setFieldValue('institution_ids', linked.data);
  }, [open, linked.data, form]);

  const save = useMutation({
    mutationFn: async (v: FormValues) => {
      const values: EventInsert = {
        title: v.title, kind: v.kind, campaign_id: v.campaign_id ?? null, street_code: v.street_code,
        county_code: `${v.street_code.slice(0, 6)}000000`, starts_at: fromChinaInput(v.starts_at), ends_at: fromChinaInput(v.ends_at),
        signup_closes_at: fromChinaInput(v.signup_closes_at || v.starts_at),
        ...(v.signup_opens_at ? { signup_opens_at: fromChinaInput(v.signup_opens_at) } : {}),
        venue: v.venue, lat: v.lat ?? null, lng: v.lng ?? null, capacity: v.capacity, min_age_months: v.min_age_months,
        max_age_months: v.max_age_months, description: v.description ?? '',
      };
      let row: EventRow;
      if (event) {
        const status = event.status === 'draft' || event.status === 'returned' ? (v.submit ? 'pending_review' : event.status) : event.status;
        row = await updateEvent(event.id, { ...values, status });
      } else {
        row = await createEvent({ ...values, status: v.submit ? 'pending_review' : 'draft' });
      }
      await setEventInstitutions(row.id, v.institution_ids ?? []).catch((e: Error) => {
        throw new Error(`活动已保存，但参与机构保存失败：${e.message}`);
      });
      return row;
    },
    onSuccess: (row) => {
      void message.success(row.status === 'published' ? '活动已保存并发布' : row.status === 'pending_review' ? '已提交县卫健局审核' : '活动已保存');
      onSaved(row);
    },
    onError: (e: Error) => void message.error(e.message),
  });

  return (
    <Modal open={open} title={event ? '编辑活动' : '发布活动'} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}
      okText="保存" width={680} destroyOnHidden forceRender>
      <Form<FormValues> form={form} layout="vertical" initialValues={{ kind: 'open_day', capacity: 20, min_age_months: 0, max_age_months: 36, submit: true }}
        onFinish={(v) => save.mutate(v)}>
        <Form.Item name="title" label="活动名称" rules={[{ required: true, message: '请填写活动名称' }, { min: 2, max: 100 }]}>
          <Input data-testid="event-form-title" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
            <Select style={{ width: 180 }} options={EVENT_KINDS.map((k) => ({ value: k, label: EVENT_KIND_LABELS[k] }))} data-testid="event-form-kind" />
          </Form.Item>
          <Form.Item name="street_code" label="街道" rules={[{ required: true, message: '请选择街道' }]}>
            <Select style={{ width: 220 }} showSearch optionFilterProp="label" options={(streets.data ?? []).map((s) => ({ value: s.code, label: s.name }))} data-testid="event-form-street" />
          </Form.Item>
        </Space>
        <Form.Item name="campaign_id" label="所属宣传月（选填；活动日期不在宣传月内时不在其下列出）">
          <Select allowClear options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.starts_on}～${c.ends_on}）` }))} data-testid="event-form-campaign" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="starts_at" label="开始时间" rules={[{ required: true, message: '请选择开始时间' }]}><Input type="datetime-local" data-testid="event-form-starts" /></Form.Item>
          <Form.Item name="ends_at" label="结束时间" rules={[{ required: true, message: '请选择结束时间' }]}><Input type="datetime-local" data-testid="event-form-ends" /></Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="signup_opens_at" label="报名开始（默认现在）"><Input type="datetime-local" data-testid="event-form-signup-opens" /></Form.Item>
          <Form.Item name="signup_closes_at" label="报名截止（默认活动开始）"><Input type="datetime-local" data-testid="event-form-signup-closes" /></Form.Item>
        </Space>
        <Form.Item name="venue" label="地点" rules={[{ required: true, message: '请填写活动地点' }, { min: 2, max: 200 }]}>
          <Input data-testid="event-form-venue" />
        </Form.Item>
        <Space wrap align="end">
          <Form.Item name="lat" label="地图位置：纬度（GCJ-02）"><InputNumber min={-90} max={90} step={0.0001} style={{ width: 160 }} data-testid="event-form-lat" /></Form.Item>
          <Form.Item name="lng" label="经度"><InputNumber min={-180} max={180} step={0.0001} style={{ width: 160 }} data-testid="event-form-lng" /></Form.Item>
          <Form.Item><Typography.Text type="secondary">填写后家长可在“附近活动”中找到</Typography.Text></Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="capacity" label="名额" rules={[{ required: true }]}><InputNumber min={1} max={10000} data-testid="event-form-capacity" /></Form.Item>
          <Form.Item name="min_age_months" label="适合月龄从"><InputNumber min={0} max={72} /></Form.Item>
          <Form.Item name="max_age_months" label="到"><InputNumber min={0} max={72} /></Form.Item>
        </Space>
        <Form.Item name="institution_ids" label="参与机构（如机构开放日）">
          <Select mode="multiple" allowClear optionFilterProp="label" options={(institutions.data ?? []).map((i) => ({ value: i.id, label: i.name }))} data-testid="event-form-institutions" />
        </Form.Item>
        <Form.Item name="description" label="介绍（纯文本）"><Input.TextArea rows={3} maxLength={5000} /></Form.Item>
        {!event || event.status === 'draft' || event.status === 'returned' ? (
          <Form.Item name="submit" label="保存后">
            <Select options={[{ value: true, label: '提交县卫健局审核（免审县区直接发布）' }, { value: false, label: '只保存草稿' }]} />
          </Form.Item>
        ) : event.status === 'published' ? (
          <Typography.Paragraph type="warning">已发布的活动修改名称、时间、地点等后，需审核的县区将重新提交审核。</Typography.Paragraph>
        ) : null}
      </Form>
    </Modal>
  );
}
