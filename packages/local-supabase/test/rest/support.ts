/** Test support for the REST battery: the fixture project, user tokens, supabase-js and raw HTTP. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { SignJWT } from 'jose';
import WebSocket from 'ws';
import { startTestStack, type TestStack } from '../support/stack.ts';

export const FIXTURE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixture');
export const OWNER_1 = '11111111-1111-1111-1111-111111111111';
export const OWNER_2 = '22222222-2222-2222-2222-222222222222';

/** The real stack (gateway + JWT verification + REST engine) over the fixture schema and seed. */
export function startRestStack(): Promise<TestStack> {
  return startTestStack({ workdir: FIXTURE_DIR, seed: 'always' });
}

/** An `authenticated` access token for `sub`, signed like GoTrue's. */
export async function userToken(stack: TestStack, sub: string): Promise<string> {
  return new SignJWT({ sub, role: 'authenticated', aud: 'authenticated', email: `${sub.slice(0, 4)}@example.test` })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(stack.jwtSecret));
}

const inProcessFetch = (stack: TestStack) =>
  ((input: RequestInfo | URL, init?: RequestInit) => stack.fetch(input instanceof Request ? input : String(input), init)) as typeof fetch;

/** supabase-js calling the stack in-process; `token` (a user JWT or a key) becomes the Bearer. */
export function client(stack: TestStack, token?: string): SupabaseClient {
  return createClient(stack.url, stack.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket },
    global: { fetch: inProcessFetch(stack), ...(token ? { headers: { Authorization: `Bearer ${token}` } } : {}) },
  });
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/** A raw request to /rest/v1 (path may include the query string, unencoded parts are encoded by URL). */
export async function rest(
  stack: TestStack,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; token?: string } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = { apikey: stack.anonKey, ...(init.headers ?? {}) };
  headers.authorization = `Bearer ${init.token ?? stack.anonKey}`;
  if (init.body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  const res = await stack.fetch(`${stack.url}/rest/v1${path}`, { method: init.method ?? 'GET', headers, ...(init.body !== undefined ? { body: init.body } : {}) });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}
