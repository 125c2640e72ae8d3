import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { useLogin } from '@refinedev/core';
import { Alert, Button, Card, Form, Input, Layout, Space, Typography } from 'antd';
import { useState } from 'react';
import type { LoginParams } from '../../providers/auth.ts';

/** Sign-in with Supabase email/password; errors shown in Chinese above the form. */
export function LoginPage() {
  const [form] = Form.useForm<LoginParams>();
  const [error, setError] = useState<string | null>(null);
  const { mutate: login, isPending } = useLogin<LoginParams>({
    mutationOptions: {
      onSuccess: (result) => setError(result.success ? null : (result.error?.message ?? '登录失败，请稍后重试')),
      onError: (e) => setError(e.message || '登录失败，请稍后重试'),
    },
  });

  return (
    <Layout style={{ minHeight: '100vh', background: 'linear-gradient(135deg, #e6f4ff 0%, #f6ffed 100%)' }}>
      <Layout.Content style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 24 }}>
        <Card style={{ width: 400, maxWidth: '100%' }} data-testid="login-card">
          <Space direction="vertical" size="large" style={{ width: '100%' }}>
            <div style={{ textAlign: 'center' }}>
              <Typography.Title level={3} style={{ marginBottom: 4 }} data-testid="login-title">
                托育一件事 · 管理后台
              </Typography.Title>
              <Typography.Text type="secondary">卫健部门、托育机构工作人员登录</Typography.Text>
            </div>
            {error && <Alert type="error" showIcon message={error} data-testid="login-error" />}
            <Form<LoginParams>
              form={form}
              layout="vertical"
              requiredMark={false}
              onFinish={(values) => {
                setError(null);
                login(values);
              }}
              data-testid="login-form"
            >
              <Form.Item
                name="email"
                label="邮箱"
                rules={[
                  { required: true, message: '请输入邮箱' },
                  { type: 'email', message: '邮箱格式不正确' },
                ]}
              >
                <Input prefix={<MailOutlined />} placeholder="name@example.com" autoComplete="username" data-testid="login-email" />
              </Form.Item>
              <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
                <Input.Password
                  prefix={<LockOutlined />}
                  placeholder="请输入密码"
                  autoComplete="current-password"
                  data-testid="login-password"
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" block size="large" loading={isPending} data-testid="login-submit">
                登录
              </Button>
            </Form>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0, textAlign: 'center' }}>
              本地演示账号见项目 README；忘记密码请联系上级管理员重置。
            </Typography.Paragraph>
          </Space>
        </Card>
      </Layout.Content>
    </Layout>
  );
}
