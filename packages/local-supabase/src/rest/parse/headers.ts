/** Prefer, Accept, Range and profile headers. */
import type { MediaType, Preferences, RangeSpec } from '../ast.ts';
import { RestError, parseError } from '../errors.ts';

export function parsePrefer(headers: Headers): Preferences {
  const prefs: Preferences = { applied: [] };
  const all = headers.get('prefer') ?? '';
  const strict = /(^|,)\s*handling\s*=\s*strict\s*(,|$)/.test(all);
  for (const piece of all.split(',')) {
    const token = piece.trim();
    if (!token) continue;
    const eq = token.indexOf('=');
    const key = (eq >= 0 ? token.slice(0, eq) : token).trim().toLowerCase();
    const value = (eq >= 0 ? token.slice(eq + 1) : '').trim();
    let ok = true;
    switch (key) {
      case 'return':
        if (value === 'minimal' || value === 'representation' || value === 'headers-only') prefs.return = value;
        else ok = false;
        break;
      case 'count':
        if (value === 'exact' || value === 'planned' || value === 'estimated') prefs.count = value;
        else ok = false;
        break;
      case 'resolution':
        if (value === 'merge-duplicates' || value === 'ignore-duplicates') prefs.resolution = value;
        else ok = false;
        break;
      case 'missing':
        if (value === 'default' || value === 'null') prefs.missing = value;
        else ok = false;
        break;
      case 'tx':
        if (value === 'commit' || value === 'rollback') prefs.tx = value;
        else ok = false;
        break;
      case 'handling':
        if (value === 'strict' || value === 'lenient') prefs.handling = value;
        else ok = false;
        break;
      case 'max-affected':
        if (/^\d{1,15}$/.test(value)) prefs.maxAffected = Number(value);
        else ok = false;
        break;
      case 'params':
        if (value === 'single-object') prefs.params = value;
        else ok = false;
        break;
      default:
        ok = false;
    }
    if (ok) prefs.applied.push(`${key}=${value}`);
    else if (strict) {
      throw new RestError(400, 'PGRST122', `Invalid preferences given with handling=strict`, { details: `Invalid preferences: ${token}` });
    }
  }
  return prefs;
}

/** Choose the response media type from Accept (first acceptable entry by q, then order). */
export function negotiateMedia(accept: string | null): MediaType {
  if (!accept || accept.trim() === '') return 'json';
  const entries = accept
    .split(',')
    .map((part, index) => {
      const [type = '', ...params] = part.split(';').map((s) => s.trim());
      const qParam = params.find((p) => p.startsWith('q='));
      const q = qParam ? Number(qParam.slice(2)) : 1;
      return { type: type.toLowerCase(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((e) => e.type && e.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { type } of entries) {
    if (type === 'application/json' || type === '*/*' || type === 'application/*') return 'json';
    if (type === 'application/vnd.pgrst.object+json' || type === 'application/vnd.pgrst.object') return 'object';
    if (type === 'text/csv') return 'csv';
  }
  throw new RestError(406, 'PGRST107', `None of these media types are available: ${accept}`);
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

/** The schema a request targets, validated against the exposed schemas. */
export function pickSchema(headers: Headers, method: string, schemas: string[]): string {
  const header = method === 'GET' || method === 'HEAD' ? 'accept-profile' : 'content-profile';
  const requested = headers.get(header);
  const schema = requested === null || requested === '' ? schemas[0]! : requested;
  if (!schemas.includes(schema)) {
    throw new RestError(406, 'PGRST106', `Invalid schema: ${schema}`, {
      hint: `Only the following schemas are exposed: ${schemas.join(', ')}`,
    });
  }
  return schema;
}
