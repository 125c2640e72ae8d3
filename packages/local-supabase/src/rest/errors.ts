/**
 * PostgREST-compatible errors: the JSON body `{code, details, hint, message}` and the HTTP status
 * PostgREST would answer with. Codes follow https://postgrest.org/en/stable/references/errors.html.
 */
import { DatabaseUnavailableError } from '../db/types.ts';
import { DEFAULT_MESSAGES, type Messages } from '../messages.ts';
import type { Relation } from './schema-cache.ts';
import type { Relationship } from './plan/relationships.ts';

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

// ---------------------------------------------------------------- select, embedding, aggregates
// Texts as PostgREST 12/13 writes them (src/PostgREST/Error.hs).

/** PGRST108: a query parameter names an embed the select does not have. */
export function notEmbedded(resource: string): RestError {
  return new RestError(400, 'PGRST108', `'${resource}' is not an embedded resource in this request`, {
    hint: `Verify that '${resource}' is included in the 'select' query parameter.`,
  });
}

/** PGRST118: ordering the parent by a column of a to-many embed. */
export function relatedOrderNotToOne(origin: string, target: string): RestError {
  return new RestError(400, 'PGRST118', `A related order on '${target}' is not possible`, {
    details: `'${origin}' and '${target}' do not form a many-to-one or one-to-one relationship`,
  });
}

/** PGRST120: an embedded resource filtered with anything but `is.null` / `not.is.null`. */
export function unacceptableFilter(target: string): RestError {
  return new RestError(400, 'PGRST120', `Bad operator on the '${target}' embedded resource`, {
    details: 'Only is null or not is null filters are allowed on embedded resources',
  });
}

/** PGRST123: aggregates while `db-aggregates-enabled` is off. */
export function aggregatesNotAllowed(): RestError {
  return new RestError(400, 'PGRST123', 'Use of aggregate functions is not allowed');
}

/** PGRST127 (PostgREST 13): a feature PostgREST does not implement. */
export function notImplemented(details: string): RestError {
  return new RestError(400, 'PGRST127', 'Feature not implemented', { details });
}

/** PGRST200: no relationship; the hint suggests a close parent or target name (as PostgREST's fuzzy search). */
export function noRelationship(parent: Relation, target: string, hint: string | undefined, near: { parents?: string[]; targets?: string[] }): RestError {
  let suggestion: string | null = null;
  if (near.parents) {
    const best = closestName(parent.name, near.parents);
    if (best) suggestion = `Perhaps you meant '${best}' instead of '${parent.name}'.`;
  } else if (near.targets && !near.targets.includes(target)) {
    const best = closestName(target, near.targets);
    if (best) suggestion = `Perhaps you meant '${best}' instead of '${target}'.`;
  }
  return new RestError(400, 'PGRST200', `Could not find a relationship between '${parent.name}' and '${target}' in the schema cache`, {
    details: `Searched for a foreign key relationship between '${parent.name}' and '${target}'${hint ? ` using the hint '${hint}'` : ''} in the schema '${parent.schema}', but no matches were found.`,
    hint: suggestion,
    cacheMiss: true,
  });
}

/** PGRST201: more than one relationship matches; details list them, the hint names each `target!hint`. */
export function ambiguousRelationship(parent: Relation, target: string, found: Relationship[]): RestError {
  const cols = (c: string[]) => `(${c.join(', ')})`;
  const details = found.map((r) => {
    if (r.junction) {
      const j = r.junction;
      return {
        cardinality: r.cardinality,
        embedding: `${parent.name} with ${r.target.name}`,
        relationship: `${j.relation.name} using ${j.constraints[0]}${cols(j.parentPairs.map((p) => p[1]))} and ${j.constraints[1]}${cols(j.targetPairs.map((p) => p[0]))}`,
      };
    }
    return {
      cardinality: r.cardinality,
      embedding: `${parent.name} with ${r.target.name}`,
      relationship: `${r.constraint} using ${parent.name}${cols(r.pairs.map((p) => p[0]))} and ${r.target.name}${cols(r.pairs.map((p) => p[1]))}`,
    };
  });
  return new RestError(300, 'PGRST201', `Could not embed because more than one relationship was found for '${parent.name}' and '${target}'`, {
    details,
    hint: `Try changing '${target}' to one of the following: ${found.map((r) => `'${r.target.name}!${r.junction ? r.junction.relation.name : r.constraint}'`).join(', ')}. Find the desired relationship in the 'details' key.`,
  });
}

/**
 * The closest name, like the fuzzyset PostgREST uses (n-gram overlap, then Levenshtein
 * similarity ≥ 0.33); undefined when nothing is close.
 */
export function closestName(name: string, candidates: string[]): string | undefined {
  const grams = (s: string, n: number): string[] => {
    const padded = `-${s.toLowerCase()}-`;
    const out: string[] = [];
    for (let i = 0; i + n <= padded.length; i++) out.push(padded.slice(i, i + n));
    return out;
  };
  const lev = (a: string, b: string): number => {
    const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      let diag = prev[0]!;
      prev[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const tmp = prev[j]!;
        prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
        diag = tmp;
      }
    }
    return prev[b.length]!;
  };
  let best: { name: string; score: number } | undefined;
  for (const size of [3, 2]) {
    const mine = new Set(grams(name, size));
    for (const c of new Set(candidates)) {
      if (!grams(c, size).some((g) => mine.has(g))) continue;
      const score = 1 - lev(name.toLowerCase(), c.toLowerCase()) / Math.max(name.length, c.length);
      if (score >= 0.33 && (!best || score > best.score)) best = { name: c, score };
    }
    if (best) break;
  }
  return best?.name;
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
