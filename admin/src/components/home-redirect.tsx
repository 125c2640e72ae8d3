import { NavigateToResource } from '@refinedev/react-router';
import { Skeleton } from 'antd';
import { Navigate } from 'react-router';
import { primaryRole } from '../lib/permissions.ts';
import { useFreshPermissions } from '../lib/fresh-permissions.ts';

/**
 * "/": staff and operators land on their 工作台 (it also explains an unreachable API); a person
 * with no role at the default resource.
 */
export function HomeRedirect({ resource }: { resource: string }) {
  const { data, isLoading } = useFreshPermissions();
  if (isLoading) return <Skeleton active />;
  if (data && (data.loadError || primaryRole(data) !== 'family')) return <Navigate to="/workbench" replace />;
  return <NavigateToResource resource={resource} />;
}
