import { describe, expect, it } from 'vitest';
import { DEFAULT_SUPABASE_ANON_KEY, DEFAULT_SUPABASE_URL, parseEnv } from './env.ts';

describe('parseEnv', () => {
  it('defaults to the local stack and the public dev anon key', () => {
    expect(parseEnv({})).toEqual({ supabaseUrl: DEFAULT_SUPABASE_URL, supabaseAnonKey: DEFAULT_SUPABASE_ANON_KEY, subscribeTemplateIds: [] });
    expect(parseEnv({ TARO_APP_SUPABASE_URL: '  ', TARO_APP_SUPABASE_ANON_KEY: '' }).supabaseUrl).toBe(DEFAULT_SUPABASE_URL);
  });

  it('takes the build-time values, without a trailing slash', () => {
    expect(parseEnv({ TARO_APP_SUPABASE_URL: 'https://api.tuoyu.example.cn/' }).supabaseUrl).toBe('https://api.tuoyu.example.cn');
    expect(parseEnv({ TARO_APP_SUPABASE_URL: 'http://127.0.0.1:54399' }).supabaseUrl).toBe('http://127.0.0.1:54399');
  });

  it('rejects bad values with a Chinese message', () => {
    expect(() => parseEnv({ TARO_APP_SUPABASE_URL: 'not a url' })).toThrow(/配置错误/);
    expect(() => parseEnv({ TARO_APP_SUPABASE_URL: 'ftp://x' })).toThrow(/http/);
    expect(() => parseEnv({ TARO_APP_SUPABASE_ANON_KEY: 'abc' })).toThrow(/JWT/);
  });

  it('reads up to three subscribe-message template ids', () => {
    expect(parseEnv({ TARO_APP_WECHAT_SUBSCRIBE_TEMPLATES: ' tmplOfferReceived01, tmplRequestDeclined1 ' }).subscribeTemplateIds)
      .toEqual(['tmplOfferReceived01', 'tmplRequestDeclined1']);
    expect(() => parseEnv({ TARO_APP_WECHAT_SUBSCRIBE_TEMPLATES: 'aaaaaaaa1,aaaaaaaa2,aaaaaaaa3,aaaaaaaa4' })).toThrow(/最多3个/);
    expect(() => parseEnv({ TARO_APP_WECHAT_SUBSCRIBE_TEMPLATES: 'bad id!' })).toThrow(/配置错误/);
  });
});
