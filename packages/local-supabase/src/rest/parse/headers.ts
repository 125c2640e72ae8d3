/** Prefer, Accept, Range and profile headers. */
import type { MediaType, PlanOption, PlanSpec, Preferences, RangeSpec } from '../ast.ts';
import { RestError, parseError, pgrstError } from '../errors.ts';

/**
 * `Prefer` (RFC 7240), as PostgREST reads it: the first value of each preference wins; `tx=` only
 * counts when the server allows overriding the transaction end (`db-tx-end = *-allow-override`),
 * otherwise it is ignored (neither applied nor an error).
 */
export function parsePrefer(headers: Headers, options: { allowTxOverride?: boolean; timezones?: ReadonlySet<string> } = {}): Preferences {
  const allowTx = options.allowTxOverride ?? true;
  const prefs: Preferences = { applied: [] };
  const all = headers.get('prefer') ?? '';
  const strict = /(^|,)\s*handling\s*=\s*strict\s*(,|$)/.test(all);
  const invalid: string[] = [];
  const oneOf = <T extends string>(value: string, allowed: readonly T[]): T | undefined => (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
  for (const piece of all.split(',')) {
    const token = piece.trim();
    if (!token) continue;
    const eq = token.indexOf('=');
    const key = (eq >= 0 ? token.slice(0, eq) : token).trim().toLowerCase();
    const value = (eq >= 0 ? token.slice(eq + 1) : '').trim();
    const first = !prefs.applied.some((a) => a.startsWith(`${key}=`));
    let parsed: unknown;
    switch (key) {
      case 'return':
        parsed = oneOf(value, ['minimal', 'representation', 'headers-only'] as const);
        if (parsed && first) prefs.return = parsed as Preferences['return'];
        break;
      case 'count':
        parsed = oneOf(value, ['exact', 'planned', 'estimated'] as const);
        if (parsed && first) prefs.count = parsed as Preferences['count'];
        break;
      case 'resolution':
        parsed = oneOf(value, ['merge-duplicates', 'ignore-duplicates'] as const);
        if (parsed && first) prefs.resolution = parsed as Preferences['resolution'];
        break;
      case 'missing':
        parsed = oneOf(value, ['default', 'null'] as const);
        if (parsed && first) prefs.missing = parsed as Preferences['missing'];
        break;
      case 'tx':
        parsed = oneOf(value, ['commit', 'rollback'] as const);
        // Understood but not honoured unless the server allows the override: silently ignored.
        if (parsed && !allowTx) continue;
        if (parsed && first) prefs.tx = parsed as Preferences['tx'];
        break;
      case 'handling':
        parsed = oneOf(value, ['strict', 'lenient'] as const);
        if (parsed && first) prefs.handling = parsed as Preferences['handling'];
        break;
      case 'max-affected':
        parsed = /^\d{1,15}$/.test(value) ? Number(value) : undefined;
        if (parsed !== undefined && first) prefs.maxAffected = parsed as number;
        break;
      case 'params':
        parsed = oneOf(value, ['single-object'] as const);
        if (parsed && first) prefs.params = 'single-object';
        break;
      case 'timezone':
        // Only names Postgres knows (pg_timezone_names), as PostgREST checks them.
        parsed = options.timezones?.has(value) ? value : undefined;
        if (parsed && first) prefs.timezone = value;
        break;
      default:
        parsed = undefined;
    }
    if (parsed === undefined) invalid.push(token);
    else if (first) prefs.applied.push(`${key}=${value}`);
  }
  if (strict && invalid.length) throw pgrstError('PGRST122', { details: `Invalid preferences: ${invalid.join(', ')}` });
  return prefs;
}

/** Which preferences PostgREST reports in Preference-Applied for each kind of request, in its order. */
export type PreferenceScope = 'read' | 'create' | 'upsert' | 'update' | 'delete' | 'rpc';

export function preferenceApplied(prefs: Preferences, scope: PreferenceScope, options: { resolutionApplies?: boolean } = {}): string | undefined {
  const out: string[] = [];
  const writes = scope === 'create' || scope === 'upsert' || scope === 'update' || scope === 'delete';
  if (scope === 'create' && prefs.resolution && options.resolutionApplies !== false) out.push(`resolution=${prefs.resolution}`);
  if ((scope === 'create' || scope === 'update') && prefs.missing) out.push(`missing=${prefs.missing}`);
  if (writes && prefs.return) out.push(`return=${prefs.return}`);
  if (prefs.count) out.push(`count=${prefs.count}`);
  if (prefs.tx) out.push(`tx=${prefs.tx}`);
  if (prefs.handling) out.push(`handling=${prefs.handling}`);
  if (prefs.timezone) out.push(`timezone=${prefs.timezone}`);
  if ((scope === 'update' || scope === 'delete' || scope === 'rpc') && prefs.handling === 'strict' && prefs.maxAffected !== undefined) out.push(`max-affected=${prefs.maxAffected}`);
  return out.length ? out.join(', ') : undefined;
}

const PLAN_OPTIONS: PlanOption[] = ['analyze', 'verbose', 'settings', 'buffers', 'wal'];

function plainMedia(type: string): MediaType | undefined {
  if (type === 'application/json' || type === '*/*' || type === 'application/*' || type === 'application/vnd.pgrst.array+json' || type === 'application/vnd.pgrst.array') return 'json';
  if (type === 'application/vnd.pgrst.object+json' || type === 'application/vnd.pgrst.object') return 'object';
  if (type === 'text/csv') return 'csv';
  if (type === 'application/geo+json') return 'geojson';
  return undefined;
}

/** The Content-Type PostgREST names a media type with (without charset). */
export function mediaMime(media: MediaType): string {
  return { json: 'application/json', object: 'application/vnd.pgrst.object+json', csv: 'text/csv', geojson: 'application/geo+json' }[media];
}

export function planMime(plan: PlanSpec): string {
  return `application/vnd.pgrst.plan+${plan.format}; for="${mediaMime(plan.for)}"${plan.options.length ? `; options=${plan.options.join('|')}` : ''}`;
}

/**
 * Choose the response media type from Accept (first acceptable entry by q, then order). The plan
 * media type (`application/vnd.pgrst.plan[+json|+text]; for="…"; options=…`) is only offered when
 * `planEnabled` (PostgREST's db-plan-enabled); otherwise it is not acceptable (406 PGRST107).
 */
export function negotiateAccept(accept: string | null, options: { planEnabled?: boolean } = {}): { media: MediaType; plan?: PlanSpec } {
  if (!accept || accept.trim() === '') return { media: 'json' };
  const entries = accept
    .split(',')
    .map((part, index) => {
      const [type = '', ...params] = part.split(';').map((s) => s.trim());
      const qParam = params.find((p) => p.startsWith('q='));
      const q = qParam ? Number(qParam.slice(2)) : 1;
      return { type: type.toLowerCase(), params, q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((e) => e.type && e.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { type, params } of entries) {
    const media = plainMedia(type);
    if (media) return { media };
    const plan = /^application\/vnd\.pgrst\.plan(\+json|\+text)?$/.exec(type);
    if (plan && options.planEnabled) {
      const forParam = params.find((p) => p.toLowerCase().startsWith('for='));
      const forType = forParam ? forParam.slice(4).replace(/^"|"$/g, '').trim().toLowerCase() : 'application/json';
      const forMedia = plainMedia(forType);
      if (!forMedia) continue;
      const optParam = params.find((p) => p.toLowerCase().startsWith('options='));
      const opts = optParam ? optParam.slice(8).split('|').map((o) => o.trim().toLowerCase()) : [];
      return { media: forMedia, plan: { format: plan[1] === '+json' ? 'json' : 'text', for: forMedia, options: PLAN_OPTIONS.filter((o) => opts.includes(o)) } };
    }
  }
  throw pgrstError('PGRST107', { message: `None of these media types are available: ${entries.map((e) => [e.type, ...e.params.filter((p) => !p.startsWith('q='))].join('; ')).join(', ') || accept}` });
}

/** The response media type for Accept, plan media types not offered. */
export function negotiateMedia(accept: string | null): MediaType {
  return negotiateAccept(accept).media;
}

/** `Range: 0-9` (Range-Unit: items). Returns undefined when absent. */
export function parseRangeHeader(headers: Headers): RangeSpec | undefined {
  const raw = headers.get('range');
  if (!raw) return undefined;
  const unit = headers.get('range-unit');
  if (unit && unit.toLowerCase() !== 'items') return undefined;
  const m = /^\s*(?:items=)?(\d{1,15})-(\d{0,15})\s*$/.exec(raw);
  if (!m) throw parseError(`"failed to parse Range header (${raw})"`, 'expected Range: <first>-<last>');
  const offset = Number(m[1]);
  const last = m[2] ? Number(m[2]) : undefined;
  if (last !== undefined && last < offset) {
    throw new RestError(416, 'PGRST103', 'Requested range not satisfiable', {
      details: `The lower boundary must be lower than or equal to the upper boundary in the Range header.`,
    });
  }
  return last === undefined ? { offset } : { offset, last };
}

/** The schema a request targets, validated against the exposed schemas (PostgREST 12's PGRST106). */
export function pickSchema(headers: Headers, method: string, schemas: string[]): string {
  const header = method === 'GET' || method === 'HEAD' ? 'accept-profile' : 'content-profile';
  const requested = headers.get(header);
  const schema = requested === null || requested === '' ? schemas[0]! : requested;
  if (!schemas.includes(schema)) throw pgrstError('PGRST106', { message: `The schema must be one of the following: ${schemas.join(', ')}` });
  return schema;
}
