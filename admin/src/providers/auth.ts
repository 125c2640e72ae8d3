import { FAMILY_LABEL, ROLE_LABELS, isSessionError, loginErrorMessage } from '@tuoyu/domain';
import type { AuthProvider } from '@refinedev/core';
import { toHttpError } from '../lib/errors.ts';
import { primaryRole, type Permissions } from '../lib/permissions.ts';
import { clearPermissionsCache, loadPermissions } from './permissions.ts';
import { supabaseClient } from './supabase-client.ts';

export type Identity = {
  id: string;
  email: string | null;
  name: string;
  role: ReturnType<typeof primaryRole>;
  roleLabel: string;
  permissions: Permissions;
};

export type LoginParams = { email: string; password: string };

const SESSION_EXPIRED = { name: '登录已过期', message: '登录已过期，请重新登录' };

function roleLabel(role: Identity['role']): string {
  if (role === 'operator') return ROLE_LABELS.operator;
  if (role === 'family') return FAMILY_LABEL;
  return ROLE_LABELS[role];
}

/** A display name from the profile row, if the table exists and has one of the usual columns. */
async function profileName(userId: string): Promise<string | null> {
  const { data, error } = await supabaseClient.from('profiles').select('*').eq('id', userId).maybeSingle();
  if (error || !data) return null;
  const row = data as Record<string, unknown>;
  for (const key of ['display_name', 'full_name', 'name', 'nickname']) {
    const value = row[key];
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return null;
}

export const authProvider: AuthProvider = {
  login: async ({ email, password }: LoginParams) => {
    clearPermissionsCache();
    const { data, error } = await supabaseClient.auth.signInWithPassword({ email: email.trim(), password });
    if (error || !data.session) {
      return { success: false, error: { name: '登录失败', message: loginErrorMessage(error) } };
    }
    return { success: true, redirectTo: '/' };
  },

  logout: async () => {
    clearPermissionsCache();
    const { error } = await supabaseClient.auth.signOut();
    // The server may be unreachable or the session already gone: always forget it locally.
    if (error) await supabaseClient.auth.signOut({ scope: 'local' });
    return { success: true, redirectTo: '/login' };
  },

  check: async () => {
    // getSession() refreshes an expired access token with the refresh token when it can.
    const { data, error } = await supabaseClient.auth.getSession();
    const session = data.session;
    if (error || !session) {
      return {
        authenticated: false,
        logout: true,
        redirectTo: '/login',
        ...(error ? { error: SESSION_EXPIRED } : {}),
      };
    }
    if (session.expires_at && session.expires_at * 1000 < Date.now()) {
      return { authenticated: false, logout: true, redirectTo: '/login', error: SESSION_EXPIRED };
    }
    return { authenticated: true };
  },

  onError: async (error: unknown) => {
    if (isSessionError(error)) {
      return { logout: true, redirectTo: '/login', error: SESSION_EXPIRED };
    }
    if (toHttpError(error).statusCode === 403) {
      // RLS refused: log out only if the session itself is gone; otherwise stay and show the message.
      const { data } = await supabaseClient.auth.getSession();
      if (!data.session) return { logout: true, redirectTo: '/login', error: SESSION_EXPIRED };
    }
    return {};
  },

  getPermissions: async () => loadPermissions(),

  getIdentity: async (): Promise<Identity | null> => {
    const { data } = await supabaseClient.auth.getSession();
    const user = data.session?.user;
    if (!user) return null;
    const permissions = await loadPermissions();
    const role = primaryRole(permissions);
    const metaName = user.user_metadata?.['full_name'] ?? user.user_metadata?.['name'];
    const name =
      permissions.displayName ??
      (typeof metaName === 'string' && metaName.trim() ? metaName.trim() : null) ??
      (await profileName(user.id)) ??
      user.email ??
      '用户';
    return {
      id: user.id,
      email: user.email ?? null,
      name,
      role,
      roleLabel: roleLabel(role),
      permissions,
    };
  },
};
