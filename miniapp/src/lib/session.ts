/**
 * The family's session, kept in Taro storage (wx storage / localStorage) and read by the supabase
 * client (its `accessToken` option). Small on purpose — the 我的 tab in the main package uses it
 * without loading supabase-js. Renewal before expiry, without the family noticing:
 *   wechat    a fresh Taro.login code → wechat-login (weapp only; H5 demo codes cannot renew)
 *   password  the refresh token → /auth/v1/token?grant_type=refresh_token
 * A session that can no longer be renewed is dropped (the family signs in again).
 */
import Taro from '@tarojs/taro';
import { useSyncExternalStore } from 'react';
import { env, taroEnv } from '../config/env.ts';

export interface FamilySession {
  accessToken: string;
  /** Unix seconds. */
  expiresAt: number;
  refreshToken?: string;
  provider: 'wechat' | 'password';
  userId: string;
  displayName: string;
}

const KEY = 'tuoyu.family-session';
const RENEW_MARGIN_S = 120;
const listeners = new Set<() => void>();
let cached: FamilySession | null | undefined;

export function readSession(): FamilySession | null {
  if (cached !== undefined) return cached;
  const raw: unknown = Taro.getStorageSync(KEY);
  try {
    cached = typeof raw === 'string' && raw ? (JSON.parse(raw) as FamilySession) : null;
  } catch {
    cached = null;
  }
  return cached;
}

export function saveSession(session: FamilySession | null): void {
  cached = session;
  if (session) Taro.setStorageSync(KEY, JSON.stringify(session));
  else Taro.removeStorageSync(KEY);
  for (const listener of listeners) listener();
}

export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): FamilySession | null {
  return useSyncExternalStore(onSessionChange, readSession, readSession);
}

interface TokenAnswer {
  access_token?: string;
  expires_in?: number;
  expires_at?: number;
  refresh_token?: string;
  user?: { id: string; display_name?: string; user_metadata?: { display_name?: string }; email?: string };
  code?: string;
  message?: string;
  msg?: string;
  error_code?: string;
}

/** POST JSON with Taro.request (works on weapp and H5, and never goes through the supabase client). */
export async function postJson(path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; data: TokenAnswer }> {
  const res = await Taro.request<TokenAnswer>({
    url: `${env.supabaseUrl}${path}`,
    method: 'POST',
    data: body as Record<string, unknown>,
    header: { 'content-type': 'application/json', apikey: env.supabaseAnonKey, authorization: `Bearer ${env.supabaseAnonKey}`, ...headers },
  });
  return { status: res.statusCode, data: res.data ?? {} };
}

/** A session from a token answer (wechat-login or GoTrue). */
export function sessionFrom(answer: TokenAnswer, provider: FamilySession['provider']): FamilySession {
  const now = Math.floor(Date.now() / 1000);
  return {
    accessToken: answer.access_token!,
    expiresAt: answer.expires_at ?? now + (answer.expires_in ?? 3600),
    refreshToken: answer.refresh_token,
    provider,
    userId: answer.user!.id,
    displayName: answer.user?.display_name ?? answer.user?.user_metadata?.display_name ?? answer.user?.email ?? '家长',
  };
}

async function renew(session: FamilySession): Promise<FamilySession | null> {
  if (session.provider === 'password' && session.refreshToken) {
    const res = await postJson('/auth/v1/token?grant_type=refresh_token', { refresh_token: session.refreshToken });
    return res.status === 200 && res.data.access_token ? sessionFrom(res.data, 'password') : null;
  }
  if (session.provider === 'wechat' && taroEnv === 'weapp') {
    const { code } = await Taro.login();
    const res = await postJson('/functions/v1/wechat-login', { code });
    return res.status === 200 && res.data.access_token ? { ...sessionFrom(res.data, 'wechat') } : null;
  }
  return null;
}

let renewing: Promise<FamilySession | null> | null = null;

/** The access token to send, renewed shortly before it expires; null = signed out (anon key). */
export async function validAccessToken(): Promise<string | null> {
  const session = readSession();
  if (!session) return null;
  const now = Math.floor(Date.now() / 1000);
  if (session.expiresAt - RENEW_MARGIN_S > now) return session.accessToken;
  renewing ??= renew(session)
    .catch(() => null)
    .finally(() => {
      renewing = null;
    });
  const renewed = await renewing;
  if (renewed) {
    saveSession(renewed);
    return renewed.accessToken;
  }
  if (session.expiresAt > now) return session.accessToken;
  saveSession(null);
  return null;
}
