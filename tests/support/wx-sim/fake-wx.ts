/**
 * The `wx` object of the sandbox: the handful of WeChat APIs a Taro app and supabase-js touch,
 * backed by real Node I/O. `wx.request` and `wx.connectSocket` go over loopback to the real local
 * stack (no fake server); storage is in memory. Unknown APIs answer `undefined` and are recorded.
 */
import http from 'node:http';
import https from 'node:https';
import WebSocket from 'ws';

export interface RequestRecord {
  method: string;
  url: string;
  status?: number;
  error?: string;
  /** Headers the app sent (lower-cased names). */
  headers: Record<string, string>;
}

type Callback<T> = ((result: T) => void) | undefined;

interface WxRequestOption {
  url: string;
  method?: string;
  data?: unknown;
  header?: Record<string, unknown>;
  dataType?: string;
  responseType?: string;
  success?: Callback<{ data: unknown; statusCode: number; header: Record<string, string>; errMsg: string }>;
  fail?: Callback<{ errMsg: string }>;
  complete?: Callback<unknown>;
}

interface WxSocketOption {
  url: string;
  header?: Record<string, unknown>;
  protocols?: string[];
  success?: Callback<{ errMsg: string }>;
  fail?: Callback<{ errMsg: string }>;
  complete?: Callback<unknown>;
}

export interface FakeWx {
  wx: Record<string, unknown>;
  requests: RequestRecord[];
  sockets: string[];
  storage: Map<string, unknown>;
  /** wx APIs the app called that this sandbox does not implement. */
  missing: Set<string>;
  /** UI / navigation API calls (setNavigationBarTitle, showToast, navigateTo …). */
  uiCalls: Array<{ api: string; options: unknown }>;
  /** Requests still in flight. */
  pending(): number;
  close(): void;
}

const SYSTEM_INFO = {
  brand: 'devtools',
  model: 'iPhone 12',
  platform: 'devtools',
  system: 'iOS 16.0',
  language: 'zh_CN',
  version: '8.0.50',
  SDKVersion: '3.6.0',
  pixelRatio: 2,
  screenWidth: 375,
  screenHeight: 812,
  windowWidth: 375,
  windowHeight: 812,
  statusBarHeight: 44,
  safeArea: { left: 0, right: 375, top: 44, bottom: 778, width: 375, height: 734 },
};

function headerObject(input: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(input ?? {})) out[key.toLowerCase()] = String(value);
  return out;
}

/** `wx.request` semantics: JSON bodies for objects, query string for GET objects, text or ArrayBuffer back. */
function requestBody(method: string, url: URL, data: unknown): string | Buffer | undefined {
  if (data == null) return undefined;
  if (typeof data === 'string') return data;
  // Values made inside the vm are not `instanceof` Node's classes: look at their tag instead.
  const tag = Object.prototype.toString.call(data);
  if (tag === '[object ArrayBuffer]') return Buffer.from(new Uint8Array(data as ArrayBuffer));
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (method === 'GET') {
    for (const [key, value] of Object.entries(data as Record<string, unknown>)) url.searchParams.append(key, String(value));
    return undefined;
  }
  return JSON.stringify(data);
}

export interface FakeLocation {
  latitude: number;
  longitude: number;
  /** chooseLocation only */
  name?: string;
  address?: string;
}

export interface FakeWxOptions {
  /** What wx.getFuzzyLocation / wx.getLocation answer (GCJ-02); absent = the user denied it. */
  location?: FakeLocation;
  /** What wx.chooseLocation answers; absent = the user cancelled. */
  chosenLocation?: FakeLocation;
  /** The code wx.login answers (default `dev:sandbox:<n>`, which the WeChat stand-in accepts once). */
  loginCode?: () => string;
}

export function createFakeWx(options: FakeWxOptions = {}): FakeWx {
  const requests: RequestRecord[] = [];
  const sockets: string[] = [];
  const storage = new Map<string, unknown>();
  const missing = new Set<string>();
  const open = new Set<{ destroy(): void }>();
  let inFlight = 0;
  /** After close() the app gets no more callbacks (like a page that was torn down). */
  let closed = false;

  const request = (option: WxRequestOption) => {
    const method = (option.method ?? 'GET').toUpperCase();
    const url = new URL(option.url);
    const headers = headerObject(option.header);
    const record: RequestRecord = { method, url: option.url, headers };
    requests.push(record);
    const body = requestBody(method, url, option.data);
    const transport = url.protocol === 'https:' ? https : http;
    inFlight += 1;
    const req = transport.request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        inFlight -= 1;
        open.delete(req);
        if (closed) return;
        const buffer = Buffer.concat(chunks);
        let data: unknown;
        if (option.responseType === 'arraybuffer') {
          data = new Uint8Array(buffer).buffer;
        } else {
          data = buffer.toString('utf8');
          if ((option.dataType ?? 'json') === 'json') {
            try {
              data = JSON.parse(data as string);
            } catch {
              /* WeChat hands back the text when it is not JSON */
            }
          }
        }
        const header: Record<string, string> = {};
        for (let i = 0; i < res.rawHeaders.length; i += 2) header[res.rawHeaders[i] ?? ''] = res.rawHeaders[i + 1] ?? '';
        record.status = res.statusCode ?? 0;
        const result = { data, statusCode: res.statusCode ?? 0, header, cookies: [], errMsg: 'request:ok' };
        option.success?.(result);
        option.complete?.(result);
      });
    });
    open.add(req);
    req.on('error', (error) => {
      inFlight -= 1;
      open.delete(req);
      if (closed) return;
      record.error = error.message;
      const result = { errMsg: `request:fail ${error.message}` };
      option.fail?.(result);
      option.complete?.(result);
    });
    if (body !== undefined) req.write(body);
    req.end();
    return {
      abort: () => req.destroy(),
      onHeadersReceived() {},
      offHeadersReceived() {},
      onChunkReceived() {},
      offChunkReceived() {},
    };
  };

  const connectSocket = (option: WxSocketOption) => {
    sockets.push(option.url);
    const socket = new WebSocket(option.url, option.protocols ?? [], { headers: headerObject(option.header) });
    open.add({ destroy: () => socket.terminate() });
    socket.on('error', () => {
      /* reported through onError below */
    });
    const task = {
      send(send: { data: string | ArrayBuffer; success?: Callback<unknown>; fail?: Callback<{ errMsg: string }> }) {
        socket.send(typeof send.data === 'string' ? send.data : Buffer.from(send.data), (error) =>
          error ? send.fail?.({ errMsg: `sendSocketMessage:fail ${error.message}` }) : send.success?.({ errMsg: 'ok' }),
        );
      },
      close(close: { code?: number; reason?: string } = {}) {
        socket.close(close.code ?? 1000, close.reason ?? '');
      },
      onOpen(cb: (result: { header: Record<string, string> }) => void) {
        socket.on('open', () => !closed && cb({ header: {} }));
      },
      onMessage(cb: (result: { data: string | ArrayBuffer }) => void) {
        socket.on('message', (data: Buffer, isBinary: boolean) =>
          closed ||
          cb({ data: isBinary ? new Uint8Array(data).buffer : data.toString('utf8') }),
        );
      },
      onError(cb: (result: { errMsg: string }) => void) {
        socket.on('error', (error: Error) => !closed && cb({ errMsg: error.message }));
      },
      onClose(cb: (result: { code: number; reason: string }) => void) {
        socket.on('close', (code: number, reason: Buffer) => !closed && cb({ code, reason: reason.toString('utf8') }));
      },
    };
    option.success?.({ errMsg: 'connectSocket:ok' });
    option.complete?.({ errMsg: 'connectSocket:ok' });
    return task;
  };

  /** WeChat UI / navigation APIs: nothing to show in a sandbox; recorded, and they succeed. */
  const uiCalls: Array<{ api: string; options: unknown }> = [];
  const succeed =
    (name: string) =>
    (options: { success?: Callback<{ errMsg: string }>; complete?: Callback<unknown> } = {}) => {
      uiCalls.push({ api: name, options });
      const result = { errMsg: `${name}:ok` };
      setTimeout(() => {
        if (closed) return;
        options.success?.(result);
        options.complete?.(result);
      }, 0);
    };
  const uiApis = Object.fromEntries(
    [
      'setNavigationBarTitle', 'setNavigationBarColor', 'showNavigationBarLoading', 'hideNavigationBarLoading',
      'showToast', 'hideToast', 'showLoading', 'hideLoading', 'showModal', 'showActionSheet',
      'navigateTo', 'redirectTo', 'switchTab', 'reLaunch', 'navigateBack', 'makePhoneCall',
      'stopPullDownRefresh', 'startPullDownRefresh', 'pageScrollTo', 'setClipboardData', 'vibrateShort',
      'setTabBarItem', 'setTabBarStyle', 'showTabBar', 'hideTabBar', 'requirePrivacyAuthorize',
    ].map((name) => [name, succeed(name)]),
  );

  type LocationCall = { success?: Callback<unknown>; fail?: Callback<{ errMsg: string }>; complete?: Callback<unknown> };
  const answerLocation = (name: string, answer: FakeLocation | undefined, failure: string) => (o: LocationCall = {}) => {
    uiCalls.push({ api: name, options: o });
    setTimeout(() => {
      if (closed) return;
      const result = answer ? { ...answer, errMsg: `${name}:ok` } : { errMsg: `${name}:fail ${failure}` };
      if (answer) o.success?.(result);
      else o.fail?.(result as { errMsg: string });
      o.complete?.(result);
    }, 0);
  };

  let logins = 0;
  const login = (o: { success?: Callback<{ code: string; errMsg: string }>; complete?: Callback<unknown> } = {}) => {
    logins += 1;
    const result = { code: options.loginCode?.() ?? `dev:sandbox:${Date.now().toString(36)}-${logins}`, errMsg: 'login:ok' };
    uiCalls.push({ api: 'login', options: o });
    setTimeout(() => {
      if (closed) return;
      o.success?.(result);
      o.complete?.(result);
    }, 0);
  };

  const api: Record<string, unknown> = {
    ...uiApis,
    login,
    getFuzzyLocation: answerLocation('getFuzzyLocation', options.location, 'auth deny'),
    getLocation: answerLocation('getLocation', options.location, 'auth deny'),
    chooseLocation: answerLocation('chooseLocation', options.chosenLocation, 'cancel'),
    request,
    connectSocket,
    getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
    removeStorageSync: (key: string) => void storage.delete(key),
    clearStorageSync: () => storage.clear(),
    getStorage: (o: { key: string; success?: Callback<{ data: unknown }>; fail?: Callback<{ errMsg: string }> }) =>
      storage.has(o.key) ? o.success?.({ data: storage.get(o.key) }) : o.fail?.({ errMsg: 'getStorage:fail data not found' }),
    setStorage: (o: { key: string; data: unknown; success?: Callback<unknown> }) => {
      storage.set(o.key, o.data);
      o.success?.({ errMsg: 'setStorage:ok' });
    },
    removeStorage: (o: { key: string; success?: Callback<unknown> }) => {
      storage.delete(o.key);
      o.success?.({ errMsg: 'removeStorage:ok' });
    },
    getSystemInfoSync: () => ({ ...SYSTEM_INFO }),
    getSystemInfo: (o: { success?: Callback<unknown> }) => o.success?.({ ...SYSTEM_INFO }),
    getWindowInfo: () => ({ ...SYSTEM_INFO }),
    getDeviceInfo: () => ({ ...SYSTEM_INFO }),
    getAppBaseInfo: () => ({ ...SYSTEM_INFO }),
    getMenuButtonBoundingClientRect: () => ({ top: 48, bottom: 80, left: 281, right: 368, width: 87, height: 32 }),
    canIUse: () => true,
    nextTick: (fn: () => void) => setTimeout(fn, 0),
    env: { USER_DATA_PATH: 'wxfile://usr' },
  };

  // Properties the bundle sets on wx (webpack's chunk registry lives at wx.webpackJsonp) are kept.
  const wx = new Proxy(api, {
    get(target, key) {
      if (typeof key === 'symbol' || key in target) return Reflect.get(target, key);
      if (/^(webpack|__|taro)/i.test(key)) return undefined;
      return () => {
        missing.add(key);
        return undefined;
      };
    },
  });

  return {
    wx,
    requests,
    sockets,
    storage,
    missing,
    pending: () => inFlight,
    uiCalls,
    close() {
      closed = true;
      for (const handle of open) handle.destroy();
      open.clear();
    },
  };
}
