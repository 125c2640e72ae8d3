import { grantableRoles, labelOf, ROLE_LABELS, ROLE_REGION_LEVELS, type StaffRole } from '@tuoyu/domain';
import { List } from '@refinedev/antd';
import { usePermissions } from '@refinedev/core';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Select, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { QueryError } from '../../components/common/query-states.tsx';
import { RequirePermission } from '../../components/require-permission.tsx';
import type { Permissions, StaffScope } from '../../lib/permissions.ts';
import { useGrantScope, useRegionsUnder, useRevokeScope, useScopes, type ScopeRow } from './queries.ts';

type GrantValues = { scope: string; role: StaffRole; region_code: string; account: string };

/** 账号与权限: the scopes of the admin's area; grants by the level directly above; revocation. */
export function StaffScopePage() {
  return (
    <RequirePermission anyOf={['scope.manage']}>
      <ScopeScreen />
    </RequirePermission>
  );
}

function ScopeScreen() {
  const { message } = App.useApp();
  const scopes = useScopes();
  const revoke = useRevokeScope();
  return (
    <List title="账号与权限">
      <GrantForm />
      {scopes.isError && <QueryError error={scopes.error} onRetry={() => void scopes.refetch()} />}
      <Table<ScopeRow>
        rowKey="id"
        loading={scopes.isPending}
        dataSource={scopes.data ?? []}
        data-testid="scope-table"
        style={{ marginTop: 16 }}
        onRow={(r) => ({ 'data-account': r.email ?? '' }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '姓名', render: (_, r) => r.display_name || '（未填写）' },
          { title: '登录邮箱', dataIndex: 'email' },
          { title: '角色', render: (_, r) => <Tag color="blue">{labelOf(ROLE_LABELS, r.role)}</Tag> },
          { title: '管辖区划', render: (_, r) => r.region_name },
          { title: '授权人', render: (_, r) => r.granted_by_name ?? '—' },
          { title: '授权时间', render: (_, r) => dayjs(r.created_at).format('YYYY-MM-DD HH:mm') },
          {
            title: '操作',
            render: (_, r) =>
              r.can_revoke ? (
                <Popconfirm
                  title="撤销授权"
                  description={`撤销「${r.display_name || r.email}」的${labelOf(ROLE_LABELS, r.role)}（${r.region_name}）？下一次操作起生效。`}
                  okText="撤销"
                  okButtonProps={{ danger: true }}
                  cancelText="取消"
                  onConfirm={() => revoke.mutateAsync(r.id).then(() => void message.success('已撤销授权'), (e: Error) => void message.error(e.message))}
                >
                  <Button size="small" danger data-testid="scope-revoke">撤销</Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
    </List>
  );
}

function GrantForm() {
  const { message } = App.useApp();
  const { data: permissions } = usePermissions<Permissions>({});
  const adminScopes = useMemo(
    () => (permissions?.scopes ?? []).filter((s) => grantableRoles(s.role).length > 0),
    [permissions],
  );
  const [form] = Form.useForm<GrantValues>();
  const scopeKey = Form.useWatch('scope', form) ?? (adminScopes[0] ? key(adminScopes[0]) : undefined);
  const scope = adminScopes.find((s) => key(s) === scopeKey);
  const role = Form.useWatch('role', form) as StaffRole | undefined;
  const regions = useRegionsUnder(scope?.regionCode, role ? ROLE_REGION_LEVELS[role] : []);
  const grant = useGrantScope();
  if (adminScopes.length === 0) return null;
  return (
    <Card size="small" title="授权" data-testid="scope-grant">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        message="省级授予市级管理员，市级授予县级管理员，县级授予检查员和社区工作者（街道）。被授权人须先用邮箱注册账号。"
      />
      <Form<GrantValues>
        form={form}
        layout="inline"
        style={{ rowGap: 8 }}
        initialValues={{ scope: adminScopes[0] ? key(adminScopes[0]) : undefined }}
        onFinish={(v) =>
          grant.mutateAsync({ account: v.account.trim(), region_code: v.region_code, role: v.role }).then(
            () => {
              void message.success('已授权');
              form.resetFields(['account']);
            },
            () => undefined,
          )
        }
      >
        {adminScopes.length > 1 && (
          <Form.Item name="scope" label="以">
            <Select style={{ width: 200 }} options={adminScopes.map((s) => ({ value: key(s), label: `${labelOf(ROLE_LABELS, s.role)}（${s.regionName ?? s.regionCode}）` }))} />
          </Form.Item>
        )}
        <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
          <Select
            style={{ width: 140 }}
            options={(scope ? grantableRoles(scope.role) : []).map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
            onChange={() => form.resetFields(['region_code'])}
            data-testid="scope-role"
          />
        </Form.Item>
        <Form.Item name="region_code" label="区划" rules={[{ required: true, message: '请选择区划' }]}>
          <Select
            style={{ width: 200 }}
            showSearch
            optionFilterProp="label"
            loading={regions.isFetching}
            options={(regions.data ?? []).map((r) => ({ value: r.code, label: r.name }))}
            data-testid="scope-region"
          />
        </Form.Item>
        <Form.Item name="account" label="账号" rules={[{ required: true, whitespace: true, message: '请填写被授权人的登录邮箱' }]}>
          <Input style={{ width: 220 }} placeholder="被授权人的登录邮箱或手机号" data-testid="scope-account" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={grant.isPending} data-testid="scope-grant-submit">
          授权
        </Button>
      </Form>
      {grant.isError && <Alert type="error" showIcon style={{ marginTop: 8 }} message={grant.error.message} data-testid="scope-grant-error" />}
    </Card>
  );
}

const key = (s: StaffScope) => `${s.role}:${s.regionCode}`;
