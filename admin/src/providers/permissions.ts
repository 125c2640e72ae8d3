import { normalizePermissions, NO_PERMISSIONS, type Permissions } from '../lib/permissions.ts';
import { supabaseClient } from './supabase-client.ts';

/**
 * `get_my_permissions()` once per signed-in user (cached until sign-in/out). A missing RPC or a
 * failing call means "no extra permissions": menus shrink, nothing breaks; RLS still decides.
 */
let cached: { userId: string; promise: Promise<Permissions> } | null = null;

export function clearPermissionsCache(): void {
  cached = null;
}

async function fetchPermissions(): Promise<Permissions> {
  const { data, error } = await supabaseClient.rpc('get_my_permissions');
  if (error) {
    console.warn('[权限] 无法读取 get_my_permissions()，按无额外权限处理：', error.message);
    return NO_PERMISSIONS;
  }
  return normalizePermissions(data);
}

export async function loadPermissions(): Promise<Permissions> {
  const { data } = await supabaseClient.auth.getSession();
  const userId = data.session?.user.id;
  if (!userId) return NO_PERMISSIONS;
  if (cached?.userId !== userId) {
    const promise = fetchPermissions().catch(() => NO_PERMISSIONS);
    cached = { userId, promise };
  }
  return cached.promise;
}
