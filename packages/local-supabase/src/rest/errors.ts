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

/**
 * PostgREST's own errors, one row per code: HTTP status and the message PostgREST 12 writes (a
 * function of the request where the message names something). Codes and texts from PostgREST 12's
 * error reference; PGRST124/128 (max-affected) are PostgREST 13's; PGRST413/414 are ours (PostgREST
 * leaves body and URL limits to its proxy).
 */
export const PGRST_ERRORS = {
  PGRST000: { status: 503, message: 'Could not connect with the database' },
  PGRST001: { status: 503, message: 'Database client error' },
  PGRST100: { status: 400, message: '"failed to parse query"' },
  PGRST101: { status: 405, message: 'Cannot use the method on RPC' },
  PGRST102: { status: 400, message: 'Empty or invalid json' },
  PGRST103: { status: 416, message: 'Requested range not satisfiable' },
  PGRST105: { status: 405, message: "Filters must include all and only primary key columns with 'eq' operators" },
  PGRST106: { status: 406, message: 'The schema must be one of the following' },
  PGRST107: { status: 406, message: 'None of these media types are available' },
  PGRST108: { status: 400, message: 'is not an embedded resource in this request' },
  PGRST111: { status: 500, message: 'response.headers guc must be a JSON array composed of objects with a single key and a string value' },
  PGRST112: { status: 500, message: 'response.status guc must be a valid status code' },
  PGRST114: { status: 400, message: 'limit/offset querystring parameters are not allowed for PUT' },
  PGRST115: { status: 400, message: 'Payload values do not match URL in primary key column(s)' },
  PGRST116: { status: 406, message: 'JSON object requested, multiple (or no) rows returned' },
  PGRST117: { status: 405, message: 'Unsupported HTTP method' },
  PGRST118: { status: 400, message: 'A related order is not possible' },
  PGRST120: { status: 400, message: 'Bad operator on the embedded resource' },
  PGRST122: { status: 400, message: 'Invalid preferences given with handling=strict' },
  PGRST123: { status: 400, message: 'Use of aggregate functions is not allowed' },
  PGRST124: { status: 400, message: 'Query result exceeds max-affected preference constraint' },
  PGRST125: { status: 404, message: 'Invalid path specified in request URL' },
  PGRST128: { status: 400, message: 'Function must return SETOF or TABLE when max-affected preference is used with handling=strict' },
  PGRST200: { status: 400, message: 'Could not find a relationship in the schema cache' },
  PGRST201: { status: 300, message: 'Could not embed because more than one relationship was found' },
  PGRST202: { status: 404, message: 'Could not find the function in the schema cache' },
  PGRST203: { status: 300, message: 'Could not choose the best candidate function' },
  PGRST204: { status: 400, message: 'Could not find the column in the schema cache' },
  PGRST413: { status: 413, message: 'Request body too large' },
  PGRST414: { status: 414, message: 'URL too long' },
} as const satisfies Record<string, { status: number; message: string }>;

export type PgrstCode = keyof typeof PGRST_ERRORS;

/** A PostgREST error from the table; `message` replaces the generic text where PostgREST names something. */
export function pgrstError(
  code: PgrstCode,
  options: { message?: string; details?: unknown; hint?: string | null; cacheMiss?: boolean; headers?: Record<string, string> } = {},
): RestError {
  const row = PGRST_ERRORS[code];
  const { message, ...rest } = options;
  return new RestError(row.status, code, message ?? row.message, rest);
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
  return pgrstError('PGRST116', { details: `The result contains ${rows} rows` });
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
