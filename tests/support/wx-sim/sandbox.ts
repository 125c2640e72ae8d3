/**
 * A WeChat-like sandbox for the real `miniapp/dist/weapp` build.
 *
 * WeChat's app service is a bare JavaScript engine: ES built-ins, `wx`, `App`/`Page`/`Component`,
 * timers, console — and no `fetch`, `Headers`, `URL`, `TextEncoder`, `AbortController`,
 * `WebSocket`, `localStorage`, `window` or `document`. Each file is wrapped in a function whose
 * parameters shadow the browser globals with `undefined`. This sandbox reproduces that in a Node
 * `vm` context, loads the build's files the way WeChat does (relative `require`), launches the
 * app, opens pages and records what Taro renders through `setData`.
 *
 * It does not render WXML and is not WeChat's base library: it proves that the bundle loads and
 * that its JavaScript (Taro, React, supabase-js with the shims) works without web APIs.
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { createFakeWx, type FakeWx, type FakeWxOptions } from './fake-wx.ts';

/** Parameters WeChat's wrapper uses to hide browser globals from each file. */
const SHADOWED =
  'window, document, frames, self, location, navigator, localStorage, history, Caches, screen, alert, confirm, prompt, XMLHttpRequest, WebSocket, Reporter, webkit, WeixinJSCore';

/** Web globals that do not exist in WeChat; reads are recorded (feature probes are fine, use is not). */
const ABSENT_WEB_GLOBALS = [
  'fetch', 'Headers', 'Request', 'Response', 'URL', 'URLSearchParams', 'TextEncoder', 'TextDecoder',
  'AbortController', 'AbortSignal', 'atob', 'btoa', 'crypto', 'structuredClone', 'Blob', 'FormData',
  'ReadableStream', 'localStorage', 'sessionStorage', 'WebSocket', 'XMLHttpRequest', 'navigator',
  'location', 'document', 'window', 'self', 'global', 'process', 'Buffer', 'setImmediate',
  'MessageChannel', 'performance', 'Event', 'EventTarget', 'DOMException', 'Deno', 'EdgeRuntime',
];

export interface AppJson {
  pages: string[];
  subPackages?: Array<{ root: string; pages: string[] }>;
  subpackages?: Array<{ root: string; pages: string[] }>;
  tabBar?: { list: Array<{ pagePath: string; text: string }> };
  window?: Record<string, unknown>;
}

type Hook = ((this: PageInstance, ...args: unknown[]) => unknown) | undefined;

interface PageConfig {
  data?: Record<string, unknown>;
  onLoad?: Hook;
  onShow?: Hook;
  onReady?: Hook;
  onUnload?: Hook;
  [key: string]: unknown;
}

interface AppConfig {
  onLaunch?: (this: AppConfig, options: unknown) => void;
  onShow?: (this: AppConfig, options: unknown) => void;
  [key: string]: unknown;
}

export interface PageInstance {
  route: string;
  __route__: string;
  options: Record<string, string>;
  data: Record<string, unknown>;
  setData(patch: Record<string, unknown>, callback?: () => void): void;
  [key: string]: unknown;
}

export interface SandboxPage {
  route: string;
  instance: PageInstance;
  /** Number of setData calls Taro made for this page. */
  updates(): number;
  /** The page's text nodes, in document order, from the data Taro sent. */
  texts(): string[];
  /** The render tree Taro sent (`root` …). */
  tree(): Record<string, unknown>;
  /** Taps the element whose own text is `text` (Taro's page event handler, as WeChat calls it). */
  tap(text: string): void;
  unload(): void;
}

export interface WxSandbox {
  appJson: AppJson;
  fake: FakeWx;
  /** Messages the app logged with console.error / console.warn, and errors thrown in its callbacks. */
  errors: string[];
  logs: string[];
  /** Absent web globals the bundle read. */
  probedGlobals: Set<string>;
  launch(): void;
  openPage(route: string, query?: Record<string, string>): SandboxPage;
  /** Polls until `predicate` holds or `timeoutMs` passes (then throws with the last texts). */
  waitFor(predicate: () => boolean, timeoutMs?: number, what?: string): Promise<void>;
  close(): void;
}

function format(args: unknown[]): string {
  return args
    .map((arg) => {
      if (typeof arg === 'string') return arg;
      if (arg && typeof arg === 'object' && 'stack' in arg && typeof arg.stack === 'string') return arg.stack;
      try {
        return JSON.stringify(arg);
      } catch {
        return String(arg);
      }
    })
    .join(' ');
}

/** Applies a setData patch the way WeChat does: keys are paths like `root.cn.[0].v`. */
export function applyPatch(target: Record<string, unknown>, patch: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(patch)) {
    const parts = key.split('.').flatMap((part) => part.split(/(?=\[)/)).filter(Boolean);
    let node: Record<string | number, unknown> = target;
    parts.forEach((part, index) => {
      const prop: string | number = /^\[\d+\]$/.test(part) ? Number(part.slice(1, -1)) : part;
      if (index === parts.length - 1) {
        node[prop] = value;
        return;
      }
      const nextIsIndex = /^\[\d+\]$/.test(parts[index + 1] ?? '');
      if (node[prop] === undefined || node[prop] === null || typeof node[prop] !== 'object') {
        node[prop] = nextIsIndex ? [] : {};
      }
      node = node[prop] as Record<string | number, unknown>;
    });
  }
}

/** Text of a Taro render tree (`{ nn, v, cn: [...] }` nodes), in document order. */
export function collectTexts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const child of node) collectTexts(child, out);
    return out;
  }
  if (node && typeof node === 'object') {
    const { v, cn } = node as { v?: unknown; cn?: unknown };
    if (typeof v === 'string' && v.trim() !== '') out.push(v);
    if (cn) collectTexts(cn, out);
    // Page data holds the tree under `root`; other containers (not render nodes) are walked whole.
    if (v === undefined && cn === undefined) for (const value of Object.values(node)) collectTexts(value, out);
  }
  return out;
}

/** Render-tree element (`sid`) whose direct text child reads `text`. */
export function findElementByText(node: unknown, text: string): string | undefined {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = findElementByText(child, text);
      if (found) return found;
    }
    return undefined;
  }
  if (!node || typeof node !== 'object') return undefined;
  const { sid, cn } = node as { sid?: unknown; cn?: unknown };
  if (typeof sid === 'string' && Array.isArray(cn) && cn.some((c) => (c as { v?: unknown })?.v === text)) return sid;
  if (cn) return findElementByText(cn, text);
  for (const value of Object.values(node)) {
    const found = findElementByText(value, text);
    if (found) return found;
  }
  return undefined;
}

export function createWxSandbox(
  distDir: string,
  options: { log?: (line: string) => void; wx?: FakeWxOptions } = {},
): WxSandbox {
  const appJson = JSON.parse(fs.readFileSync(path.join(distDir, 'app.json'), 'utf8')) as AppJson;
  const fake = createFakeWx(options.wx);
  const errors: string[] = [];
  const logs: string[] = [];
  const probedGlobals = new Set<string>();
  const registeredPages = new Map<string, PageConfig>();
  const pageStack: PageInstance[] = [];
  let appConfig: AppConfig | undefined;
  let loadingFile: string | undefined;
  const log = (line: string) => {
    logs.push(line);
    options.log?.(line);
  };

  const guard =
    <A extends unknown[]>(fn: (...args: A) => void) =>
    (...args: A) => {
      try {
        fn(...args);
      } catch (error) {
        errors.push(`uncaught in callback: ${format([error])}`);
      }
    };

  const context: Record<string, unknown> = {
    console: {
      log: (...args: unknown[]) => log(format(args)),
      info: (...args: unknown[]) => log(format(args)),
      debug: () => {},
      warn: (...args: unknown[]) => {
        log(`[warn] ${format(args)}`);
      },
      error: (...args: unknown[]) => {
        errors.push(format(args));
        log(`[error] ${format(args)}`);
      },
    },
    setTimeout: (fn: () => void, ms?: number) => setTimeout(guard(fn), ms),
    clearTimeout: (id: NodeJS.Timeout) => clearTimeout(id),
    setInterval: (fn: () => void, ms?: number) => setInterval(guard(fn), ms),
    clearInterval: (id: NodeJS.Timeout) => clearInterval(id),
    wx: fake.wx,
    __wxConfig: {
      envVersion: 'develop',
      pages: appJson.pages,
      subPackages: appJson.subPackages ?? appJson.subpackages ?? [],
      tabBar: appJson.tabBar,
      global: { window: appJson.window ?? {} },
      appLaunchInfo: { path: appJson.pages[0], query: {} },
    },
    App: (config: AppConfig) => {
      appConfig = config;
    },
    Page: (config: PageConfig) => {
      if (loadingFile) registeredPages.set(loadingFile, config);
    },
    Component: (config: PageConfig) => {
      if (loadingFile) registeredPages.set(loadingFile, config);
    },
    Behavior: (config: unknown) => config,
    getApp: () => appConfig,
    getCurrentPages: () => [...pageStack],
    requirePlugin: () => ({}),
  };
  for (const name of ABSENT_WEB_GLOBALS) {
    Object.defineProperty(context, name, {
      configurable: true,
      get() {
        probedGlobals.add(name);
        return undefined;
      },
    });
  }
  vm.createContext(context);

  const modules = new Map<string, { exports: unknown }>();
  const load = (relative: string): unknown => {
    const file = path.join(distDir, relative.endsWith('.js') ? relative : `${relative}.js`);
    const cached = modules.get(file);
    if (cached) return cached.exports;
    const module = { exports: {} as unknown };
    modules.set(file, module);
    const source = fs.readFileSync(file, 'utf8');
    const wrapped = vm.runInContext(`(function (require, module, exports, ${SHADOWED}) {${source}\n})`, context, {
      filename: file,
    }) as (require: (p: string) => unknown, module: { exports: unknown }, exports: unknown) => void;
    const requireFrom = (request: string) => load(path.relative(distDir, path.resolve(path.dirname(file), request)));
    const previous = loadingFile;
    loadingFile = path.relative(distDir, file).replace(/\.js$/, '');
    try {
      wrapped.call(undefined, requireFrom, module, module.exports);
    } finally {
      loadingFile = previous;
    }
    return module.exports;
  };

  const sandbox: WxSandbox = {
    appJson,
    fake,
    errors,
    logs,
    probedGlobals,
    launch() {
      load('app');
      if (!appConfig) throw new Error('app.js did not call App()');
      const launchOptions = { path: appJson.pages[0], query: {}, scene: 1001 };
      appConfig.onLaunch?.call(appConfig, launchOptions);
      appConfig.onShow?.call(appConfig, launchOptions);
    },
    openPage(route, query = {}) {
      load(route);
      const config = registeredPages.get(route);
      if (!config) throw new Error(`${route}.js did not call Page() or Component()`);
      // A Page's data is the render tree Taro updates through setData.
      const tree: Record<string, unknown> = JSON.parse(JSON.stringify(config.data ?? {})) as Record<string, unknown>;
      let updates = 0;
      const instance: PageInstance = Object.assign(Object.create(config) as PageConfig, {
        route,
        __route__: route,
        options: query,
        data: tree,
        setData(patch: Record<string, unknown>, callback?: () => void) {
          updates += 1;
          applyPatch(tree, patch);
          if (callback) setTimeout(guard(callback), 0);
        },
      }) as PageInstance;
      pageStack.push(instance);
      config.onLoad?.call(instance, query);
      config.onShow?.call(instance);
      config.onReady?.call(instance);
      return {
        route,
        instance,
        updates: () => updates,
        texts: () => collectTexts(tree),
        tree: () => tree,
        tap(text: string) {
          const sid = findElementByText(tree, text);
          if (!sid) throw new Error(`wx sandbox: nothing reads "${text}" on ${route}`);
          const handler = (instance as { eh?: unknown }).eh;
          if (typeof handler !== 'function') throw new Error(`${route} has no Taro event handler (eh)`);
          const target = { id: sid, dataset: { sid } };
          handler.call(instance, { type: 'tap', timeStamp: Date.now(), target, currentTarget: target, detail: {} });
        },
        unload() {
          config.onUnload?.call(instance);
          pageStack.splice(pageStack.indexOf(instance), 1);
        },
      };
    },
    async waitFor(predicate, timeoutMs = 60_000, what = 'condition') {
      const until = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > until) {
          throw new Error(`wx sandbox: timed out after ${timeoutMs} ms waiting for ${what}.\nerrors: ${errors.join('\n')}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close() {
      fake.close();
    },
  };
  return sandbox;
}

/** Main-package and subpackage page routes listed in app.json. */
export function allPages(appJson: AppJson): string[] {
  const subPackages = appJson.subPackages ?? appJson.subpackages ?? [];
  return [...appJson.pages, ...subPackages.flatMap((sub) => sub.pages.map((page) => `${sub.root.replace(/\/$/, '')}/${page}`))];
}
