import { useQuery } from '@tanstack/react-query';
import { loadPermissions } from '../providers/permissions.ts';

/**
 * The signed-in person's permissions, read afresh on mount: refine's cached usePermissions may still
 * hold the signed-out answer right after sign-in. loadPermissions() itself caches per user. Kept
 * apart from api.ts so the first route (HomeRedirect) does not load the domain package.
 */
export function useFreshPermissions() {
  return useQuery({ queryKey: ['operator', 'permissions'], queryFn: loadPermissions, staleTime: 0 });
}
