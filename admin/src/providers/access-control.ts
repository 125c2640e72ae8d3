import type { AccessControlProvider } from '@refinedev/core';
import { can } from '../lib/permissions.ts';
import { loadPermissions } from './permissions.ts';

export const accessControlProvider: AccessControlProvider = {
  can: async ({ resource, action }) => {
    const permissions = await loadPermissions();
    return can(permissions, resource, action)
      ? { can: true }
      : { can: false, reason: '您没有此操作的权限，如需开通请联系上级管理员' };
  },
  options: {
    buttons: { enableAccessControl: true, hideIfUnauthorized: true },
    queryOptions: { staleTime: 5 * 60_000 },
  },
};
