import { usePermissions } from '@refinedev/core';
import { Button, Result, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { hasPermission, type Permissions } from '../lib/permissions.ts';

/** The Chinese 无权访问 page for a screen the person may not open. */
export function Forbidden({ description }: { description?: string }) {
  const navigate = useNavigate();
  return (
    <div data-testid="forbidden">
      <Result
        status="403"
        title="无权访问"
        subTitle={description ?? '您的账号没有访问此页面的权限。如需开通，请联系上级管理员。'}
        extra={
          <Button type="primary" onClick={() => navigate('/')}>
            返回首页
          </Button>
        }
      />
    </div>
  );
}

/** The API could not be reached (or failed): say what failed, never "no permission". */
export function PermissionsUnavailable({ message }: { message: string }) {
  return (
    <div data-testid="permissions-unavailable">
      <Result
        status="warning"
        title="暂时无法连接服务"
        subTitle={`${message}。请检查网络连接；如果网络正常，可能是服务暂时不可用，请稍后重试或联系系统管理员。`}
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            重试
          </Button>
        }
      />
    </div>
  );
}

/**
 * Renders children only for people holding one of `anyOf` (names from get_my_permissions());
 * everybody else gets 无权访问. RLS still guards the data behind the screen.
 */
export function RequirePermission({ anyOf, children }: { anyOf: string[]; children: ReactNode }) {
  const { data: permissions, isLoading } = usePermissions<Permissions>({});
  if (isLoading) return <Skeleton active />;
  if (permissions?.loadError) return <PermissionsUnavailable message={permissions.loadError} />;
  if (!permissions || !anyOf.some((name) => hasPermission(permissions, name))) return <Forbidden />;
  return <>{children}</>;
}

export function usePermissionNames(): { has(name: string): boolean; loading: boolean } {
  const { data: permissions, isLoading } = usePermissions<Permissions>({});
  return { has: (name) => !!permissions && hasPermission(permissions, name), loading: isLoading };
}
