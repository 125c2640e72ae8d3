/** Small HTTP helpers shared by every service of the gateway. */

/** Headers supabase-js, postgrest-js, storage-js, functions-js and refine send. */
export const CORS_ALLOW_HEADERS = [
  'authorization',
  'apikey',
  'content-type',
  'content-length',
  'prefer',
  'accept',
  'accept-profile',
  'content-profile',
  'range',
  'range-unit',
  'x-client-info',
  'x-supabase-api-version',
  'x-upsert',
  'x-region',
  'cache-control',
  'if-none-match',
  'if-modified-since',
  'tus-resumable',
  'upload-length',
  'upload-metadata',
  'upload-offset',
];
export const CORS_ALLOW_METHODS = 'GET,HEAD,PUT,PATCH,POST,DELETE,OPTIONS';
export const CORS_EXPOSE_HEADERS =
  'content-range,range-unit,content-profile,content-length,content-type,etag,x-supabase-api-version,location,preference-applied';

const BASE_CORS: Readonly<Record<string, string>> = Object.freeze({
  'access-control-allow-origin': '*',
  'access-control-allow-methods': CORS_ALLOW_METHODS,
  'access-control-allow-headers': CORS_ALLOW_HEADERS.join(','),
  'access-control-expose-headers': CORS_EXPOSE_HEADERS,
  'access-control-max-age': '3600',
});

/** Kong (Supabase's gateway) answers every origin; requested headers are echoed, like its cors plugin. */
export function corsHeaders(req: Request): Readonly<Record<string, string>> {
  const requested = req.headers.get('access-control-request-headers');
  if (!requested) return BASE_CORS;
  const extra = requested
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  return { ...BASE_CORS, 'access-control-allow-headers': [...new Set([...CORS_ALLOW_HEADERS, ...extra])].join(',') };
}

/** Copy the CORS headers onto a response (making its headers mutable when they are not). */
export function withCors(req: Request, res: Response): Response {
  const cors = corsHeaders(req);
  try {
    for (const k in cors) res.headers.set(k, cors[k]!);
    return res;
  } catch {
    // Immutable headers (e.g. a Response from fetch()): rebuild it.
    const out = new Response(res.body, { status: res.status, statusText: res.statusText, headers: new Headers(res.headers) });
    for (const k in cors) out.headers.set(k, cors[k]!);
    return out;
  }
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/** PostgREST's error body. */
export function pgrstError(status: number, code: string, message: string, details: string | null = null, hint: string | null = null): Response {
  return json({ code, details, hint, message }, status);
}

/** Thrown by services when the request is too large. */
export class PayloadTooLargeError extends Error {
  override readonly name = 'PayloadTooLargeError';
  constructor(readonly limit: number) {
    super(`Payload too large: the limit is ${limit} bytes`);
  }
}

/**
 * Read a request body with a size limit, without trusting Content-Length alone
 * (chunked bodies are counted as they stream).
 */
export async function readBody(req: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(req.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > limit) throw new PayloadTooLargeError(limit);
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new PayloadTooLargeError(limit);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** A copy of `req` whose body has been read (bounded by `limit`) — for handlers that read it themselves. */
export async function bufferRequest(req: Request, limit: number): Promise<Request> {
  if (req.method === 'GET' || req.method === 'HEAD' || !req.body) return req;
  const body = await readBody(req, limit);
  return new Request(req.url, { method: req.method, headers: req.headers, body, signal: req.signal });
}

/** Query parameters that carry credentials: never written to the request log. */
const SECRET_PARAMS = new Set(['apikey', 'token', 'access_token', 'refresh_token', 'nonce']);

/** `path?query` for the log, with credential values replaced by `***`. */
export function redactedTarget(url: URL): string {
  if (!url.search) return url.pathname;
  const parts = url.search
    .slice(1)
    .split('&')
    .map((part) => {
      const eq = part.indexOf('=');
      const name = eq === -1 ? part : part.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        /* keep as sent */
      }
      return eq !== -1 && SECRET_PARAMS.has(decoded.toLowerCase()) ? `${name}=***` : part;
    });
  return `${url.pathname}?${parts.join('&')}`;
}

/** decodeURIComponent that answers `undefined` for malformed percent-encoding instead of throwing. */
export function tryDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** Deepest nesting of arrays/objects in JSON text (strings skipped); stops counting past `limit`. */
export function jsonDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \ */) i++;
      else if (ch === 34 /* " */) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 91 /* [ */ || ch === 123 /* { */) {
      if (++depth > deepest && (deepest = depth) > limit) return deepest;
    } else if (ch === 93 /* ] */ || ch === 125 /* } */) depth--;
  }
  return deepest;
}

/** Nesting allowed in auth and storage JSON (user metadata); Postgres' jsonb gives up far deeper. */
export const MAX_JSON_DEPTH = 64;
