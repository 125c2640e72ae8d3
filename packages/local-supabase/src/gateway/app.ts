import type { IncomingMessage, ServerResponse } from 'node:http';
import { Hono, type Context } from 'hono';
import { DatabaseUnavailableError, type Database } from '../db/types.ts';
import type { KeySet } from '../config.ts';
import { JwtError } from '../jwt.ts';
import type { RestHandler, RestReply } from '../rest/index.ts';
import type { RequestAuth } from '../request-context.ts';
import { CredentialResolver } from './credentials.ts';
import { PayloadTooLargeError, bufferRequest, corsHeaders, json, pgrstError, redactedTarget, withCors } from './http.ts';
import { DEFAULT_MESSAGES, formatMessage, type Messages } from '../messages.ts';
import { getPath } from 'hono/utils/url';
import { NodeRequest, SocketGone } from './node-request.ts';

/** What every service gets besides the request. */
export interface ServiceContext {
  /** The peer address of the HTTP connection (127.0.0.1 for in-process calls). */
  address: string;
  credentials: CredentialResolver;
}

/** A mounted service: `path` is what follows its prefix, e.g. "/token" for /auth/v1/token. */
export type Service = (req: Request, path: string, ctx: ServiceContext) => Promise<Response>;

export interface GatewayLimits {
  /** Longest accepted URL (path + query), in bytes → 414 beyond. */
  maxUrlLength: number;
  /** Largest request body for REST, auth and functions → 413 beyond. */
  maxBodyBytes: number;
  /** Largest upload for storage (per-bucket limits apply on top) → 413 beyond. */
  maxUploadBytes: number;
}

export const DEFAULT_LIMITS: GatewayLimits = {
  maxUrlLength: 8 * 1024,
  maxBodyBytes: 10 * 1024 * 1024,
  maxUploadBytes: 50 * 1024 * 1024,
};

export interface GatewayOptions {
  db: Database;
  keys: KeySet;
  rest: RestHandler;
  auth: Service;
  storage: Service;
  functions: Service;
  limits?: Partial<GatewayLimits>;
  /** One line per request on stdout. */
  log?: boolean | ((line: string) => void);
  /** Texts for people (defaults: English). */
  messages?: Messages;
}

const ANON = Object.freeze({ role: 'anon', claims: Object.freeze({ role: 'anon' }) });
/** @hono/node-server's marker (`x-hono-already-sent`): the handler wrote the answer itself. */
const ALREADY_SENT = Object.freeze({ 'x-hono-already-sent': 'true' });

type Flavour = 'rest' | 'auth' | 'storage' | 'functions' | 'gateway';

/** Each upstream has its own error body; the gateway answers in the flavour of the service asked. */
function errorBody(flavour: Flavour, status: number, code: string, message: string): Response {
  switch (flavour) {
    case 'rest':
      return pgrstError(status, code, message);
    case 'auth':
      return json({ code, error_code: code, msg: message }, status, { 'x-supabase-api-version': '2024-01-01' });
    case 'storage':
      return json({ statusCode: String(status), error: code, message }, status);
    default:
      return json({ code, message }, status);
  }
}

function flavourOf(path: string): Flavour {
  if (path.startsWith('/rest/v1')) return 'rest';
  if (path.startsWith('/auth/v1')) return 'auth';
  if (path.startsWith('/storage/v1')) return 'storage';
  if (path.startsWith('/functions/v1')) return 'functions';
  return 'gateway';
}

/** Kong refuses requests to /rest and /auth that carry no key at all. */
function hasKey(req: Request): boolean {
  return !!(req.headers.get('apikey') || req.headers.get('authorization') || new URL(req.url).searchParams.get('apikey'));
}
function noKey(): Response {
  return json({ message: 'No API key found in request', hint: 'No `apikey` request header or url param was found.' }, 401);
}

function peerAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? '127.0.0.1';
}

export interface Gateway {
  app: Hono;
  fetch(req: Request): Promise<Response>;
  /** Requests being handled right now (graceful shutdown waits for 0). */
  inFlight(): number;
  /** Refuse new requests with 503 from now on. */
  drain(): void;
  /**
   * node:http's request listener for `/rest/v1` (the hot path of every API call): answers the
   * request without Hono, WHATWG Request/Response objects or an AbortController, exactly as the
   * Hono route would, and returns true; returns false (nothing done) for anything it leaves to
   * `app` — other paths, OPTIONS, a draining gateway, a URL over the limit, no key, no Host header.
   */
  serveNode(incoming: IncomingMessage, outgoing: ServerResponse): boolean;
}

/** The router: /rest/v1, /auth/v1, /storage/v1, /functions/v1, /health, with CORS, limits, log and 503s. */
export function createGateway(options: GatewayOptions): Gateway {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const messages = options.messages ?? DEFAULT_MESSAGES;
  const credentials = new CredentialResolver(options.db, options.keys.jwtSecret);
  const log =
    options.log === true ? (line: string) => console.log(line) : typeof options.log === 'function' ? options.log : undefined;
  let active = 0;
  let draining = false;
  const app = new Hono();

  app.use('*', async (c, next) => {
    const started = performance.now();
    const req = c.req.raw;
    active++;
    try {
      if (req.method === 'OPTIONS') {
        c.res = withCors(req, new Response(null, { status: 200 }));
        return;
      }
      const url = new URL(req.url);
      const flavour = flavourOf(url.pathname);
      if (draining) {
        c.res = withCors(req, errorBody(flavour, 503, 'shutting_down', messages.shuttingDown));
        return;
      }
      if (url.pathname.length + url.search.length > limits.maxUrlLength) {
        c.res = withCors(req, errorBody(flavour, 414, 'uri_too_long', formatMessage(messages.uriTooLong, { limit: limits.maxUrlLength })));
        return;
      }
      try {
        await next();
      } catch (error) {
        c.res = errorToResponse(flavour, error);
      }
      // Hono's `c.res = …` on a finalized context re-wraps the response around its body stream
      // (and the Node adapter then streams it chunk by chunk); assign only when CORS had to rebuild it.
      const res = c.res;
      const withHeaders = withCors(req, res);
      if (withHeaders !== res) c.res = withHeaders;
    } finally {
      active--;
      if (log) {
        log(`${new Date().toISOString()} ${req.method} ${redactedTarget(new URL(req.url))} ${c.res.status} ${(performance.now() - started).toFixed(1)}ms`);
      }
    }
  });
  app.onError((error, c) => errorToResponse(flavourOf(new URL(c.req.url).pathname), error));

  app.get('/health', async () => {
    try {
      await options.db.query('select 1');
      return json({ status: 'ok', database: options.db.kind });
    } catch {
      return json({ status: 'unavailable', database: options.db.kind, message: messages.healthUnavailable }, 503);
    }
  });

  const ctxOf = (c: Context): ServiceContext => ({ address: peerAddress(c), credentials });
  const rest = async (c: Context) => {
    const req = c.req.raw;
    const path = c.req.path.slice('/rest/v1'.length) || '/';
    if (!hasKey(req)) return noKey();
    const auth = (await credentials.resolve(req)) ?? ANON;
    // The REST engine reads the body once itself, bounded by the same limit (createRestHandler's maxBodyBytes).
    const env = c.env as { incoming?: IncomingMessage; outgoing?: ServerResponse } | undefined;
    const outgoing = env?.outgoing;
    if (!outgoing || !env.incoming) return options.rest.handle(req, auth, path);
    const status = await replyOverNode(req, auth, path, env.incoming, outgoing, undefined);
    // Tells @hono/node-server the answer is out; carries the status for the request log.
    return new Response(null, { status, headers: ALREADY_SENT });
  };
  app.all('/rest/v1', rest);
  app.all('/rest/v1/*', rest);

  const mount = (prefix: string, service: Service, bodyLimit: number | null, keyRequired = false) => {
    const handler = async (c: Context) => {
      if (keyRequired && !hasKey(c.req.raw)) return noKey();
      const path = c.req.path.slice(prefix.length) || '/';
      const req = bodyLimit === null ? c.req.raw : await bufferRequest(c.req.raw, bodyLimit);
      return service(req, path, ctxOf(c));
    };
    app.all(prefix, handler);
    app.all(`${prefix}/*`, handler);
  };
  mount('/auth/v1', options.auth, limits.maxBodyBytes, true);
  // Storage streams and limits uploads itself (per bucket); functions get a bounded body.
  mount('/storage/v1', options.storage, null);
  mount('/functions/v1', options.functions, limits.maxBodyBytes);

  app.notFound((c) => errorBody(flavourOf(c.req.path), 404, 'not_found', formatMessage(messages.notFound, { method: c.req.method, path: c.req.path })));

  /**
   * Over node:http the answer is written straight to the socket: no Request materialised for its
   * signal, no Response and body stream for the adapter to read back (the hot path of every API
   * call; a body is read from the IncomingMessage). The client going away (socket closed before
   * the answer) cancels the statement. Resolves to the status written.
   */
  async function replyOverNode(req: Request, auth: RequestAuth, path: string, incoming: IncomingMessage, outgoing: ServerResponse, url: URL | undefined): Promise<number> {
    const gone = new SocketGone(outgoing);
    let r: RestReply;
    try {
      r = await options.rest.reply(req, auth, path, gone as unknown as AbortSignal, incoming, url);
    } finally {
      gone.dispose();
    }
    if (outgoing.destroyed) return r.status;
    const headers: Record<string, string | number> = { ...r.headers, ...corsHeaders(req) };
    if (r.body !== null) headers['content-length'] = Buffer.byteLength(r.body);
    outgoing.writeHead(r.status, headers);
    outgoing.end(r.body ?? undefined);
    return r.status;
  }

  /** Write a Response built by the error mapping (JwtError and the like), with CORS. */
  async function writeResponse(req: Request, res: Response, outgoing: ServerResponse): Promise<void> {
    const out = withCors(req, res);
    const body = await out.text(); // node:http leaves it out of a HEAD answer
    if (outgoing.destroyed) return;
    const headers: Record<string, string> = {};
    out.headers.forEach((v, k) => {
      headers[k] = v;
    });
    if (!('content-length' in headers) && out.body !== null) headers['content-length'] = String(Buffer.byteLength(body));
    outgoing.writeHead(out.status, headers);
    outgoing.end(body);
  }

  function serveNode(incoming: IncomingMessage, outgoing: ServerResponse): boolean {
    const raw = incoming.url;
    // Origin-form targets under /rest/v1 only; everything unusual takes Hono's route.
    if (draining || !raw || raw.charCodeAt(0) !== 47 /* / */ || !raw.startsWith('/rest/v1')) return false;
    const method = incoming.method;
    if (method !== 'GET' && method !== 'HEAD' && method !== 'POST' && method !== 'PATCH' && method !== 'PUT' && method !== 'DELETE') return false;
    const host = incoming.headers.host;
    if (!host || raw.includes('\\') || (incoming.socket as { encrypted?: boolean } | null)?.encrypted) return false;
    let url: URL;
    try {
      url = new URL(`http://${host}${raw}`);
    } catch {
      return false;
    }
    // As @hono/node-server builds the request (a Host header it would refuse goes to it).
    if (url.hostname.length !== host.length && url.hostname !== host.replace(/:\d+$/, '')) return false;
    if (url.pathname.length + url.search.length > limits.maxUrlLength) return false;
    const href = url.href;
    const routed = getPath({ url: href } as Request);
    if (routed !== '/rest/v1' && !routed.startsWith('/rest/v1/')) return false;
    const req = new NodeRequest(method, href, incoming) as unknown as Request;
    if (!hasKey(req)) return false;
    void serveRest(req, routed.slice('/rest/v1'.length) || '/', url, incoming, outgoing);
    return true;
  }

  async function serveRest(req: Request, path: string, url: URL, incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const started = log ? performance.now() : 0;
    let status = 500;
    active++;
    try {
      let auth: RequestAuth;
      try {
        auth = (await credentials.resolve(req)) ?? ANON;
      } catch (error) {
        const res = errorToResponse('rest', error);
        status = res.status;
        await writeResponse(req, res, outgoing);
        return;
      }
      status = await replyOverNode(req, auth, path, incoming, outgoing, url);
    } catch (error) {
      const res = errorToResponse('rest', error);
      status = res.status;
      if (!outgoing.headersSent) await writeResponse(req, res, outgoing).catch(() => outgoing.destroy());
      else outgoing.destroy();
    } finally {
      active--;
      if (log) log(`${new Date().toISOString()} ${req.method} ${redactedTarget(url)} ${status} ${(performance.now() - started).toFixed(1)}ms`);
    }
  }

  return {
    app,
    serveNode,
    fetch: async (req) => app.fetch(req),
    inFlight: () => active,
    drain: () => {
      draining = true;
    },
  };

  function errorToResponse(flavour: Flavour, error: unknown): Response {
    if (error instanceof JwtError) {
      if (flavour === 'rest') {
        return json({ code: error.code, details: null, hint: null, message: error.message }, 401, {
          'www-authenticate': `Bearer error="invalid_token", error_description="${error.message.replaceAll('"', "'")}"`,
        });
      }
      if (flavour === 'auth') return errorBody('auth', 403, 'bad_jwt', `invalid JWT: unable to parse or verify signature, ${error.message}`);
      if (flavour === 'storage') return json({ statusCode: '403', error: 'Unauthorized', message: error.message }, 400);
      return errorBody(flavour, 401, 'invalid_jwt', error.message);
    }
    if (error instanceof PayloadTooLargeError) {
      return flavour === 'storage'
        ? json({ statusCode: '413', error: 'Payload too large', message: 'The object exceeded the maximum allowed size' }, 413)
        : errorBody(flavour, 413, flavour === 'rest' ? 'PGRST413' : 'request_too_large', formatMessage(messages.bodyTooLarge, { limit: error.limit }));
    }
    if (error instanceof DatabaseUnavailableError) {
      if (flavour === 'rest') {
        return json(
          { code: 'PGRST000', details: error.message, hint: null, message: 'Database client error. Retrying the connection.' },
          503,
          { 'retry-after': '1' },
        );
      }
      return errorBody(flavour, 503, 'database_unavailable', messages.databaseUnavailable);
    }
    console.error('[local-supabase] unhandled error:', error);
    // The detail (which may name server paths) goes to the server's log, never to the client.
    return errorBody(flavour, 500, 'unexpected_failure', 'Internal server error');
  }
}
