/** Shared planner state: bound parameters, table aliases, the schema cache. */
import type { FieldPath } from '../ast.ts';
import { unknownColumn } from '../errors.ts';
import { quoteIdent, relationKey, type Relation, type SchemaCache } from '../schema-cache.ts';

export class PlanContext {
  readonly params: unknown[] = [];
  /** Embed paths the select list produced (to reject filters on embeds that are not selected). */
  readonly visitedPaths = new Set<string>();
  private aliasCounter = 0;

  constructor(
    readonly cache: SchemaCache,
    readonly schema: string,
  ) {}

  /** Bind a value; returns its placeholder. Values never become SQL text. */
  bind(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  nextAlias(): string {
    return `t${this.aliasCounter++}`;
  }
}

export const qi = quoteIdent;

export function qualified(rel: { schema: string; name: string }): string {
  return `${qi(rel.schema)}.${qi(rel.name)}`;
}

/** A relation whose rows the planner reads: a table/view, or the rows an RPC returns. */
export interface RowSource {
  relation: Relation;
  /** When false (e.g. `setof record`), only `*` may be selected and nothing filtered. */
  columnsKnown: boolean;
}

/**
 * Check a column against the cache and return its quoted reference. A name that is no column but
 * a computed field (`fn(relation_row) returns scalar`) becomes the call `fn(alias)`.
 */
export function columnRef(source: RowSource, alias: string, column: string, cache?: SchemaCache): string {
  if (source.relation.columns.has(column)) return `${alias}.${qi(column)}`;
  const computed = cache?.computedFields.get(relationKey(source.relation.schema, source.relation.name))?.get(column);
  if (computed && source.relation.kind !== 'composite') return `${qualified(computed)}(${alias}::${qualified(source.relation)})`;
  throw unknownColumn(source.relation.name, column);
}

/** `alias."col"->'a'->>'b'` with keys bound as parameters. */
export function fieldExpr(ctx: PlanContext, source: RowSource, alias: string, path: FieldPath): string {
  let sql = columnRef(source, alias, path.column, ctx.cache);
  for (const step of path.json) {
    const key = /^-?\d+$/.test(step.key) ? String(Number.parseInt(step.key, 10)) : `${ctx.bind(step.key)}::text`;
    sql = `(${sql}${step.arrow}${key})`;
  }
  return sql;
}

/** The output name of a field: alias, else the last JSON key, else the column. */
export function fieldName(path: FieldPath, alias?: string): string {
  if (alias) return alias;
  const last = path.json[path.json.length - 1];
  return last ? last.key : path.column;
}
