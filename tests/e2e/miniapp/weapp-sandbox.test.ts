/**
 * The real weapp build (miniapp/dist/weapp) in a WeChat-like sandbox (tests/support/wx-sim): only
 * ES built-ins and a `wx` whose request/connectSocket reach the local stack over loopback. The
 * regions page must load its rows through supabase-js — i.e. through the app's shims (fetch on
 * wx.request, Headers, URL, storage, socket transport) — and render them via setData.
 */
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { REPO_ROOT } from '@tuoyu/local-supabase/testing.ts';
import { allPages, createWxSandbox, type WxSandbox } from '../../support/wx-sim/index.ts';

const WEAPP_DIST = path.join(REPO_ROOT, 'miniapp', 'dist', 'weapp');
const supabaseUrl = inject('supabaseUrl');
const anonKey = inject('anonKey');

let sandbox: WxSandbox | undefined;

afterEach(() => {
  sandbox?.close();
  sandbox = undefined;
});

function regionsRoute(sb: WxSandbox): string {
  const route = allPages(sb.appJson).find((page) => page.includes('regions'));
  if (!route) throw new Error(`no regions page in app.json: ${allPages(sb.appJson).join(', ')}`);
  return route;
}

function regionRequests(sb: WxSandbox) {
  return sb.fake.requests.filter((r) => r.url.includes('/rest/v1/regions'));
}

describe('weapp build in a WeChat-like sandbox', () => {
  it('launches the app and renders the home tab page without web APIs', async () => {
    sandbox = createWxSandbox(WEAPP_DIST);
    sandbox.launch();
    const home = sandbox.openPage(sandbox.appJson.pages[0] ?? '');
    await sandbox.waitFor(() => home.texts().length > 0, 10_000, 'the home page to render');
    expect(home.texts().join('')).toContain('托育一件事');
    expect(sandbox.errors).toEqual([]);
  });

  it('loads public.regions through supabase-js on wx.request and renders 山东省, then 济宁市', async () => {
    const sb = (sandbox = createWxSandbox(WEAPP_DIST));
    sb.launch();
    const route = regionsRoute(sb);
    const provinces = sb.openPage(route);
    await sb.waitFor(
      () => regionRequests(sb).some((r) => r.status !== undefined || r.error !== undefined),
      15_000,
      'a wx.request to /rest/v1/regions',
    );
    const [first] = regionRequests(sb);
    expect(
      first?.url.startsWith(`${supabaseUrl}/rest/v1/regions`),
      `dist/weapp talks to ${first?.url}; build it with TARO_APP_SUPABASE_URL=${supabaseUrl}`,
    ).toBe(true);
    expect(first?.error).toBeUndefined();
    expect(first?.status).toBe(200);
    expect(first?.headers.apikey).toBe(anonKey);
    expect(first?.headers.authorization).toBe(`Bearer ${anonKey}`);
    await sb.waitFor(() => provinces.texts().includes('山东省'), 15_000, '山东省 in the rendered data');
    expect(provinces.texts()).toEqual(expect.arrayContaining(['山东省', '河南省', '重庆市']));

    const cities = sb.openPage(route, { parent: '370000000000', name: '山东省' });
    await sb.waitFor(() => cities.texts().includes('济宁市'), 15_000, '济宁市 under 山东省');
    expect(regionRequests(sb).some((r) => r.url.includes('parent_code=eq.370000000000'))).toBe(true);

    expect(sb.errors).toEqual([]);
    expect(sb.fake.missing, 'wx APIs the app called that WeChat has but the sandbox does not fake').toEqual(new Set());
  });
});
