import { errorMessage } from '@tuoyu/domain';
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
    console.warn('[权限] 无法读取 get_my_permissions()：', error.message);
    // The API is unreachable or failing: tell the person what failed instead of "no region".
    throw new Error(`无法读取账号权限：${errorMessage(error, { reading: true })}`);
  }
  return normalizePermissions(data);
}

export async function loadPermissions(): Promise<Permissions> {
  const { data } = await supabaseClient.auth.getSession();
  const userId = data.session?.user.id;
  if (!userId) return NO_PERMISSIONS;
  if (cached?.userId !== userId) {
    const promise = fetchPermissions().catch((error: unknown) => {
      cached = null; // try again next time
      return { ...NO_PERMISSIONS, loadError: error instanceof Error ? error.message : String(error) };
    });
    cached = { userId, promise };
  }
  return cached.promise;
}
