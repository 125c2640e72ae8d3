/**
 * The `select=` grammar:
 *   items   := item ("," item)*
 *   item    := "*" | spread | embed | field
 *   field   := [alias ":"] (path ["::" type] ["." agg "()"] | "count()") ["::" type]
 *   agg     := "count" | "sum" | "avg" | "min" | "max"
 *   path    := name (("->" | "->>") key)*
 *   embed   := [alias ":"] name ("!" hint)* "(" items? ")"     (`name()` = embed without fields)
 *   spread  := "..." name ("!" hint)* "(" items? ")"
 * `count()` is always the aggregate, never an embed named count (as PostgREST decides).
 */
import type { AggregateFunction, EmbedItem, FieldItem, FieldPath, JsonStep, SelectItem } from '../ast.ts';
import { parseError } from '../errors.ts';
import { splitTopLevel, unquote } from './split.ts';

const MAX_DEPTH = 16;

/** A bare name: no separators or operators. Quoted names may contain anything but a quote. */
const NAME = /^(?:"(?:[^"\\]|\\.)+"|[^\s,.:()!"'\-<>=;*/\\]+)$/u;
const CAST = /^[A-Za-z_][A-Za-z0-9_ ]*(\[\])?$/;
/** An item that is a field with an aggregate (it contains "()" but is not an embed). */
const AGGREGATE_ITEM = /^(?:[^:()]+:(?!:))?(?:count\(\)|[^()]*\.(?:count|sum|avg|min|max)\(\))(?:::[^()]*)?$/su;
const AGGREGATE_TAIL = /^(.*)\.(count|sum|avg|min|max)\(\)(?:::(.*))?$/su;

function fail(text: string, detail: string): never {
  throw parseError(`"failed to parse select parameter (${text})"`, detail);
}

export function parseName(raw: string, context: string): string {
  const name = raw.trim();
  if (!name || !NAME.test(name)) fail(context, `unexpected name "${raw}"`);
  return unquote(name);
}

/** `col->a->>b` (also used by filters and order). */
export function parseFieldPath(raw: string, context: string): FieldPath {
  const text = raw.trim();
  const pieces = text.split(/(->>|->)/);
  const column = parseName(pieces[0] ?? '', context);
  const json: JsonStep[] = [];
  for (let i = 1; i < pieces.length; i += 2) {
    const arrow = pieces[i] as '->' | '->>';
    const key = (pieces[i + 1] ?? '').trim();
    if (!key) fail(context, `missing json key after "${arrow}"`);
    json.push({ arrow, key: /^-?\d+$/.test(key) ? key : parseName(key, context) });
  }
  return { column, json };
}

function parseField(item: string, context: string): FieldItem {
  let rest = item;
  let alias: string | undefined;
  const aliasMatch = /^([^:]+):(?!:)(.*)$/s.exec(rest);
  if (aliasMatch) {
    alias = parseName(aliasMatch[1]!, context);
    rest = aliasMatch[2]!;
  }
  let aggregate: AggregateFunction | undefined;
  let aggregateCast: string | undefined;
  const countAll = /^\s*count\(\)(?:::(.*))?$/su.exec(rest);
  const tail = countAll ? null : AGGREGATE_TAIL.exec(rest);
  if (countAll) {
    aggregate = 'count';
    aggregateCast = countAll[1];
    rest = '';
  } else if (tail) {
    rest = tail[1]!;
    aggregate = tail[2] as AggregateFunction;
    aggregateCast = tail[3];
  }
  if (aggregateCast !== undefined) {
    aggregateCast = aggregateCast.trim();
    if (!CAST.test(aggregateCast)) fail(context, `invalid cast "${aggregateCast}"`);
  }
  let cast: string | undefined;
  const castAt = rest.indexOf('::');
  if (castAt >= 0) {
    cast = rest.slice(castAt + 2).trim();
    rest = rest.slice(0, castAt);
    if (!CAST.test(cast)) fail(context, `invalid cast "${cast}"`);
  }
  const path: FieldPath = countAll ? { column: '*', json: [] } : parseFieldPath(rest, context);
  return {
    kind: 'field',
    path,
    ...(alias ? { alias } : {}),
    ...(cast ? { cast } : {}),
    ...(aggregate ? { aggregate } : {}),
    ...(aggregateCast ? { aggregateCast } : {}),
  };
}

function parseEmbed(item: string, context: string, depth: number): EmbedItem {
  const open = item.indexOf('(');
  if (!item.endsWith(')')) fail(context, `expected ")" at the end of "${item}"`);
  let head = item.slice(0, open).trim();
  const inner = item.slice(open + 1, -1);
  let spread = false;
  if (head.startsWith('...')) {
    spread = true;
    head = head.slice(3);
  }
  let alias: string | undefined;
  const aliasMatch = /^([^:!]+):(.*)$/s.exec(head);
  if (aliasMatch) {
    if (spread) fail(context, 'a spread embed cannot have an alias');
    alias = parseName(aliasMatch[1]!, context);
    head = aliasMatch[2]!;
  }
  const [nameRaw, ...modifiers] = head.split('!');
  const name = parseName(nameRaw ?? '', context);
  let hint: string | undefined;
  let join: EmbedItem['join'] = 'default';
  for (const raw of modifiers) {
    const mod = raw.trim();
    if (mod === 'inner' || mod === 'left') {
      join = mod;
    } else if (hint === undefined) {
      hint = parseName(mod, context);
    } else {
      fail(context, `unexpected "!${mod}"`);
    }
  }
  const select = inner.trim() === '' ? [] : parseSelectItems(inner, context, depth + 1);
  return { kind: 'embed', name, ...(alias ? { alias } : {}), ...(hint ? { hint } : {}), join, spread, select };
}

function parseSelectItems(text: string, context: string, depth: number): SelectItem[] {
  if (depth > MAX_DEPTH) fail(context, 'embeds nested too deeply');
  const items: SelectItem[] = [];
  for (const raw of splitTopLevel(text, ',', 'select parameter')) {
    const item = raw.trim();
    if (item === '') fail(context, 'empty select item');
    if (item === '*') {
      items.push({ kind: 'star' });
    } else if (item.includes('(') && !AGGREGATE_ITEM.test(item)) {
      items.push(parseEmbed(item, context, depth));
    } else {
      items.push(parseField(item, context));
    }
  }
  return items;
}

/** Parse a `select` parameter; absent or empty means `*`. */
export function parseSelect(text: string | null | undefined): SelectItem[] {
  if (text === null || text === undefined || text.trim() === '') return [{ kind: 'star' }];
  return parseSelectItems(text, text, 0);
}
