/**
 * Texts the stack writes for people (not GoTrue's, Storage's or PostgREST's own fixed messages).
 * Defaults are English; an app passes its own — `startLocalSupabase({ messages })`, the CLI's
 * `--messages FILE`, or `<workdir>/supabase/local-supabase.messages.json` when present — e.g. in
 * its users' language. `{name}` placeholders are filled in.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export interface Messages {
  /** 503 while stopping. */
  shuttingDown: string;
  /** 414; {limit} in bytes. */
  uriTooLong: string;
  /** 413 (gateway, REST `PGRST413`); {limit} in bytes. */
  bodyTooLarge: string;
  /** Hint of REST's 413. */
  bodyTooLargeHint: string;
  /** Hint of REST's 414. */
  uriTooLongHint: string;
  /** 503 when the database cannot be reached (REST `PGRST001` and the other services). */
  databaseUnavailable: string;
  /** /health's 503. */
  healthUnavailable: string;
  /** 404 for a path no service serves; {method} {path}. */
  notFound: string;
}

export const DEFAULT_MESSAGES: Readonly<Messages> = Object.freeze({
  shuttingDown: 'The server is shutting down; retry shortly',
  uriTooLong: 'The request URL is too long (limit {limit} bytes)',
  bodyTooLarge: 'The request body is too large (limit {limit} bytes)',
  bodyTooLargeHint: 'Send the data in smaller batches.',
  uriTooLongHint: 'Use fewer filters, or pass arguments with POST /rpc.',
  databaseUnavailable: 'The database is unavailable; retry shortly',
  healthUnavailable: 'Database unavailable',
  notFound: 'No such endpoint: {method} {path}',
});

/** The file an app may keep beside its migrations. */
export const MESSAGES_FILE = path.join('supabase', 'local-supabase.messages.json');

export function formatMessage(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Messages from a JSON file (only known keys with string values; anything else is an error). */
export async function readMessagesFile(file: string): Promise<Partial<Messages>> {
  const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${file}: expected a JSON object of messages`);
  const out: Partial<Messages> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (!(key in DEFAULT_MESSAGES)) throw new Error(`${file}: unknown message "${key}" (known: ${Object.keys(DEFAULT_MESSAGES).join(', ')})`);
    if (typeof value !== 'string') throw new Error(`${file}: message "${key}" must be a string`);
    out[key as keyof Messages] = value;
  }
  return out;
}

/** Defaults ← `<workdir>/supabase/local-supabase.messages.json` (if present) ← explicit messages. */
export async function resolveMessages(workdir: string, explicit: Partial<Messages> = {}): Promise<Messages> {
  const file = path.join(workdir, MESSAGES_FILE);
  const fromFile = existsSync(file) ? await readMessagesFile(file) : {};
  return { ...DEFAULT_MESSAGES, ...fromFile, ...explicit };
}
