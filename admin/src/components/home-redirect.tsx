import { NavigateToResource } from '@refinedev/react-router';
import { Skeleton } from 'antd';
import { Navigate } from 'react-router';
import { primaryRole } from '../lib/permissions.ts';
import { useFreshPermissions } from '../lib/fresh-permissions.ts';

/** "/": operators start at their institution; everybody else at the default resource. */
export function HomeRedirect({ resource }: { resource: string }) {
  const { data, isLoading } = useFreshPermissions();
  if (isLoading) return <Skeleton active />;
  if (data && primaryRole(data) === 'operator') return <Navigate to="/my-institution" replace />;
  return <NavigateToResource resource={resource} />;
}
