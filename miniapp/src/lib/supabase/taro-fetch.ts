/**
 * `fetch` on top of wx.request (Taro.request), enough for supabase-js: auth-js, postgrest-js,
 * functions-js and storage-js JSON calls. Only string or ArrayBuffer bodies (use Taro.uploadFile
 * for files). The mapping is pure (`createTaroFetch(request)`) so it is unit-tested without Taro.
 */
import { TaroHeaders, type HeadersInput } from '../polyfills/headers.ts';
import { utf8Decode, utf8Encode } from './utf8.ts';

/** The subset of wx.request's options and result this module uses. */
export type WxRequestOptions = {
  url: string;
  method: string;
  header: Record<string, string>;
  data?: string | ArrayBuffer;
  dataType: string;
  responseType: 'text' | 'arraybuffer';
  success(result: { statusCode: number; data: unknown; header?: Record<string, string> }): void;
  fail(error: { errMsg?: string }): void;
};
export type WxRequestTask = { abort?: () => void } | undefined | void;
export type WxRequest = (options: WxRequestOptions) => WxRequestTask;

export type FetchInit = {
  method?: string;
  headers?: HeadersInput;
  body?: unknown;
  signal?: { aborted: boolean; addEventListener?: (type: 'abort', listener: () => void) => void } | null;
};

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  206: 'Partial Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  406: 'Not Acceptable',
  409: 'Conflict',
  416: 'Range Not Satisfiable',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

/** The parts of the WHATWG Response supabase-js reads. */
export class TaroResponse {
  readonly ok: boolean;
  readonly redirected = false;
  readonly type = 'basic';
  readonly bodyUsed = false;
  readonly body = null;

  constructor(
    private readonly raw: string | ArrayBuffer | null,
    readonly status: number,
    readonly headers: TaroHeaders,
    readonly url: string,
  ) {
    this.ok = status >= 200 && status < 300;
  }

  get statusText(): string {
    return STATUS_TEXT[this.status] ?? '';
  }

  async text(): Promise<string> {
    if (this.raw === null) return '';
    return typeof this.raw === 'string' ? this.raw : utf8Decode(this.raw);
  }

  async json(): Promise<unknown> {
    const text = await this.text();
    return text ? JSON.parse(text) : null;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    if (this.raw === null) return new ArrayBuffer(0);
    return typeof this.raw === 'string' ? utf8Encode(this.raw) : this.raw;
  }

  clone(): TaroResponse {
    return new TaroResponse(this.raw, this.status, new TaroHeaders(this.headers), this.url);
  }
}

function urlOf(input: unknown): string {
  if (typeof input === 'string') return input;
  if (input && typeof input === 'object') {
    const candidate = input as { href?: unknown; url?: unknown };
    if (typeof candidate.href === 'string') return candidate.href; // URL
    if (typeof candidate.url === 'string') return candidate.url; // Request-like
  }
  return String(input);
}

function abortError(): Error {
  const error = new Error('The operation was aborted.');
  error.name = 'AbortError';
  return error;
}

function rawBody(data: unknown): string | ArrayBuffer | null {
  if (data === undefined || data === null) return null;
  if (typeof data === 'string' || data instanceof ArrayBuffer) return data;
  return JSON.stringify(data); // a runtime that parsed JSON despite dataType 'text'
}

export function createTaroFetch(request: WxRequest) {
  return function taroFetch(input: unknown, init: FetchInit = {}): Promise<TaroResponse> {
    const url = urlOf(input);
    const method = String(init.method ?? 'GET').toUpperCase();
    const headers = new TaroHeaders(init.headers);
    const body = init.body;
    if (body !== undefined && body !== null && typeof body !== 'string' && !(body instanceof ArrayBuffer)) {
      return Promise.reject(new TypeError('taroFetch 只支持字符串或 ArrayBuffer 请求体，上传文件请用 Taro.uploadFile'));
    }
    const signal = init.signal;
    if (signal?.aborted) return Promise.reject(abortError());
    return new Promise((resolve, reject) => {
      const task = request({
        url,
        method,
        header: headers.toObject(),
        ...(body === undefined || body === null ? {} : { data: body }),
        // anything but 'json': wx.request then hands back the raw text instead of parsing it
        dataType: 'text',
        responseType: 'text',
        success(result) {
          const responseHeaders = new TaroHeaders();
          const header = result.header ?? {};
          for (const key of Object.keys(header)) responseHeaders.append(key, String(header[key]));
          resolve(new TaroResponse(rawBody(result.data), result.statusCode, responseHeaders, url));
        },
        fail(error) {
          // what fetch does on a network failure
          reject(new TypeError(`Network request failed: ${error?.errMsg ?? 'unknown error'}`));
        },
      });
      signal?.addEventListener?.('abort', () => {
        task?.abort?.();
        reject(abortError());
      });
    });
  };
}
