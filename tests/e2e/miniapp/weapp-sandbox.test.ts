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
import { weappBuildBeforeAll } from '../support/weapp-build.ts';

const WEAPP_DIST = path.join(REPO_ROOT, 'miniapp', 'dist', 'weapp');
/** Bounds a hang only: each wait ends as soon as its condition holds, however busy the machine. */
const WAIT_MS = 60_000;
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
  weappBuildBeforeAll();

  it('launches the app and renders the home tab page without web APIs', async () => {
    sandbox = createWxSandbox(WEAPP_DIST);
    sandbox.launch();
    const home = sandbox.openPage(sandbox.appJson.pages[0] ?? '');
    await sandbox.waitFor(() => home.texts().length > 0, WAIT_MS, 'the home page to render');
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
      WAIT_MS,
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
    await sb.waitFor(() => provinces.texts().includes('山东省'), WAIT_MS, '山东省 in the rendered data');
    expect(provinces.texts()).toEqual(expect.arrayContaining(['山东省', '河南省', '重庆市']));

    const cities = sb.openPage(route, { parent: '370000000000', name: '山东省' });
    await sb.waitFor(() => cities.texts().includes('济宁市'), WAIT_MS, '济宁市 under 山东省');
    expect(regionRequests(sb).some((r) => r.url.includes('parent_code=eq.370000000000'))).toBe(true);

    expect(sb.errors).toEqual([]);
    expect(sb.fake.missing, 'wx APIs the app called that WeChat has but the sandbox does not fake').toEqual(new Set());
  });

  it('searches filed institutions near a location (RPC POST on wx.request) and opens one', async () => {
    const sb = (sandbox = createWxSandbox(WEAPP_DIST));
    sb.launch();
    const pages = allPages(sb.appJson);
    const searchRoute = pages.find((page) => page.includes('registry') && page.includes('search'));
    const institutionRoute = pages.find((page) => page.includes('registry') && page.includes('institution'));
    expect(searchRoute, `registry pages in app.json: ${pages.join(', ')}`).toBeDefined();
    expect(institutionRoute).toBeDefined();

    // 汶上县城 (a link with lat/lng); in WeChat the point comes from getFuzzyLocation, the region picker or chooseLocation.
    const search = sb.openPage(searchRoute ?? '', { lat: '35.7296', lng: '116.4936', place: '汶上县城' });
    await sb.waitFor(() => search.texts().includes('汶上县爱心托育中心'), WAIT_MS, 'nearby results');
    const rpc = sb.fake.requests.find((r) => r.url.includes('/rest/v1/rpc/nearby_institutions'));
    expect(rpc?.method).toBe('POST');
    expect(rpc?.status).toBe(200);
    expect(search.texts()).toContain('汶上县小太阳家庭托育点');
    expect(search.texts().some((text) => /\d+(\.\d)? (米|公里)/.test(text))).toBe(true);
    expect(search.texts()).not.toContain('汶上县南站街道宝贝托育园');

    const institution = sb.openPage(institutionRoute ?? '', { id: '10000000-0000-4000-8000-000000000001' });
    await sb.waitFor(() => institution.texts().includes('汶上县爱心托育中心'), WAIT_MS, 'the institution page');
    const text = institution.texts().join('\n');
    expect(text).toContain('37083020240001');
    expect(text).toContain('全日托保育费');
    expect(sb.errors).toEqual([]);
  });

  it('searches from WeChat locations (getFuzzyLocation, chooseLocation) and puts markers on the native map', async () => {
    const sb = (sandbox = createWxSandbox(WEAPP_DIST, {
      wx: {
        location: { latitude: 35.7296, longitude: 116.4936 },
        chosenLocation: { latitude: 35.4146, longitude: 116.5905, name: '济宁市任城区人民政府' },
      },
    }));
    sb.launch();
    const searchRoute = allPages(sb.appJson).find((page) => page.includes('registry') && page.includes('search')) ?? '';
    // opened without a question, the search asks WeChat for the fuzzy location at once
    const search = sb.openPage(searchRoute);
    await sb.waitFor(() => search.texts().includes('汶上县爱心托育中心'), WAIT_MS, 'results near the fuzzy location');
    expect(sb.fake.uiCalls.map((c) => c.api)).toContain('getFuzzyLocation');
    expect(search.texts()).toContain('当前位置附近');
    // Taro sends props under short aliases; a marker is an object with the result's title and coordinates.
    const tree = JSON.stringify(search.tree());
    const marker = /\{[^{}]*"title":"汶上县爱心托育中心"[^{}]*\}/.exec(tree)?.[0] ?? '';
    expect(marker, 'the native <Map> gets a marker per result').toContain('"latitude":35.7324');
    expect(marker).toContain('"longitude":116.4971');

    search.tap('地图');
    await sb.waitFor(() => search.texts().includes('济宁市任城区金城托育中心'), WAIT_MS, 'results near the chosen point');
    expect(search.texts()).toContain('济宁市任城区人民政府');
    expect(search.texts()).not.toContain('汶上县爱心托育中心');
    expect(sb.errors).toEqual([]);
  });

  it('opens the family login page and refuses to call wx.login before the privacy guide is agreed', async () => {
    // The full WeChat login (wx.login → wechat-login → the stand-in → a token) is covered by
    // tests/integration/families/wechat-login.test.ts and, through the same function, by the H5
    // story; this sandbox cannot yet tap the agreement row (a Text handler inside a View).
    const sb = (sandbox = createWxSandbox(WEAPP_DIST));
    sb.launch();
    const pages = allPages(sb.appJson);
    const loginRoute = pages.find((page) => page.includes('family') && page.includes('login'));
    expect(loginRoute, `family pages in app.json: ${pages.join(', ')}`).toBeDefined();
    const login = sb.openPage(loginRoute!);
    await sb.waitFor(() => login.texts().includes('微信一键登录'), 10_000, 'the login page');
    login.tap('微信一键登录');
    await sb.waitFor(() => login.texts().some((t) => t.includes('请先阅读并同意')), 5_000, 'the privacy reminder');
    expect(sb.fake.uiCalls.map((c) => c.api)).not.toContain('login');
    expect(sb.fake.requests.some((r) => r.url.includes('/functions/v1/wechat-login'))).toBe(false);
    expect(sb.errors).toEqual([]);
  });
});
