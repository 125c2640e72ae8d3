import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useGetIdentity, useLogout } from '@refinedev/core';
import { Avatar, Button, Layout, Space, Tag, Typography, theme } from 'antd';
import type { Identity } from '../../providers/auth.ts';
import { selectableScopes } from '../../lib/permissions.ts';
import { RegionSelector } from './region-selector.tsx';

/** Top bar: region selector (city/province admins), who is signed in and in which role, sign-out. */
export function Header() {
  const { token } = theme.useToken();
  const { data: identity } = useGetIdentity<Identity>();
  const { mutate: logout, isPending } = useLogout();
  const scopes = identity ? selectableScopes(identity.permissions) : [];

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
      <Space size="middle">
        {scopes.length > 0 && <RegionSelector scopes={scopes} />}
        {identity && (
          <Space data-testid="header-identity">
            <Avatar size="small" icon={<UserOutlined />} />
            <Typography.Text strong data-testid="header-user-name">
              {identity.name}
            </Typography.Text>
            <Tag color="blue" data-testid="header-user-role">
              {identity.roleLabel}
            </Tag>
          </Space>
        )}
        <Button icon={<LogoutOutlined />} loading={isPending} onClick={() => logout()} data-testid="header-logout">
          退出登录
        </Button>
      </Space>
    </Layout.Header>
  );
}
