/**
 * URL query string → ReadQuery (select + per-level filters/logic/order/paging), plus the write
 * parameters (columns, on_conflict) and, for GET RPC, the function arguments.
 */
import { FILTER_OPERATORS, emptyLevel, type QueryLevel, type ReadQuery } from '../ast.ts';
import { parseError } from '../errors.ts';
import { parseCount, parseLogic, parseOperation, parseOrder } from './filter.ts';
import { parseFieldPath, parseName, parseSelect } from './select.ts';
import { splitTopLevel } from './split.ts';

export interface ParsedQuery {
  read: ReadQuery;
  columns?: string[];
  onConflict?: string[];
  /** GET/HEAD RPC: parameters that are not filters become arguments (repeated keys → arrays). */
  rpcArgs: Map<string, string[]>;
}

const SPECIAL = ['order', 'limit', 'offset', 'or', 'and', 'not.or', 'not.and'] as const;

function levelOf(levels: Map<string, QueryLevel>, path: string): QueryLevel {
  let level = levels.get(path);
  if (!level) {
    level = emptyLevel();
    levels.set(path, level);
  }
  return level;
}

function parseNameList(raw: string, what: string): string[] {
  return splitTopLevel(raw, ',', what).map((n) => parseName(n, `${what}=${raw}`));
}

/** Does `value` look like `[not.]op[(mod)].…` for a known operator? */
function looksLikeFilter(value: string): boolean {
  const m = /^(?:not\.)?([a-z]+)(?:\([^)]*\))?\./.exec(value);
  return m !== null && (FILTER_OPERATORS as readonly string[]).includes(m[1]!);
}

/**
 * @param rpcArgNames for GET/HEAD RPC: a parameter whose key is an argument name of the function
 *   is an argument, not a filter (as PostgREST decides).
 */
export function parseQuery(params: URLSearchParams, options: { rpcArgNames?: Set<string> } = {}): ParsedQuery {
  const levels = new Map<string, QueryLevel>([['', emptyLevel()]]);
  const rpcArgs = new Map<string, string[]>();
  const result: ParsedQuery = { read: { select: parseSelect(params.get('select')), levels }, rpcArgs };
  if (params.getAll('select').length > 1) throw parseError('"failed to parse select parameter"', 'select given more than once');

  for (const [key, value] of params) {
    if (key === 'select') continue;
    if (key === 'columns') {
      result.columns = parseNameList(value, 'columns');
      continue;
    }
    if (key === 'on_conflict') {
      result.onConflict = parseNameList(value, 'on_conflict');
      continue;
    }
    if (options.rpcArgNames && (options.rpcArgNames.has(key) || (!looksLikeFilter(value) && !SPECIAL.some((s) => key === s || key.endsWith(`.${s}`))))) {
      const list = rpcArgs.get(key) ?? [];
      list.push(value);
      rpcArgs.set(key, list);
      continue;
    }
    const special = SPECIAL.find((s) => key === s || key.endsWith(`.${s}`));
    // "not.or" ends with ".or": prefer the longest match.
    const kind = special === 'or' && (key === 'not.or' || key.endsWith('.not.or')) ? 'not.or' : special === 'and' && (key === 'not.and' || key.endsWith('.not.and')) ? 'not.and' : special;
    if (kind) {
      const path = key === kind ? '' : key.slice(0, -(kind.length + 1));
      validateEmbedPath(path, key);
      const level = levelOf(levels, path);
      if (kind === 'order') level.order.push(...parseOrder(value));
      else if (kind === 'limit') level.limit = parseCount('limit', value);
      else if (kind === 'offset') level.offset = parseCount('offset', value);
      else level.logic.push(parseLogic(kind.endsWith('or') ? 'or' : 'and', kind.startsWith('not.'), value));
      continue;
    }
    // A filter: [embed.path.]column[->json…]=op.value
    const arrow = key.indexOf('->');
    const head = arrow >= 0 ? key.slice(0, arrow) : key;
    const tail = arrow >= 0 ? key.slice(arrow) : '';
    const segments = head.split('.');
    const column = segments.pop()!;
    const path = segments.join('.');
    validateEmbedPath(path, key);
    const fieldText = column + tail;
    const fieldPath = parseFieldPath(fieldText, `${key}=${value}`);
    levelOf(levels, path).filters.push({ kind: 'filter', path: fieldPath, ...parseOperation(fieldText, value, false) });
  }
  return result;
}

function validateEmbedPath(path: string, key: string): void {
  if (path === '') return;
  for (const segment of path.split('.')) parseName(segment, key);
}
