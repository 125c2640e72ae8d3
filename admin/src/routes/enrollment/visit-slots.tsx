import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, InputNumber, Popconfirm, Space, Table } from 'antd';
import { EmptyState, QueryError } from '../../components/common/query-states.tsx';
import { fetchVisitSlots, publishVisitSlot, removeVisitSlot, type VisitSlotRow } from './queries.ts';

type SlotValues = { visit_on: string; time_label: string; capacity: number; note?: string };

const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** 参观日期: the dates families may book a visit for; a booked date stays until its visits are handled. */
export function VisitSlots({ institutionId }: { institutionId: string }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<SlotValues>();
  const slots = useQuery({ queryKey: ['enrollment', 'visit-slots', institutionId], queryFn: () => fetchVisitSlots(institutionId, chinaToday()) });
  const act = useMutation({
    mutationFn: async ({ run }: { run: () => Promise<void>; done: string }) => run(),
    onSuccess: (_, { done }) => {
      void message.success(done);
      form.resetFields();
      void client.invalidateQueries({ queryKey: ['enrollment', 'visit-slots'] });
    },
    onError: (e: Error) => void message.error(e.message),
  });
  if (slots.error) return <QueryError error={slots.error} onRetry={() => void slots.refetch()} />;
  return (
    <div data-testid="enrollment-visit-slots" data-state={slots.isPending ? 'loading' : 'ready'}>
      <Form<SlotValues> form={form} layout="inline" style={{ marginBottom: 16 }} initialValues={{ time_label: '上午 9:30–10:30', capacity: 5 }}
        onFinish={(v) => act.mutate({ run: () => publishVisitSlot(institutionId, v), done: '已发布参观日期' })}>
        <Form.Item name="visit_on" label="日期" rules={[{ required: true, message: '请选择参观日期' }]}>
          <Input type="date" min={chinaToday()} data-testid="visit-slot-date" />
        </Form.Item>
        <Form.Item name="time_label" label="时间段" rules={[{ required: true, message: '请填写时间段' }, { min: 2, max: 40 }]}>
          <Input style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="capacity" label="名额" rules={[{ required: true, message: '请填写名额' }]}>
          <InputNumber min={1} max={50} />
        </Form.Item>
        <Form.Item name="note" label="说明" rules={[{ max: 200 }]}>
          <Input placeholder="如 请提前10分钟到前台登记" style={{ width: 220 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={act.isPending} data-testid="visit-slot-publish">发布参观日期</Button>
        </Form.Item>
      </Form>
      {!slots.isPending && (slots.data ?? []).length === 0 ? <EmptyState description="尚未发布参观日期，家长暂不能预约参观" /> : null}
      <Table<VisitSlotRow>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={slots.data ?? []}
        data-testid="visit-slot-table"
        columns={[
          { title: '日期', dataIndex: 'visit_on' },
          { title: '时间段', dataIndex: 'time_label' },
          { title: '已约 / 名额', render: (_, s) => `${s.booked} / ${s.capacity}` },
          { title: '说明', dataIndex: 'note' },
          {
            title: '操作',
            render: (_, s) => (
              <Space>
                <Popconfirm title="删除这个参观日期？" okText="删除" cancelText="取消"
                  onConfirm={() => act.mutate({ run: () => removeVisitSlot(s.id), done: '已删除' })}>
                  <Button size="small" danger disabled={s.booked > 0} title={s.booked > 0 ? '已有家庭预约，请先处理预约' : undefined}>删除</Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}
