/**
 * PostgREST-compatible errors: the JSON body `{code, details, hint, message}` and the HTTP status
 * PostgREST would answer with. Codes follow https://postgrest.org/en/stable/references/errors.html.
 */
import { DatabaseUnavailableError } from '../db/types.ts';
import { DEFAULT_MESSAGES, type Messages } from '../messages.ts';

export interface ErrorBody {
  code: string;
  details: unknown;
  hint: string | null;
  message: string;
}

export class RestError extends Error {
  override readonly name = 'RestError';
  readonly status: number;
  readonly body: ErrorBody;
  /** True when the error may come from a stale schema cache: the handler reloads once and retries. */
  readonly cacheMiss: boolean;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: string,
    message: string,
    options: { details?: unknown; hint?: string | null; cacheMiss?: boolean; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.status = status;
    this.body = { code, details: options.details ?? null, hint: options.hint ?? null, message };
    this.cacheMiss = options.cacheMiss ?? false;
    this.headers = options.headers ?? {};
  }
}

/** PGRST100: the query string could not be parsed. */
export function parseError(message: string, details: string | null = null): RestError {
  return new RestError(400, 'PGRST100', message, { details });
}

/** 42703 raised before SQL for a column that is not in the schema cache (same text as Postgres). */
export function unknownColumn(relation: string, column: string): RestError {
  return new RestError(400, '42703', `column ${relation}.${column} does not exist`, { cacheMiss: true });
}

export function singleObjectError(rows: number): RestError {
  return new RestError(406, 'PGRST116', 'Cannot coerce the result to a single JSON object', {
    details: `The result contains ${rows} rows`,
  });
}

interface PgLikeError {
  code?: unknown;
  message?: unknown;
  detail?: unknown;
  hint?: unknown;
}

function isPgError(error: unknown): error is PgLikeError & { code: string } {
  return typeof error === 'object' && error !== null && typeof (error as PgLikeError).code === 'string' && /^[0-9A-Z]{5}$/.test((error as { code: string }).code);
}

/** HTTP status for a SQLSTATE, as PostgREST maps it. */
export function statusForSqlState(code: string, role: string): number {
  switch (code) {
    case '23505':
    case '23503':
      return 409;
    case '25006':
      return 405;
    case '42P01':
    case '42883':
      return 404;
    case '42501':
      return role === 'anon' ? 401 : 403;
    case '42P17':
      return 500;
    case '57014':
      return 504;
    case '40001':
      return 503;
    case '53400':
      return 500;
    case 'P0001':
      return 400;
    case 'PT401':
      return 401;
    case 'PT403':
      return 403;
    case 'PT404':
      return 404;
    default:
      break;
  }
  const cls = code.slice(0, 2);
  if (cls === '08' || cls === '53' || cls === '54' || cls === '55' || cls === '57' || cls === '58') return 503;
  if (cls === '09' || cls === '0L' || cls === '0P' || cls === '28') return 403;
  if (cls === '22' || cls === '23' || cls === '42' || cls === '2B' || cls === '2D' || cls === '2F' || cls === '39' || cls === '3B' || cls === '40' || cls === 'P0' || cls === 'XX') {
    return cls === 'P0' || cls === '22' || cls === '23' || cls === '42' ? 400 : 500;
  }
  if (cls === '25') return 500;
  if (/^PT\d{3}$/.test(code)) return Number(code.slice(2));
  return 500;
}

/** Turn anything thrown while executing into a RestError. */
export function toRestError(error: unknown, role: string, messages: Messages = DEFAULT_MESSAGES): RestError {
  if (error instanceof RestError) return error;
  if (error instanceof DatabaseUnavailableError) {
    return new RestError(503, 'PGRST001', messages.databaseUnavailable, { details: error.message, hint: null });
  }
  if (isPgError(error)) {
    const code = error.code;
    return new RestError(statusForSqlState(code, role), code, String(error.message ?? ''), {
      details: typeof error.detail === 'string' ? error.detail : null,
      hint: typeof error.hint === 'string' ? error.hint : null,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new RestError(500, 'PGRST000', message);
}
