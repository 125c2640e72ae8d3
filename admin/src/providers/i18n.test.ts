import { describe, expect, it } from 'vitest';
import { parseEnv, publicAddress, DEFAULT_SUPABASE_ANON_KEY, DEFAULT_SUPABASE_URL } from '../config/env.ts';
import { translate } from './i18n.ts';

describe('translate', () => {
  it('speaks Chinese for refine keys and resource titles, interpolating values', () => {
    expect(translate('buttons.logout', 'Logout')).toBe('退出登录');
    expect(translate('institutions.titles.show')).toBe('托育机构详情');
    expect(translate('notifications.error', { statusCode: 403 }, 'Error')).toBe('出错了（403）');
  });

  it('falls back to the default message, then the key', () => {
    expect(translate('unknown.key', 'Default')).toBe('Default');
    expect(translate('unknown.key', {}, 'Other')).toBe('Other');
    expect(translate('unknown.key')).toBe('unknown.key');
  });
});

describe('parseEnv', () => {
  it('defaults to the local stack and the public dev key', () => {
    expect(parseEnv({})).toEqual({ supabaseUrl: DEFAULT_SUPABASE_URL, supabaseAnonKey: DEFAULT_SUPABASE_ANON_KEY, publicAdminUrl: null });
    expect(parseEnv({ VITE_SUPABASE_URL: 'https://x.supabase.co/' }).supabaseUrl).toBe('https://x.supabase.co');
  });

  it('rejects bad values with a Chinese message', () => {
    expect(() => parseEnv({ VITE_SUPABASE_URL: 'not a url' })).toThrow(/配置错误/);
    expect(() => parseEnv({ VITE_SUPABASE_URL: 'ftp://x' })).toThrow(/http/);
    expect(() => parseEnv({ VITE_SUPABASE_ANON_KEY: 'abc' })).toThrow(/JWT/);
    expect(() => parseEnv({ VITE_PUBLIC_ADMIN_URL: 'tuoyu.example.cn' })).toThrow(/VITE_PUBLIC_ADMIN_URL/);
  });
});

describe('publicAddress (the certificate QR code)', () => {
  it('uses the configured public address, warning while it is a loopback address', () => {
    expect(publicAddress({ publicAdminUrl: 'https://tuoyu.example.cn' }, 'http://127.0.0.1:5173')).toEqual({ base: 'https://tuoyu.example.cn', warning: null });
    expect(publicAddress({ publicAdminUrl: 'http://127.0.0.1:5173' }, 'http://127.0.0.1:5173').warning).toMatch(/仍是本机地址/);
    expect(parseEnv({ VITE_PUBLIC_ADMIN_URL: 'https://tuoyu.example.cn/' }).publicAdminUrl).toBe('https://tuoyu.example.cn');
  });

  it('falls back to the page origin when unset, and says so', () => {
    const local = publicAddress({ publicAdminUrl: null }, 'http://127.0.0.1:4000');
    expect(local.base).toBe('http://127.0.0.1:4000');
    expect(local.warning).toMatch(/手机扫码无法打开/);
    expect(publicAddress({ publicAdminUrl: null }, 'https://admin.example.cn').warning).toMatch(/正式部署请在构建时设置/);
  });
});
