/** GoTrue's request and response conventions, shared by every auth route. */
import { MAX_JSON_DEPTH, jsonDepth } from '../gateway/http.ts';

export const API_VERSION = '2024-01-01';
export const ADMIN_ROLES = new Set(['service_role', 'supabase_admin']);

/** A GoTrue error; serialised per the API version the client asked for. */
export class AuthError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function respond(req: Request, status: number, body: unknown): Response {
  return new Response(body === null ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'x-supabase-api-version': API_VERSION },
  });
}

export function errorResponse(req: Request, e: AuthError): Response {
  // GoTrue: clients announcing API version 2024-01-01 get {code: "<error_code>", msg}; older ones {code: <status>, error_code, msg}.
  const modern = (req.headers.get('x-supabase-api-version') ?? '') >= API_VERSION;
  return respond(req, e.status, { code: modern ? e.errorCode : e.status, error_code: e.errorCode, msg: e.message, ...e.extra });
}

export async function readJson(req: Request): Promise<Record<string, unknown>> {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'DELETE') {
    const text = req.body ? await req.text() : '';
    return text ? safeParse(text) : {};
  }
  const text = await req.text();
  if (!text) return {};
  return safeParse(text);
}
export function safeParse(text: string): Record<string, unknown> {
  if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    throw new AuthError(400, 'validation_failed', `JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
  try {
    const v: unknown = JSON.parse(text);
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    /* fallthrough */
  }
  throw new AuthError(400, 'bad_json', 'Could not parse request body as JSON');
}
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const obj = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** Go-style durations as GoTrue's ban_duration takes them: "24h", "30m", "1h30m", "10s". */
export function parseDuration(text: string): number {
  const re = /(\d+(?:\.\d+)?)(h|m|s|ms)/g;
  let total = 0;
  let matched = '';
  for (const match of text.matchAll(re)) {
    const n = Number(match[1]);
    total += n * ({ h: 3_600_000, m: 60_000, s: 1000, ms: 1 } as const)[match[2] as 'h' | 'm' | 's' | 'ms'];
    matched += match[0];
  }
  if (!matched || matched !== text) throw new AuthError(400, 'validation_failed', `invalid format for ban duration: ${text}`);
  return total;
}
