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
};

/** Validates raw values (exported for tests); throws a Chinese message a deployer can act on. */
export function parseEnv(raw: { VITE_SUPABASE_URL?: string; VITE_SUPABASE_ANON_KEY?: string }): AdminEnv {
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
  return { supabaseUrl: url.replace(/\/+$/, ''), supabaseAnonKey: key };
}

export const env: AdminEnv = parseEnv({
  VITE_SUPABASE_URL: import.meta.env.VITE_SUPABASE_URL,
  VITE_SUPABASE_ANON_KEY: import.meta.env.VITE_SUPABASE_ANON_KEY,
});
