import { filingNoticeStatus, formatDateShort, formatDateTime } from '@tuoyu/domain';
import { Alert, App, Button, Card, Descriptions, Empty, Input, List, Space, Typography } from 'antd';
import { useState } from 'react';
import { QueryError } from '../../components/common/query-states.tsx';
import { NoticeStatusTag } from './notice-parts.tsx';
import { useInstitutionNotices, useReplyToNotice, type FilingNotice } from './queries.ts';

/**
 * The operator's side of 备案后发现问题告知: the county's notices with the 改正期限 and a 改正说明
 * for each open one. Only the county confirms the fix (the trigger lets the institution write only
 * the reply), so the page says so instead of offering a button the database would refuse.
 */
export function OperatorNoticesCard({ institutionId }: { institutionId: string }) {
  const notices = useInstitutionNotices(institutionId);
  const rows = notices.data ?? [];
  if (notices.isLoading || (rows.length === 0 && !notices.isError)) return null;
  const open = rows.filter((n) => filingNoticeStatus(n) !== 'resolved').length;
  return (
    <Card
      title="备案后发现问题告知"
      style={{ marginBottom: 16 }}
      data-testid="operator-notices"
      data-state={notices.isFetching ? 'loading' : 'ready'}
      extra={open > 0 ? <Typography.Text type="danger">{open} 项待整改</Typography.Text> : undefined}
    >
      {notices.isError && <QueryError error={notices.error} onRetry={() => void notices.refetch()} />}
      <List<FilingNotice>
        dataSource={rows}
        locale={{ emptyText: <Empty description="没有告知的问题" /> }}
        renderItem={(n) => (
          <List.Item key={n.id} data-testid={`operator-notice-${n.id}`}>
            <OperatorNotice notice={n} />
          </List.Item>
        )}
      />
    </Card>
  );
}

function OperatorNotice({ notice }: { notice: FilingNotice }) {
  const { message } = App.useApp();
  const reply = useReplyToNotice();
  const [text, setText] = useState(notice.operator_reply ?? '');
  const status = filingNoticeStatus(notice);
  const trimmed = text.trim();
  async function save() {
    try {
      await reply.mutateAsync({ id: notice.id, reply: trimmed });
      void message.success('改正说明已提交，等待县级卫健部门确认');
    } catch {
      // shown below
    }
  }
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label="发现的问题" span={3}>
          <span data-testid="notice-problem">{notice.problem}</span>
        </Descriptions.Item>
        <Descriptions.Item label="告知时间">{formatDateTime(notice.notified_at)}</Descriptions.Item>
        <Descriptions.Item label="改正期限">
          <Typography.Text type={status === 'overdue' ? 'danger' : undefined} data-testid="notice-rectify-by">
            {formatDateShort(notice.rectify_by)}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="状态">
          <NoticeStatusTag notice={notice} />
        </Descriptions.Item>
      </Descriptions>
      {status === 'resolved' ? (
        <Typography.Text type="secondary">
          改正说明：{notice.operator_reply ?? '—'}（县级卫健部门已于 {formatDateShort(notice.resolved_at)} 确认整改）
        </Typography.Text>
      ) : (
        <>
          <Input.TextArea
            rows={2}
            maxLength={2000}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="请说明改正情况，例如：已重新办理消防安全检查合格证明"
            data-testid="notice-reply-input"
          />
          {reply.error && <Alert type="error" showIcon message={reply.error.message} data-testid="notice-reply-error" />}
          <Space wrap>
            <Button
              type="primary"
              disabled={trimmed.length === 0 || trimmed === (notice.operator_reply ?? '')}
              loading={reply.isPending}
              onClick={() => void save()}
              data-testid="notice-reply-submit"
            >
              {notice.operator_reply ? '更新改正说明' : '提交改正说明'}
            </Button>
            <Typography.Text type="secondary">改正完成后由县级卫健部门确认销号。</Typography.Text>
          </Space>
        </>
      )}
    </Space>
  );
}
