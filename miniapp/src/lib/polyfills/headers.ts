/**
 * A small WHATWG `Headers` for runtimes without one (the WeChat app service). supabase-js and
 * postgrest-js call `new Headers()` as a free variable even with a custom fetch, so the weapp build
 * provides this module's `Headers` export through a ProvidePlugin (config/index.ts).
 */
export type HeadersInput =
  | { forEach(callback: (value: string, key: string) => void): void }
  | Record<string, string>
  | ReadonlyArray<readonly [string, string]>
  | null
  | undefined;

function isIterableHeaders(init: HeadersInput): init is { forEach(callback: (value: string, key: string) => void): void } {
  return typeof init === 'object' && init !== null && !Array.isArray(init) && typeof init.forEach === 'function';
}

export class TaroHeaders {
  private readonly map = new Map<string, string>();

  constructor(init?: HeadersInput) {
    if (!init) return;
    if (Array.isArray(init)) {
      for (const [key, value] of init as ReadonlyArray<readonly [string, string]>) this.append(key, value);
    } else if (isIterableHeaders(init)) {
      init.forEach((value, key) => this.append(key, value));
    } else {
      const record = init as Record<string, string>;
      for (const key of Object.keys(record)) this.append(key, String(record[key]));
    }
  }

  append(key: string, value: string): void {
    const name = key.toLowerCase();
    const previous = this.map.get(name);
    this.map.set(name, previous === undefined ? String(value) : `${previous}, ${value}`);
  }

  set(key: string, value: string): void {
    this.map.set(key.toLowerCase(), String(value));
  }

  get(key: string): string | null {
    return this.map.get(key.toLowerCase()) ?? null;
  }

  has(key: string): boolean {
    return this.map.has(key.toLowerCase());
  }

  delete(key: string): void {
    this.map.delete(key.toLowerCase());
  }

  forEach(callback: (value: string, key: string, headers: TaroHeaders) => void): void {
    this.map.forEach((value, key) => callback(value, key, this));
  }

  keys(): IterableIterator<string> {
    return this.map.keys();
  }

  values(): IterableIterator<string> {
    return this.map.values();
  }

  entries(): IterableIterator<[string, string]> {
    return this.map.entries();
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.map.entries();
  }

  /** Plain object with lower-case names, as wx.request's `header` wants it. */
  toObject(): Record<string, string> {
    const out: Record<string, string> = {};
    this.map.forEach((value, key) => {
      out[key] = value;
    });
    return out;
  }
}

/**
 * ProvidePlugin entry (weapp build only, where there is never a native Headers). Not referencing
 * `globalThis` on purpose: older WeChat base libraries lack it.
 */
export const Headers = TaroHeaders as unknown as typeof globalThis.Headers;
export default Headers;
