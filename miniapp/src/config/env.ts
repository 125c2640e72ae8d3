/**
 * The mini-program's environment, read once. `TARO_APP_SUPABASE_URL` and
 * `TARO_APP_SUPABASE_ANON_KEY` are inlined at build time (config/index.ts); when absent the app
 * talks to the local stack (`pnpm start`) with the Supabase CLI's well-known public dev anon key.
 * No `URL` here: the WeChat runtime has none until the polyfill is loaded.
 */

export const DEFAULT_SUPABASE_URL = 'http://127.0.0.1:54321';
export const DEFAULT_SUPABASE_ANON_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';

export type MiniappEnv = {
  supabaseUrl: string;
  supabaseAnonKey: string;
  /** Subscribe-message template ids the family is asked to accept when applying (≤ 3, WeChat's limit per request). */
  subscribeTemplateIds: string[];
};

export type RawMiniappEnv = {
  TARO_APP_SUPABASE_URL?: string;
  TARO_APP_SUPABASE_ANON_KEY?: string;
  /** Comma-separated template ids (offer received, offer about to lapse, request declined/withdrawn). */
  TARO_APP_WECHAT_SUBSCRIBE_TEMPLATES?: string;
};

/** Validates raw values (exported for tests); throws a Chinese message a deployer can act on. */
export function parseEnv(raw: RawMiniappEnv): MiniappEnv {
  const url = raw.TARO_APP_SUPABASE_URL?.trim() || DEFAULT_SUPABASE_URL;
  const key = raw.TARO_APP_SUPABASE_ANON_KEY?.trim() || DEFAULT_SUPABASE_ANON_KEY;
  if (!/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(url)) {
    throw new Error(`配置错误：TARO_APP_SUPABASE_URL 必须是以 http:// 或 https:// 开头的网址（${url}）`);
  }
  if (!/^[\w-]+\.[\w-]+\.[\w-]+$/.test(key)) {
    throw new Error('配置错误：TARO_APP_SUPABASE_ANON_KEY 不是有效的 JWT');
  }
  const templates = (raw.TARO_APP_WECHAT_SUBSCRIBE_TEMPLATES ?? '').split(',').map((t) => t.trim()).filter(Boolean);
  if (templates.length > 3 || templates.some((t) => !/^[\w-]{8,64}$/.test(t))) {
    throw new Error('配置错误：TARO_APP_WECHAT_SUBSCRIBE_TEMPLATES 应为最多3个以逗号分隔的订阅消息模板ID');
  }
  return { supabaseUrl: url.replace(/\/+$/, ''), supabaseAnonKey: key, subscribeTemplateIds: templates };
}

export const env: MiniappEnv = parseEnv({
  TARO_APP_SUPABASE_URL: process.env.TARO_APP_SUPABASE_URL,
  TARO_APP_SUPABASE_ANON_KEY: process.env.TARO_APP_SUPABASE_ANON_KEY,
  TARO_APP_WECHAT_SUBSCRIBE_TEMPLATES: process.env.TARO_APP_WECHAT_SUBSCRIBE_TEMPLATES,
});

/** The Taro build target (`weapp`, `h5`, …), inlined at build time. */
export const taroEnv: string = process.env.TARO_ENV ?? '';
export const isWeapp = taroEnv === 'weapp';
