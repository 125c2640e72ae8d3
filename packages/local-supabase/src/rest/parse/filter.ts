/**
 * Filter values (`[not.]op[(modifier)].value`), logic trees (`or=(a.eq.1,and(b.gt.2,c.lt.3))`)
 * and `order=` terms.
 */
import { FILTER_OPERATORS, type Filter, type FilterOperator, type FilterValue, type IsValue, type LogicTree, type OrderTerm } from '../ast.ts';
import { parseError } from '../errors.ts';
import { parseFieldPath, parseName } from './select.ts';
import { splitTopLevel, unquote } from './split.ts';

const OPERATORS = new Set<string>(FILTER_OPERATORS);
const QUANTIFIABLE = new Set<FilterOperator>(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'like', 'ilike', 'match', 'imatch']);
const FTS = new Set<FilterOperator>(['fts', 'plfts', 'phfts', 'wfts']);
const IS_VALUES: Record<string, IsValue> = { null: 'null', not_null: 'not_null', true: 'true', false: 'false', unknown: 'unknown' };
const FTS_CONFIG = /^[A-Za-z_][A-Za-z0-9_]*$/;

function filterFail(text: string, detail: string): never {
  throw parseError(`"failed to parse filter (${text})"`, detail);
}

/** `(a,"b,c",d)` → ['a', 'b,c', 'd']. */
export function parseList(raw: string, context: string): string[] {
  const text = raw.trim();
  if (!text.startsWith('(') || !text.endsWith(')')) filterFail(context, 'a list must be wrapped in parentheses: in.(a,b)');
  const inner = text.slice(1, -1);
  if (inner.trim() === '') return [];
  return splitTopLevel(inner, ',', 'filter').map((item) => unquote(item.trim()));
}

/**
 * `[not.]op[(modifier)].value` for a field. `inLogic` = inside or=/and=, where values may be
 * double-quoted to protect `,` `.` `(` `)`.
 */
export function parseOperation(field: string, raw: string, inLogic: boolean): Omit<Filter, 'path' | 'kind'> {
  const context = `${field}=${raw}`;
  let rest = raw;
  let negate = false;
  if (rest.startsWith('not.')) {
    negate = true;
    rest = rest.slice(4);
  }
  const m = /^([a-z]+)(?:\(([^)]*)\))?\.(.*)$/s.exec(rest);
  if (!m) filterFail(context, 'expected operator.value, e.g. eq.1');
  const op = m[1]!;
  const modifier = m[2];
  let value = m[3]!;
  if (!OPERATORS.has(op)) filterFail(context, `unknown operator "${op}"`);
  const operator = op as FilterOperator;
  const result: Omit<Filter, 'path' | 'kind'> = { negate, operator, value: { kind: 'scalar', value: '' } };
  if (modifier !== undefined) {
    if (FTS.has(operator)) {
      if (!FTS_CONFIG.test(modifier)) filterFail(context, `invalid text search configuration "${modifier}"`);
      result.ftsConfig = modifier;
    } else if (QUANTIFIABLE.has(operator) && (modifier === 'any' || modifier === 'all')) {
      result.quantifier = modifier;
    } else {
      filterFail(context, `unexpected modifier "(${modifier})" for ${operator}`);
    }
  }
  let parsed: FilterValue;
  if (operator === 'in') {
    parsed = { kind: 'list', values: parseList(value, context) };
  } else if (operator === 'is') {
    const isValue = IS_VALUES[value.toLowerCase()];
    if (!isValue) filterFail(context, 'is accepts null, not_null, true, false or unknown');
    parsed = { kind: 'is', value: isValue };
  } else if (result.quantifier) {
    const body = value.trim();
    if (!body.startsWith('{') || !body.endsWith('}')) filterFail(context, `${operator}(${result.quantifier}) expects a list: {a,b}`);
    parsed = { kind: 'list', values: splitTopLevel(body.slice(1, -1), ',', 'filter').map((v) => unquote(v.trim())) };
  } else {
    if (inLogic) value = unquote(value);
    parsed = { kind: 'scalar', value };
  }
  result.value = parsed;
  return result;
}

/** A single `field.op.value` inside a logic tree. */
function parseLogicFilter(item: string): Filter {
  // The field ends at the first "." followed by a known [not.]operator.
  for (let dot = item.indexOf('.'); dot > 0; dot = item.indexOf('.', dot + 1)) {
    const rest = item.slice(dot + 1);
    const m = /^(?:not\.)?([a-z]+)(?:\([^)]*\))?\./.exec(rest);
    if (m && OPERATORS.has(m[1]!)) {
      const field = item.slice(0, dot);
      return { kind: 'filter', path: parseFieldPath(field, item), ...parseOperation(field, rest, true) };
    }
  }
  filterFail(item, 'expected field.operator.value');
}

/** The value of `or=` / `and=` (with its parentheses), parsed into a tree. */
export function parseLogic(operator: 'and' | 'or', negate: boolean, raw: string, depth = 0): LogicTree {
  if (depth > 16) filterFail(raw, 'logic nested too deeply');
  const text = raw.trim();
  if (!text.startsWith('(') || !text.endsWith(')')) filterFail(raw, `${operator} expects parenthesised conditions: ${operator}=(a.eq.1,b.eq.2)`);
  const children: (LogicTree | Filter)[] = [];
  for (const piece of splitTopLevel(text.slice(1, -1), ',', 'logic tree')) {
    const item = piece.trim();
    if (!item) filterFail(raw, 'empty condition');
    const nested = /^(not\.)?(and|or)(\(.*\))$/s.exec(item);
    if (nested) {
      children.push(parseLogic(nested[2] as 'and' | 'or', Boolean(nested[1]), nested[3]!, depth + 1));
    } else {
      children.push(parseLogicFilter(item));
    }
  }
  return { kind: 'logic', operator, negate, children };
}

/** `created_at.desc,name.asc.nullsfirst,data->>x`. */
export function parseOrder(raw: string): OrderTerm[] {
  const terms: OrderTerm[] = [];
  for (const piece of splitTopLevel(raw, ',', 'order')) {
    const parts = piece.trim().split('.');
    const term: Partial<OrderTerm> = {};
    while (parts.length > 1) {
      const last = parts[parts.length - 1]!;
      if ((last === 'asc' || last === 'desc') && term.direction === undefined && term.nulls === undefined) term.direction = last;
      else if ((last === 'nullsfirst' || last === 'nullslast') && term.nulls === undefined) term.nulls = last === 'nullsfirst' ? 'first' : 'last';
      else if ((last === 'asc' || last === 'desc') && term.direction === undefined) term.direction = last;
      else break;
      parts.pop();
    }
    const fieldText = parts.join('.');
    if (!fieldText) throw parseError(`"failed to parse order (${raw})"`, 'missing column');
    // `embed(column)`: order by a column of a to-one embed.
    const related = /^([^()]+)\(([^()]+)\)$/su.exec(fieldText);
    if (fieldText.includes('(') && !related) throw parseError(`"failed to parse order (${raw})"`, `unexpected "(" in "${fieldText}"`);
    if (related) terms.push({ relation: parseName(related[1]!, raw), path: parseFieldPath(related[2]!, raw), ...term });
    else terms.push({ path: parseFieldPath(fieldText, raw), ...term });
  }
  return terms;
}

/** A non-negative integer for limit/offset. */
export function parseCount(name: string, raw: string): number {
  if (!/^\d{1,15}$/.test(raw.trim())) throw parseError(`"failed to parse ${name} parameter (${raw})"`, `${name} must be a non-negative integer`);
  return Number(raw.trim());
}
