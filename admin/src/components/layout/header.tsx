import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useGetIdentity, useLogout } from '@refinedev/core';
import { Avatar, Button, Grid, Layout, Space, Tag, Typography, theme } from 'antd';
import type { Identity } from '../../providers/auth.ts';
import { selectableScopes } from '../../lib/permissions.ts';
import { RegionSelector } from './region-selector.tsx';

/** Top bar: region selector (city/province admins), who is signed in and in which role, sign-out. */
export function Header() {
  const { token } = theme.useToken();
  const { data: identity } = useGetIdentity<Identity>();
  const { mutate: logout, isPending } = useLogout();
  const scopes = identity ? selectableScopes(identity.permissions) : [];
  const phone = !Grid.useBreakpoint().md;

  return (
    <Layout.Header
      style={{
        backgroundColor: token.colorBgElevated,
        display: 'flex',
        justifyContent: 'flex-end',
        alignItems: 'center',
        padding: '0 24px',
        height: 64,
        position: 'sticky',
        top: 0,
        zIndex: 1,
      }}
    >
      <Space size={phone ? 'small' : 'middle'} wrap style={{ justifyContent: 'flex-end', padding: phone ? '8px 0' : undefined }}>
        {scopes.length > 0 && <RegionSelector scopes={scopes} />}
        {identity && (
          <Space data-testid="header-identity">
            {phone ? null : <Avatar size="small" icon={<UserOutlined />} />}
            <Typography.Text strong data-testid="header-user-name" ellipsis style={{ maxWidth: phone ? 96 : 240 }}>
              {identity.name}
            </Typography.Text>
            <Tag color="blue" data-testid="header-user-role">
              {identity.roleLabel}
            </Tag>
          </Space>
        )}
        <Button icon={<LogoutOutlined />} loading={isPending} onClick={() => logout()} data-testid="header-logout" aria-label="退出登录">
          {phone ? null : '退出登录'}
        </Button>
      </Space>
    </Layout.Header>
  );
}
