import { List } from '@refinedev/antd';
import { usePermissions } from '@refinedev/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { formatChinaDateTime, REVIEW_DIMENSIONS } from '@tuoyu/domain';
import { App, Button, Form, Input, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { EmptyState, QueryError } from '../../components/common/query-states.tsx';
import { RequirePermission } from '../../components/require-permission.tsx';
import { hasPermission, NO_PERMISSIONS, type Permissions } from '../../lib/permissions.ts';
import { fetchReviews, moderateReview, replyReview, type ReviewRow } from './queries.ts';

type TextValues = { text: string };

/** 评价管理: the reviews of my institutions (reply once) or of my region (hide with a reason, restore). */
export function ReviewList() {
  return (
    <RequirePermission anyOf={['review.reply', 'review.moderate']}>
      <Reviews />
    </RequirePermission>
  );
}

function Reviews() {
  const { message } = App.useApp();
  const client = useQueryClient();
  const { data: permissions } = usePermissions<Permissions>({});
  const p = permissions ?? NO_PERMISSIONS;
  const memberOf = new Set(p.memberships.map((m) => m.institutionId));
  const canReply = hasPermission(p, 'review.reply');
  const canModerate = hasPermission(p, 'review.moderate');
  const reviews = useQuery({ queryKey: ['reviews', p.userId], enabled: Boolean(permissions), queryFn: () => fetchReviews(p) });
  const [replying, setReplying] = useState<ReviewRow | null>(null);
  const [hiding, setHiding] = useState<ReviewRow | null>(null);
  const [replyForm] = Form.useForm<TextValues>();
  const [hideForm] = Form.useForm<TextValues>();
  const act = useMutation({
    mutationFn: async ({ run }: { run: () => Promise<void>; done: string }) => run(),
    onSuccess: (_, { done }) => {
      void message.success(done);
      setReplying(null);
      setHiding(null);
      void client.invalidateQueries({ queryKey: ['reviews'] });
    },
    onError: (e: Error) => void message.error(e.message),
  });

  if (reviews.error) return <QueryError error={reviews.error} onRetry={() => void reviews.refetch()} />;
  return (
    <List title="评价管理">
      <div data-testid="reviews-admin" data-state={reviews.isPending ? 'loading' : 'ready'}>
        {!reviews.isPending && (reviews.data ?? []).length === 0 ? <EmptyState description="暂无评价" /> : null}
        <Table<ReviewRow>
          rowKey="id"
          size="small"
          loading={reviews.isPending}
          dataSource={reviews.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="reviews-admin-table"
          onRow={(r) => ({ 'data-review-id': r.id }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: '机构', render: (_, r) => r.institution?.name ?? '' },
            { title: '评价人', dataIndex: 'author_label', width: 80 },
            {
              title: '评分',
              width: 150,
              render: (_, r) => (
                <div style={{ fontSize: 12 }}>
                  {REVIEW_DIMENSIONS.map((d) => <div key={d.key}>{d.label} {'★'.repeat(r[d.key])}</div>)}
                </div>
              ),
            },
            {
              title: '内容',
              render: (_, r) => (
                <div>
                  <div data-testid="review-admin-body">{r.body}</div>
                  {r.reply ? <div style={{ color: '#888', marginTop: 4 }} data-testid="review-admin-reply">机构回复：{r.reply}</div> : null}
                  {r.hidden ? <div style={{ color: '#cf1322', marginTop: 4 }}>隐藏理由：{r.hidden_reason}</div> : null}
                </div>
              ),
            },
            { title: '时间', width: 120, render: (_, r) => formatChinaDateTime(r.created_at) },
            {
              title: '状态',
              width: 90,
              render: (_, r) => (r.hidden ? <Tag color="red">已隐藏</Tag> : r.reply ? <Tag color="green">已回复</Tag> : <Tag>待回复</Tag>),
            },
            {
              title: '操作',
              width: 170,
              render: (_, r) => (
                <Space wrap>
                  {canReply && memberOf.has(r.institution_id) && !r.reply ? (
                    <Button size="small" type="primary" onClick={() => { replyForm.resetFields(); setReplying(r); }} data-testid="review-admin-reply-open">回复</Button>
                  ) : null}
                  {canModerate && !memberOf.has(r.institution_id) ? (
                    r.hidden ? (
                      <Button size="small" onClick={() => act.mutate({ run: () => moderateReview(r.id, false), done: '评价已恢复公开' })} data-testid="review-admin-restore">恢复公开</Button>
                    ) : (
                      <Button size="small" danger onClick={() => { hideForm.resetFields(); setHiding(r); }} data-testid="review-admin-hide">隐藏</Button>
                    )
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </div>
      <Modal open={Boolean(replying)} title="回复评价（每条评价只能回复一次，公开显示）" okText="回复"
        okButtonProps={{ 'data-testid': 'review-admin-reply-submit' } as Record<string, string>}
        onCancel={() => setReplying(null)} onOk={() => replyForm.submit()} confirmLoading={act.isPending} destroyOnHidden>
        <p>{replying?.body}</p>
        <Form<TextValues> form={replyForm} layout="vertical"
          onFinish={(v) => replying && act.mutate({ run: () => replyReview(replying.id, v.text.trim()), done: '已回复，家长会收到通知' })}>
          <Form.Item name="text" label="回复内容" rules={[{ required: true, message: '请填写回复内容' }, { min: 2, max: 500, message: '回复内容应为2～500字' }]}>
            <Input.TextArea rows={4} data-testid="review-admin-reply-text" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={Boolean(hiding)} title="隐藏评价（理由对评价人可见）" okText="隐藏" okButtonProps={{ danger: true, ...({ 'data-testid': 'review-admin-hide-submit' } as Record<string, string>) }}
        onCancel={() => setHiding(null)} onOk={() => hideForm.submit()} confirmLoading={act.isPending} destroyOnHidden>
        <p>{hiding?.body}</p>
        <Form<TextValues> form={hideForm} layout="vertical"
          onFinish={(v) => hiding && act.mutate({ run: () => moderateReview(hiding.id, true, v.text.trim()), done: '评价已隐藏，评价人会收到理由' })}>
          <Form.Item name="text" label="理由" rules={[{ required: true, message: '请填写隐藏理由' }, { min: 2, max: 200, message: '理由应为2～200字' }]}>
            <Input.TextArea rows={3} data-testid="review-admin-hide-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </List>
  );
}
