/**
 * The admin's environment, read once. Vite bakes `VITE_*` variables in at build time; when they
 * are absent the app talks to the local stack (`pnpm start`) with the Supabase CLI's well-known
 * public development anon key.
 */

export const DEFAULT_SUPABASE_URL = 'http://127.0.0.1:54321';
export const DEFAULT_SUPABASE_ANON_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';

export type AdminEnv = {
  supabaseUrl: string;
  supabaseAnonKey: string;
  /**
   * The public address the admin is reached at (VITE_PUBLIC_ADMIN_URL): the certificate's QR code
   * points to its /verify page. Null when not configured (then the page's own origin is used, with
   * a warning on the certificate).
   */
  publicAdminUrl: string | null;
};

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '0.0.0.0', '[::1]']);

/** The base of the verify page's address, and a Chinese warning when a phone could not open it. */
export function publicAddress(env: Pick<AdminEnv, 'publicAdminUrl'>, origin: string): { base: string; warning: string | null } {
  const base = env.publicAdminUrl ?? origin;
  let host = '';
  try {
    host = new URL(base).hostname;
  } catch {
    host = '';
  }
  if (!env.publicAdminUrl) {
    return {
      base,
      warning: LOOPBACK_HOSTS.has(host)
        ? `未配置公网地址（VITE_PUBLIC_ADMIN_URL），二维码指向本机地址 ${base}，手机扫码无法打开；请在构建时设置公网地址后再打印。`
        : `未配置公网地址（VITE_PUBLIC_ADMIN_URL），二维码暂用当前访问地址 ${base}；正式部署请在构建时设置。`,
    };
  }
  return {
    base,
    warning: LOOPBACK_HOSTS.has(host) ? `公网地址（VITE_PUBLIC_ADMIN_URL）仍是本机地址 ${base}，手机扫码无法打开；请改为公网地址后重新构建。` : null,
  };
}

/** Validates raw values (exported for tests); throws a Chinese message a deployer can act on. */
export function parseEnv(raw: { VITE_SUPABASE_URL?: string; VITE_SUPABASE_ANON_KEY?: string; VITE_PUBLIC_ADMIN_URL?: string }): AdminEnv {
  const url = raw.VITE_SUPABASE_URL?.trim() || DEFAULT_SUPABASE_URL;
  const key = raw.VITE_SUPABASE_ANON_KEY?.trim() || DEFAULT_SUPABASE_ANON_KEY;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`配置错误：VITE_SUPABASE_URL 不是有效的网址（${url}）`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`配置错误：VITE_SUPABASE_URL 必须以 http:// 或 https:// 开头（${url}）`);
  }
  if (key.split('.').length !== 3) {
    throw new Error('配置错误：VITE_SUPABASE_ANON_KEY 不是有效的 JWT');
  }
  const publicUrl = raw.VITE_PUBLIC_ADMIN_URL?.trim() || null;
  if (publicUrl) {
    let p: URL;
    try {
      p = new URL(publicUrl);
    } catch {
      throw new Error(`配置错误：VITE_PUBLIC_ADMIN_URL 不是有效的网址（${publicUrl}）`);
    }
    if (p.protocol !== 'http:' && p.protocol !== 'https:') {
      throw new Error(`配置错误：VITE_PUBLIC_ADMIN_URL 必须以 http:// 或 https:// 开头（${publicUrl}）`);
    }
  }
  return { supabaseUrl: url.replace(/\/+$/, ''), supabaseAnonKey: key, publicAdminUrl: publicUrl ? publicUrl.replace(/\/+$/, '') : null };
}

export const env: AdminEnv = parseEnv({
  VITE_SUPABASE_URL: import.meta.env.VITE_SUPABASE_URL,
  VITE_SUPABASE_ANON_KEY: import.meta.env.VITE_SUPABASE_ANON_KEY,
  VITE_PUBLIC_ADMIN_URL: import.meta.env.VITE_PUBLIC_ADMIN_URL,
});
