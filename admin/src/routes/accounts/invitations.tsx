import { INVITATION_STATUS_LABELS, invitationStatus, labelOf, MEMBER_ROLE_LABELS, NOTICE_CHANNEL_LABELS, NOTICE_DELIVERY_STATUS_LABELS, type InvitationStatus } from '@tuoyu/domain';
import { List } from '@refinedev/antd';
import { App, Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { QueryError } from '../../components/common/query-states.tsx';
import { RequirePermission } from '../../components/require-permission.tsx';
import { showIssuedCode } from './issued-code.tsx';
import { useInvitations, useResendInvitation, useRevokeInvitation, type InvitationRow } from './queries.ts';

const STATUS_COLORS: Record<InvitationStatus, string> = { pending: 'blue', accepted: 'green', revoked: 'default', expired: 'orange' };
const time = (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');

/** 账号邀请: the invitations the person issued or may manage (county: its institutions; owner: staff). */
export function InvitationList() {
  return (
    <RequirePermission anyOf={['invitation.manage', 'member.view']}>
      <InvitationTable />
    </RequirePermission>
  );
}

function InvitationTable() {
  const { message } = App.useApp();
  const invitations = useInvitations();
  const resend = useResendInvitation();
  const revoke = useRevokeInvitation();
  if (invitations.isError) return <QueryError error={invitations.error} onRetry={() => void invitations.refetch()} />;
  return (
    <List title="账号邀请">
      <Table<InvitationRow>
        rowKey="id"
        loading={invitations.isPending}
        dataSource={invitations.data ?? []}
        data-testid="invitation-table"
        locale={{ emptyText: '暂无邀请' }}
        onRow={(r) => ({ 'data-invitee': r.invitee, 'data-status': invitationStatus(r) }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '机构', render: (_, r) => <Link to={`/institutions/${r.institution_id}`}>{r.institution?.name ?? '—'}</Link> },
          { title: '被邀请人', dataIndex: 'invitee' },
          { title: '角色', render: (_, r) => labelOf(MEMBER_ROLE_LABELS, r.member_role) },
          {
            title: '状态',
            render: (_, r) => {
              const s = invitationStatus(r);
              return <Tag color={STATUS_COLORS[s]} data-testid="invitation-status">{INVITATION_STATUS_LABELS[s]}</Tag>;
            },
          },
          {
            title: '发送',
            render: (_, r) => r.delivery ? (
              <Tag color={r.delivery.delivery_status === 'sent' ? 'green' : r.delivery.delivery_status === 'failed' ? 'red' : 'blue'}
                data-testid="invitation-delivery" data-delivery={r.delivery.delivery_status} title={r.delivery.last_error ?? undefined}>
                {labelOf(NOTICE_CHANNEL_LABELS, r.delivery.channel)} · {labelOf(NOTICE_DELIVERY_STATUS_LABELS, r.delivery.delivery_status)}
              </Tag>
            ) : <Typography.Text type="secondary">当面交付</Typography.Text>,
          },
          { title: '有效期至', render: (_, r) => time(r.expires_at) },
          { title: '接受时间', render: (_, r) => time(r.accepted_at) },
          { title: '邀请时间', render: (_, r) => time(r.created_at) },
          {
            title: '操作',
            render: (_, r) => {
              const s = invitationStatus(r);
              if (s === 'accepted' || s === 'revoked') return null;
              return (
                <Space>
                  <Popconfirm
                    title="重发邀请"
                    description="将生成新的邀请码，原邀请码随即失效。确定重发？"
                    okText="重发"
                    cancelText="取消"
                    onConfirm={() =>
                      resend.mutateAsync(r.id).then((issued) => showIssuedCode(issued, r.invitee), (e: Error) => void message.error(e.message))
                    }
                  >
                    <Button size="small" data-testid="invitation-resend">重发</Button>
                  </Popconfirm>
                  {s === 'pending' && (
                    <Popconfirm
                      title="撤回邀请"
                      description="撤回后邀请码立即失效。确定撤回？"
                      okText="撤回"
                      okButtonProps={{ danger: true }}
                      cancelText="取消"
                      onConfirm={() =>
                        revoke.mutateAsync(r.id).then(() => void message.success('已撤回邀请'), (e: Error) => void message.error(e.message))
                      }
                    >
                      <Button size="small" danger data-testid="invitation-revoke">撤回</Button>
                    </Popconfirm>
                  )}
                </Space>
              );
            },
          },
        ]}
      />
    </List>
  );
}
