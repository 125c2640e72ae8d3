import { INVITATION_STATUS_LABELS, labelOf, MEMBER_ROLE_LABELS, type InvitationStatus } from '@tuoyu/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Result, Segmented, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { clearPermissionsCache } from '../../providers/permissions.ts';
import { supabaseClient } from '../../providers/supabase-client.ts';
import { acceptInvitation, redeemInvitation, useInvitationPreview } from './queries.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Values = { email: string; password: string; confirm?: string; displayName?: string };

/** Into the admin as the institution's operator (a full load, so menus and permissions start afresh). */
function enterAdmin() {
  clearPermissionsCache();
  window.location.assign('/my-institution');
}

/**
 * /invite/<code>, reachable without sign-in: the invitee sees what the code invites to, sets a
 * password (a new account) or signs in with an existing one, and lands in the admin as operator.
 */
export function InviteAcceptPage() {
  const { code = '' } = useParams();
  const preview = useInvitationPreview(code);
  const session = useQuery({ queryKey: ['accounts', 'session'], queryFn: async () => (await supabaseClient.auth.getSession()).data.session });

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f5f5f5', padding: 16 }}>
      <Card style={{ width: 480, maxWidth: '100%' }} title="接受托育机构账号邀请" data-testid="invite-card">
        {preview.isPending || session.isPending ? (
          <Skeleton active />
        ) : preview.isError ? (
          <Alert type="error" showIcon message={preview.error.message} />
        ) : !preview.data ? (
          <div data-testid="invite-invalid">
            <Result status="warning" title="邀请码无效" subTitle="请核对邀请链接，或联系邀请人重新邀请。" />
          </div>
        ) : preview.data.status !== 'pending' ? (
          <div data-testid="invite-unavailable">
            <Result
              status="warning"
              title={`邀请${INVITATION_STATUS_LABELS[preview.data.status as InvitationStatus] ?? '不可用'}`}
              subTitle={preview.data.status === 'accepted' ? '该邀请已被使用，请直接登录。' : '请联系邀请人重新邀请。'}
              extra={<Button href="/login">去登录</Button>}
            />
          </div>
        ) : (
          <>
            <Typography.Paragraph data-testid="invite-summary">
              您被邀请成为 <Typography.Text strong>{preview.data.institution_name}</Typography.Text> 的
              {labelOf(MEMBER_ROLE_LABELS, preview.data.member_role)}（被邀请人：{preview.data.invitee}）。
            </Typography.Paragraph>
            {session.data ? (
              <SignedIn code={code} email={session.data.user.email ?? ''} />
            ) : (
              <AcceptForm code={code} invitee={preview.data.invitee} />
            )}
          </>
        )}
      </Card>
    </div>
  );
}

function SignedIn({ code, email }: { code: string; email: string }) {
  const redeem = useMutation({ mutationFn: () => redeemInvitation(code), onSuccess: enterAdmin });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert type="info" showIcon message={`当前已登录：${email}`} />
      {redeem.isError && <Alert type="error" showIcon message={redeem.error.message} data-testid="invite-error" />}
      <Button type="primary" block loading={redeem.isPending} onClick={() => redeem.mutate()} data-testid="invite-accept-current">
        以当前账号接受邀请
      </Button>
      <Button block onClick={() => void supabaseClient.auth.signOut().then(() => window.location.reload())}>
        退出，换一个账号
      </Button>
    </Space>
  );
}

function AcceptForm({ code, invitee }: { code: string; invitee: string }) {
  const [mode, setMode] = useState<'new' | 'existing'>('new');
  const [form] = Form.useForm<Values>();
  const accept = useMutation({
    mutationFn: (v: Values) => acceptInvitation({ code, email: v.email.trim(), password: v.password, existing: mode === 'existing', displayName: v.displayName?.trim() }),
    onSuccess: (result) => {
      if (result === 'accepted') enterAdmin();
    },
  });
  if (accept.data === 'confirm_email') {
    return (
      <div data-testid="invite-confirm-email">
        <Result status="info" title="请查收确认邮件" subTitle="账号已创建。请点击邮件中的确认链接，回到本页面后即可接受邀请。" />
      </div>
    );
  }
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ email: EMAIL.test(invitee) ? invitee : '' }}
      onFinish={(v) => accept.mutate(v)}
      data-testid="invite-form"
    >
      <Form.Item>
        <Segmented
          block
          value={mode}
          onChange={(v) => setMode(v as 'new' | 'existing')}
          options={[
            { value: 'new', label: '首次使用：设置密码' },
            { value: 'existing', label: '已有账号：登录' },
          ]}
          data-testid="invite-mode"
        />
      </Form.Item>
      <Form.Item name="email" label="登录邮箱" rules={[{ required: true, pattern: EMAIL, message: '请填写有效的邮箱地址' }]}>
        <Input autoComplete="username" data-testid="invite-email" />
      </Form.Item>
      {mode === 'new' && (
        <Form.Item name="displayName" label="姓名">
          <Input maxLength={64} data-testid="invite-name" />
        </Form.Item>
      )}
      <Form.Item name="password" label={mode === 'new' ? '设置密码' : '密码'} rules={[{ required: true, min: 8, message: '密码至少8位' }]}>
        <Input.Password autoComplete={mode === 'new' ? 'new-password' : 'current-password'} data-testid="invite-password" />
      </Form.Item>
      {mode === 'new' && (
        <Form.Item
          name="confirm"
          label="确认密码"
          dependencies={['password']}
          rules={[
            { required: true, message: '请再次输入密码' },
            ({ getFieldValue }) => ({
              validator: (_, value) => (value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="invite-confirm" />
        </Form.Item>
      )}
      {accept.isError && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={accept.error.message} data-testid="invite-error" />}
      <Button type="primary" htmlType="submit" block loading={accept.isPending} data-testid="invite-submit">
        {mode === 'new' ? '设置密码并接受邀请' : '登录并接受邀请'}
      </Button>
    </Form>
  );
}
