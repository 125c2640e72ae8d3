import { labelOf, MEMBER_ROLE_LABELS } from '@tuoyu/domain';
import { List } from '@refinedev/antd';
import { usePermissions } from '@refinedev/core';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { QueryError } from '../../components/common/query-states.tsx';
import { RequirePermission } from '../../components/require-permission.tsx';
import type { Membership, Permissions } from '../../lib/permissions.ts';
import { showIssuedCode } from './issued-code.tsx';
import { createInvitation, useMembers, useRemoveMember, type MemberRow } from './queries.ts';

/** 机构账号: the accounts of each of the person's institutions; owners invite staff and remove accounts. */
export function MemberPage() {
  return (
    <RequirePermission anyOf={['member.view']}>
      <MemberCards />
    </RequirePermission>
  );
}

function MemberCards() {
  const { data: permissions } = usePermissions<Permissions>({});
  const memberships = permissions?.memberships ?? [];
  return (
    <List title="机构账号">
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        {memberships.map((m) => (
          <InstitutionMembers key={m.institutionId} membership={m} me={permissions?.userId ?? null} />
        ))}
      </Space>
    </List>
  );
}

function InstitutionMembers({ membership, me }: { membership: Membership; me: string | null }) {
  const { message } = App.useApp();
  const isOwner = membership.role === 'owner';
  const members = useMembers(membership.institutionId);
  const remove = useRemoveMember(membership.institutionId);
  const [form] = Form.useForm<{ invitee: string }>();
  const invite = useMutation({
    mutationFn: (invitee: string) => createInvitation(membership.institutionId, invitee, 'staff'),
    onSuccess: (issued, invitee) => {
      form.resetFields();
      showIssuedCode(issued, invitee);
    },
  });
  return (
    <Card
      title={membership.institutionName ?? '本机构'}
      extra={<Tag color={isOwner ? 'gold' : 'default'}>我是{labelOf(MEMBER_ROLE_LABELS, membership.role)}</Tag>}
      data-testid="member-card"
      data-institution-id={membership.institutionId}
    >
      {!isOwner && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message="只有机构负责人可以邀请或移除账号。" data-testid="member-staff-note" />
      )}
      {members.isError && <QueryError error={members.error} onRetry={() => void members.refetch()} />}
      <Table<MemberRow>
        rowKey="user_id"
        size="small"
        loading={members.isPending}
        dataSource={members.data ?? []}
        pagination={false}
        data-testid="member-table"
        onRow={(r) => ({ 'data-member-name': r.display_name }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '姓名', render: (_, r) => r.display_name || '（未填写）' },
          { title: '角色', render: (_, r) => <Tag color={r.member_role === 'owner' ? 'gold' : 'default'}>{labelOf(MEMBER_ROLE_LABELS, r.member_role)}</Tag> },
          { title: '登录邮箱', render: (_, r) => r.email ?? '—' },
          { title: '手机号', render: (_, r) => r.phone ?? '—' },
          { title: '加入时间', render: (_, r) => dayjs(r.joined_at).format('YYYY-MM-DD') },
          {
            title: '操作',
            render: (_, r) =>
              isOwner && r.user_id !== me ? (
                <Popconfirm
                  title="移除账号"
                  description={`移除后「${r.display_name || r.email}」将不能再管理本机构。确定移除？`}
                  okText="移除"
                  okButtonProps={{ danger: true }}
                  cancelText="取消"
                  onConfirm={() => remove.mutateAsync(r.user_id).then(() => void message.success('已移除'), (e: Error) => void message.error(e.message))}
                >
                  <Button size="small" danger data-testid="member-remove">移除</Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
      {isOwner && (
        <Form form={form} layout="inline" style={{ marginTop: 16 }} onFinish={(v) => invite.mutate(v.invitee.trim())} data-testid="member-invite-form">
          <Form.Item name="invitee" rules={[{ required: true, whitespace: true, min: 3, message: '请填写工作人员的邮箱或手机号' }]}>
            <Input placeholder="工作人员的邮箱或手机号" style={{ width: 260 }} data-testid="member-invitee" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={invite.isPending} data-testid="member-invite">
            邀请工作人员
          </Button>
          <Link to="/invitations" style={{ marginLeft: 16, lineHeight: '32px' }}>查看邀请记录</Link>
        </Form>
      )}
      {invite.isError && <Alert type="error" showIcon style={{ marginTop: 8 }} message={invite.error.message} />}
    </Card>
  );
}
