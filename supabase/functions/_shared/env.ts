/**
 * Environment of a function: `Deno.env` on Supabase Edge, and the local stack's `Deno.env` shim
 * (packages/local-supabase, functions/env.ts) in Node — the same code runs in both.
 */
declare const Deno: { env: { get(name: string): string | undefined } };

export function env(name: string): string | undefined {
  const value = Deno.env.get(name);
  return value === undefined || value === '' ? undefined : value;
}

export function requireEnv(name: string): string {
  const value = env(name);
  if (!value) throw new Error(`missing environment variable ${name}`);
  return value;
}

/** The WeChat settings (app id, secret, API base). */
export function wechatConfig(): { apiBase: string; appId: string; secret: string } {
  return {
    apiBase: (env('WECHAT_API_BASE') ?? 'https://api.weixin.qq.com').replace(/\/+$/, ''),
    appId: requireEnv('WECHAT_APP_ID'),
    secret: requireEnv('WECHAT_APP_SECRET'),
  };
}

/** The secret access tokens are signed with: the project's JWT secret. */
export function jwtSecret(): string {
  const secret = env('TUOYU_JWT_SECRET') ?? env('SUPABASE_JWT_SECRET') ?? env('JWT_SECRET');
  if (!secret) throw new Error('missing TUOYU_JWT_SECRET (the project JWT secret)');
  return secret;
}
