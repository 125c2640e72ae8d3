import { canStillNotify, chinaToday, FILING_NOTICE_WORKING_DAYS, filingNoticeStatus, formatDate, formatDateShort, formatDateTime } from '@tuoyu/domain';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Space, Table, Typography, type ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { QueryError } from '../../components/common/query-states.tsx';
import { usePermissions } from '@refinedev/core';
import type { Permissions } from '../../lib/permissions.ts';
import { NoticeStatusTag } from './notice-parts.tsx';
import { useCreateNotice, useInstitutionNotices, useNoticeWindow, useUpdateNoticeAsCounty, type FilingNotice, type NoticeWindow } from './queries.ts';

const beforeToday = (d: Dayjs) => d.format('YYYY-MM-DD') < chinaToday();

/**
 * 备案后发现问题告知 on a filed institution's page: its notices with status and the institution's
 * 改正说明; the county admin of its county records a new one while the 15-working-day limit runs,
 * changes a deadline and confirms the fix. The database decides each step and says why it refuses.
 */
export function CountyNoticesCard({ institutionId, countyCode }: { institutionId: string; countyCode: string }) {
  const { data: permissions } = usePermissions<Permissions>({});
  // mirrors the policies: only a county admin of the institution's county writes notices
  const canWrite = !!permissions?.scopes.some((s) => s.role === 'county_admin' && s.regionCode === countyCode);
  const notices = useInstitutionNotices(institutionId);
  const noticeWindow = useNoticeWindow(institutionId, canWrite);
  const rows = notices.data ?? [];
  return (
    <Card title="备案后发现问题告知" data-testid="notices-card" data-state={notices.isFetching ? 'loading' : 'ready'}>
      {notices.isError && <QueryError error={notices.error} onRetry={() => void notices.refetch()} />}
      <Table<FilingNotice>
        rowKey="id"
        size="small"
        dataSource={rows}
        loading={notices.isLoading}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: '尚未告知问题' }}
        onRow={(r) => ({ 'data-testid': `notice-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
      >
        <Table.Column<FilingNotice> title="发现的问题" dataIndex="problem" render={(v: string) => <span data-testid="notice-problem">{v}</span>} />
        <Table.Column<FilingNotice> title="告知时间" dataIndex="notified_at" render={(v: string) => formatDateTime(v)} />
        <Table.Column<FilingNotice> title="整改期限" dataIndex="rectify_by" render={(v: string) => <span data-testid="notice-rectify-by">{formatDateShort(v)}</span>} />
        <Table.Column<FilingNotice> title="状态" render={(_, r) => <NoticeStatusTag notice={r} />} />
        <Table.Column<FilingNotice>
          title="机构改正说明"
          dataIndex="operator_reply"
          render={(v: string | null) => (v ? <span data-testid="notice-reply">{v}</span> : <Typography.Text type="secondary">未回复</Typography.Text>)}
        />
        {canWrite && <Table.Column<FilingNotice> title="操作" render={(_, r) => <CountyNoticeActions notice={r} />} />}
      </Table>
      {canWrite && <NewNotice noticeWindow={noticeWindow.data} loading={noticeWindow.isLoading} error={noticeWindow.error} />}
    </Card>
  );
}

function CountyNoticeActions({ notice }: { notice: FilingNotice }) {
  const { message, modal } = App.useApp();
  const update = useUpdateNoticeAsCounty();
  const [editing, setEditing] = useState(false);
  const [rectifyBy, setRectifyBy] = useState<Dayjs | null>(null);
  if (filingNoticeStatus(notice) === 'resolved') return <span>已于 {formatDateShort(notice.resolved_at)} 确认</span>;
  const run = (input: Parameters<typeof update.mutateAsync>[0], done: string) =>
    update.mutateAsync(input).then(
      () => {
        void message.success(done);
        return true;
      },
      (e: Error) => {
        void message.error(e.message);
        return false;
      },
    );
  return (
    <Space wrap>
      <Button
        size="small"
        type="primary"
        loading={update.isPending && !editing}
        data-testid="notice-resolve"
        onClick={() =>
          modal.confirm({
            title: '确认机构已改正该问题？',
            content: notice.operator_reply ? `机构改正说明：${notice.operator_reply}` : '机构尚未填写改正说明。',
            okText: '确认已整改',
            cancelText: '取消',
            okButtonProps: { 'data-testid': 'notice-resolve-confirm' } as ButtonProps,
            onOk: () => run({ id: notice.id, resolved: true }, '已确认整改'),
          })
        }
      >
        确认已整改
      </Button>
      <Button size="small" data-testid="notice-change-deadline" onClick={() => { setRectifyBy(dayjs(notice.rectify_by)); setEditing(true); }}>
        修改期限
      </Button>
      <Modal
        open={editing}
        title="修改改正期限"
        okText="保存"
        cancelText="取消"
        okButtonProps={{ disabled: !rectifyBy, loading: update.isPending, ...({ 'data-testid': 'notice-deadline-save' } as ButtonProps) }}
        onCancel={() => setEditing(false)}
        onOk={() => void run({ id: notice.id, rectifyBy: rectifyBy!.format('YYYY-MM-DD') }, '改正期限已修改').then((ok) => ok && setEditing(false))}
      >
        <DatePicker value={rectifyBy} onChange={setRectifyBy} disabledDate={beforeToday} style={{ width: '100%' }} data-testid="notice-deadline-input" />
      </Modal>
    </Space>
  );
}

type NewNoticeValues = { problem: string; rectify_by: Dayjs };

function NewNotice({ noticeWindow, loading, error }: { noticeWindow: NoticeWindow | null | undefined; loading: boolean; error: Error | null }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<NewNoticeValues>();
  const create = useCreateNotice();
  if (loading) return null;
  if (error) return <QueryError error={error} />;
  if (!noticeWindow) {
    return <Alert style={{ marginTop: 16 }} type="info" showIcon message="该机构尚无已通过的备案，不能告知问题。" data-testid="notice-closed" />;
  }
  const limit = `备案于 ${formatDate(noticeWindow.decidedOn)} 通过，${FILING_NOTICE_WORKING_DAYS}个工作日内（至 ${formatDate(noticeWindow.notifyBy)}）可告知备案后发现的问题`;
  if (!canStillNotify(noticeWindow.notifyBy)) {
    return (
      <Alert
        style={{ marginTop: 16 }}
        type="info"
        showIcon
        data-testid="notice-closed"
        message={`告知期限已过：${limit}。`}
        description="超过期限发现的问题，请通过监督检查处理。"
      />
    );
  }
  async function submit(values: NewNoticeValues) {
    try {
      await create.mutateAsync({ filingId: noticeWindow!.filingId, problem: values.problem.trim(), rectifyBy: values.rectify_by.format('YYYY-MM-DD') });
      void message.success('已告知机构');
      form.resetFields();
    } catch {
      // shown below the form
    }
  }
  return (
    <div style={{ marginTop: 16 }} data-testid="notice-form">
      <Typography.Title level={5}>告知问题</Typography.Title>
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={limit} data-testid="notice-notify-by" />
      <Form<NewNoticeValues> form={form} layout="vertical" onFinish={(v) => void submit(v)} disabled={create.isPending}>
        <Form.Item name="problem" label="发现的问题" rules={[{ required: true, whitespace: true, min: 2, message: '请描述发现的问题（至少2个字）' }, { max: 2000, message: '最多2000字' }]}>
          <Input.TextArea rows={3} maxLength={2000} placeholder="例如：消防安全检查合格证明已过期" data-testid="notice-problem-input" />
        </Form.Item>
        <Form.Item name="rectify_by" label="改正期限" rules={[{ required: true, message: '请选择改正期限' }]}>
          <DatePicker disabledDate={beforeToday} style={{ width: 220 }} data-testid="notice-rectify-by-input" />
        </Form.Item>
        {create.error && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={create.error.message} data-testid="notice-error" />}
        <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="notice-submit">
          告知机构
        </Button>
      </Form>
    </div>
  );
}
