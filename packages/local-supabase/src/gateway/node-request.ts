/**
 * The parts of a WHATWG `Request` the REST engine and the credential resolver read (method, url,
 * headers), straight over a node:http `IncomingMessage` — for the gateway's `/rest/v1` route on
 * node:http, which never needs the body stream or the signal of a real Request (the body is read
 * from the IncomingMessage, the signal is `SocketGone`). Header values are what undici's `Headers`
 * (and so @hono/node-server's request) would give: names lower-cased, repeated headers joined with
 * ", " (`cookie` with "; "), surrounding whitespace trimmed, iteration in name order (each
 * `set-cookie` on its own).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

const HTTP_WS = /^[\t\n\r ]+|[\t\n\r ]+$/g;

/** A read-only `Headers` over an IncomingMessage's raw headers, built on first use. */
export class NodeHeaders {
  #map: Map<string, string> | undefined;
  #setCookies: string[] = [];
  constructor(private readonly raw: string[]) {}

  #all(): Map<string, string> {
    if (this.#map) return this.#map;
    const map = new Map<string, string>();
    const raw = this.raw;
    for (let i = 0; i < raw.length; i += 2) {
      const name = raw[i]!;
      if (name.charCodeAt(0) === 58 /* : (HTTP/2 pseudo-headers, as @hono/node-server skips them) */) continue;
      const key = name.toLowerCase();
      let value = raw[i + 1]!;
      const c0 = value.charCodeAt(0);
      const cl = value.charCodeAt(value.length - 1);
      if (c0 === 32 || c0 === 9 || c0 === 10 || c0 === 13 || cl === 32 || cl === 9 || cl === 10 || cl === 13) value = value.replace(HTTP_WS, '');
      const prior = map.get(key);
      map.set(key, prior === undefined ? value : `${prior}${key === 'cookie' ? '; ' : ', '}${value}`);
      if (key === 'set-cookie') this.#setCookies.push(value);
    }
    this.#map = map;
    return map;
  }

  get(name: string): string | null {
    return this.#all().get(name.toLowerCase()) ?? null;
  }
  has(name: string): boolean {
    return this.#all().has(name.toLowerCase());
  }
  forEach(fn: (value: string, name: string, headers: NodeHeaders) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }
  *entries(): IterableIterator<[string, string]> {
    const all = this.#all();
    for (const k of [...all.keys()].sort()) {
      if (k === 'set-cookie') for (const v of this.#setCookies) yield [k, v];
      else yield [k, all.get(k)!];
    }
  }
  *keys(): IterableIterator<string> {
    for (const [k] of this.entries()) yield k;
  }
  *values(): IterableIterator<string> {
    for (const [, v] of this.entries()) yield v;
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
  /** `Object.fromEntries(headers)`: lower-cased names in order (PostgREST's `request.headers`). */
  toObject(): Record<string, string> {
    const all = this.#all();
    const out: Record<string, string> = {};
    for (const k of [...all.keys()].sort()) out[k] = k === 'set-cookie' ? this.#setCookies.at(-1)! : all.get(k)!;
    return out;
  }
}

/** What the REST engine reads of a request, over node:http. Cast to `Request` where one is expected. */
export class NodeRequest {
  readonly headers: NodeHeaders;
  constructor(
    readonly method: string,
    readonly url: string,
    incoming: IncomingMessage,
  ) {
    this.headers = new NodeHeaders(incoming.rawHeaders);
  }
  get body(): null {
    return null;
  }
  get signal(): never {
    throw new Error('NodeRequest has no signal: pass one explicitly');
  }
}

/**
 * An AbortSignal-shaped "the client went away" for one response: aborts when the connection closes
 * before the answer was written (what the gateway's AbortController tied to `close` did), without
 * an AbortController and EventTarget per request. Only what the database adapters use.
 */
export class SocketGone {
  aborted = false;
  reason: unknown = undefined;
  #listeners: (() => void)[] | undefined;
  #outgoing: ServerResponse;
  readonly #onClose = () => {
    if (this.#outgoing.writableFinished || this.aborted) return;
    this.aborted = true;
    this.reason = new Error('Client connection prematurely closed.');
    const listeners = this.#listeners;
    this.#listeners = undefined;
    if (listeners) for (const fn of listeners) fn();
  };
  constructor(outgoing: ServerResponse) {
    this.#outgoing = outgoing;
    outgoing.once('close', this.#onClose);
  }
  addEventListener(type: string, fn: () => void): void {
    if (type !== 'abort' || this.aborted) return;
    (this.#listeners ??= []).push(fn);
  }
  removeEventListener(type: string, fn: () => void): void {
    if (type !== 'abort' || !this.#listeners) return;
    const i = this.#listeners.indexOf(fn);
    if (i !== -1) this.#listeners.splice(i, 1);
  }
  /** Stop listening (the answer is being written). */
  dispose(): void {
    this.#outgoing.off('close', this.#onClose);
    this.#listeners = undefined;
  }
}
