/**
 * Read planning: select lists (columns, casts, JSON paths, embeds as correlated subqueries),
 * WHERE (filters, logic trees, !inner and embed null-filters), ORDER BY and paging.
 * Every identifier comes from the schema cache; every value is a bound parameter.
 */
import type { AggregateFunction, EmbedItem, Filter, LogicTree, OrderTerm, QueryLevel, ReadQuery, SelectItem } from '../ast.ts';
import { emptyLevel } from '../ast.ts';
import { RestError, aggregatesNotAllowed, notEmbedded, notImplemented, relatedOrderNotToOne, unacceptableFilter } from '../errors.ts';
import { resolveCast } from '../schema-cache.ts';
import { PlanContext, fieldExpr, fieldName, qi, qualified, type RowSource } from './context.ts';
import { isToOne, resolveRelationship, type Relationship } from './relationships.ts';

const COMPARISON: Record<string, string> = {
  eq: '=',
  neq: '<>',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
  like: 'LIKE',
  ilike: 'ILIKE',
  match: '~',
  imatch: '~*',
  cs: '@>',
  cd: '<@',
  ov: '&&',
  sl: '<<',
  sr: '>>',
  nxr: '&<',
  nxl: '&>',
  adj: '-|-',
};
const FTS: Record<string, string> = { fts: 'to_tsquery', plfts: 'plainto_tsquery', phfts: 'phraseto_tsquery', wfts: 'websearch_to_tsquery' };

/** A Postgres array literal with every element quoted: `{"a","b,c"}`. */
export function arrayLiteral(values: string[]): string {
  return `{${values.map((v) => `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}

export interface PlannedEmbed {
  item: EmbedItem;
  outputName: string;
  relationship: Relationship;
  /** `FROM … WHERE join AND filters` of the embed (for EXISTS). */
  fromWhere: string;
  target: RowSource;
  targetAlias: string;
}

export interface PlannedSelect {
  /** The rendered select list (one entry). */
  columns: string[];
  /** ` GROUP BY …` when the level has aggregates, else ''. */
  groupBy: string;
  /** Conditions the parent must meet (`!inner`, `embed=not.is.null`). */
  parentConditions: string[];
}

function levelAt(query: ReadQuery, path: string): QueryLevel {
  return query.levels.get(path) ?? emptyLevel();
}

function filterSql(ctx: PlanContext, source: RowSource, alias: string, f: Filter): string {
  const lhs = fieldExpr(ctx, source, alias, f.path);
  let sql: string;
  const v = f.value;
  if (f.operator === 'is') {
    if (v.kind !== 'is') throw new RestError(400, 'PGRST100', 'invalid is filter');
    const word = { null: 'NULL', not_null: 'NOT NULL', true: 'TRUE', false: 'FALSE', unknown: 'UNKNOWN' }[v.value];
    sql = `${lhs} IS ${word}`;
  } else if (f.operator === 'in') {
    if (v.kind !== 'list') throw new RestError(400, 'PGRST100', 'invalid in filter');
    sql = v.values.length === 0 ? 'FALSE' : `${lhs} = ANY(${ctx.bind(arrayLiteral(v.values))})`;
  } else if (f.operator === 'isdistinct') {
    sql = `${lhs} IS DISTINCT FROM ${ctx.bind(v.kind === 'scalar' ? v.value : '')}`;
  } else if (FTS[f.operator]) {
    const fn = FTS[f.operator]!;
    const value = ctx.bind(v.kind === 'scalar' ? v.value : '');
    sql = f.ftsConfig ? `${lhs} @@ ${fn}(${ctx.bind(f.ftsConfig)}::regconfig, ${value})` : `${lhs} @@ ${fn}(${value})`;
  } else {
    const op = COMPARISON[f.operator];
    if (!op) throw new RestError(400, 'PGRST100', `unknown operator ${f.operator}`);
    const likeish = f.operator === 'like' || f.operator === 'ilike';
    if (f.quantifier) {
      const values = v.kind === 'list' ? v.values : [];
      sql = `${lhs} ${op} ${f.quantifier.toUpperCase()}(${ctx.bind(arrayLiteral(likeish ? values.map((x) => x.replaceAll('*', '%')) : values))})`;
    } else {
      const raw = v.kind === 'scalar' ? v.value : '';
      sql = `${lhs} ${op} ${ctx.bind(likeish ? raw.replaceAll('*', '%') : raw)}`;
    }
  }
  return f.negate ? `NOT (${sql})` : sql;
}

function logicSql(ctx: PlanContext, source: RowSource, alias: string, tree: LogicTree): string {
  if (tree.children.length === 0) return tree.negate ? 'FALSE' : 'TRUE';
  const parts = tree.children.map((c) => (c.kind === 'logic' ? logicSql(ctx, source, alias, c) : filterSql(ctx, source, alias, c)));
  const joined = `(${parts.join(tree.operator === 'or' ? ' OR ' : ' AND ')})`;
  return tree.negate ? `NOT ${joined}` : joined;
}

export function orderSql(ctx: PlanContext, source: RowSource, alias: string, terms: OrderTerm[], embeds: PlannedEmbed[] = []): string {
  if (terms.length === 0) return '';
  const parts = terms.map((t) => {
    let s: string;
    if (t.relation !== undefined) {
      // A column of a to-one embed of this level (PostgREST's related order).
      const embed = embeds.find((e) => e.outputName === t.relation);
      if (!embed) throw notEmbedded(t.relation);
      if (!isToOne(embed.relationship)) throw relatedOrderNotToOne(source.relation.name, t.relation);
      s = `(SELECT ${fieldExpr(ctx, embed.target, embed.targetAlias, t.path)} ${embed.fromWhere} LIMIT 1)`;
    } else {
      s = fieldExpr(ctx, source, alias, t.path);
    }
    if (t.direction) s += t.direction === 'desc' ? ' DESC' : ' ASC';
    if (t.nulls) s += t.nulls === 'first' ? ' NULLS FIRST' : ' NULLS LAST';
    return s;
  });
  return ` ORDER BY ${parts.join(', ')}`;
}

export function pagingSql(ctx: PlanContext, limit?: number, offset?: number): string {
  let s = '';
  if (limit !== undefined) s += ` LIMIT ${ctx.bind(limit)}::bigint`;
  if (offset !== undefined && offset > 0) s += ` OFFSET ${ctx.bind(offset)}::bigint`;
  return s;
}

/**
 * WHERE conditions of one level. Filters whose field is an embed name at this level (`centers=is.null`)
 * become EXISTS / NOT EXISTS on that embed.
 */
export function whereConditions(ctx: PlanContext, source: RowSource, alias: string, level: QueryLevel, embeds: PlannedEmbed[] = []): string[] {
  const conds: string[] = [];
  for (const f of level.filters) {
    const embed = embeds.find((e) => e.outputName === f.path.column && f.path.json.length === 0);
    if (embed && !source.relation.columns.has(f.path.column)) {
      if (f.operator !== 'is' || f.value.kind !== 'is' || (f.value.value !== 'null' && f.value.value !== 'not_null')) throw unacceptableFilter(f.path.column);
      const wantsNull = (f.value.value === 'null') !== f.negate;
      conds.push(`${wantsNull ? 'NOT ' : ''}EXISTS (SELECT 1 ${embed.fromWhere})`);
      continue;
    }
    if (!source.columnsKnown) throw new RestError(400, 'PGRST100', 'Filters are not supported on this function result');
    conds.push(filterSql(ctx, source, alias, f));
  }
  for (const tree of level.logic) conds.push(logicSql(ctx, source, alias, tree));
  return conds;
}

function joinConditions(rel: Relationship, parentAlias: string, targetAlias: string, junctionAlias?: string): { from: string; conds: string[] } {
  if (rel.computed) {
    // fn(parent_row): the parent row cast to the function's argument type (a mutation's rows are records).
    const fn = qualified({ schema: rel.computed.schema, name: rel.computed.name });
    const rowType = qualified({ schema: rel.computed.from.schema, name: rel.computed.from.name });
    return { from: `${fn}(${parentAlias}::${rowType}) ${targetAlias}`, conds: [] };
  }
  if (rel.junction && junctionAlias) {
    const j = rel.junction;
    return {
      from: `${qualified(rel.target)} ${targetAlias}, ${qualified(j.relation)} ${junctionAlias}`,
      conds: [
        ...j.parentPairs.map(([p, jc]) => `${junctionAlias}.${qi(jc)} = ${parentAlias}.${qi(p)}`),
        ...j.targetPairs.map(([jc, t]) => `${junctionAlias}.${qi(jc)} = ${targetAlias}.${qi(t)}`),
      ],
    };
  }
  return { from: `${qualified(rel.target)} ${targetAlias}`, conds: rel.pairs.map(([p, t]) => `${targetAlias}.${qi(t)} = ${parentAlias}.${qi(p)}`) };
}

/**
 * One output column of a level. Aggregates stay separate from the value they aggregate, so a
 * to-one spread can hoist them to its parent (PostgREST's hoistSpreadAggFunctions).
 */
export interface SelectColumn {
  /** The value's SQL; undefined for `count()` (count the rows of this level). */
  expr: string | undefined;
  name: string;
  aggregate?: AggregateFunction;
  /** Resolved SQL type applied to the aggregate's result. */
  aggregateCast?: string;
  /** `alias.*` over a function whose columns are unknown: rendered as is. */
  raw?: boolean;
}

function renderColumn(col: SelectColumn): string {
  if (col.raw) return col.expr ?? 'NULL';
  let value = col.expr;
  if (col.aggregate) {
    value = `${col.aggregate.toUpperCase()}(${value ?? '*'})`;
    if (col.aggregateCast) value = `(${value})::${col.aggregateCast}`;
  }
  return `${value ?? 'NULL'} AS ${qi(col.name)}`;
}

/**
 * The rendered select list and the GROUP BY PostgREST derives: when any column of the level is
 * an aggregate, every other column (fields, embeds, spread fields) is grouped on, by position.
 */
export function renderSelect(cols: SelectColumn[]): { list: string; groupBy: string } {
  const grouping = cols.some((c) => c.aggregate);
  if (grouping && cols.some((c) => c.raw)) throw new RestError(400, 'PGRST100', 'Aggregates need the columns of the function result to be known');
  const list = cols.map((c) => renderColumn(c)).join(', ');
  const positions = grouping ? cols.flatMap((c, i) => (c.aggregate ? [] : [String(i + 1)])) : [];
  return { list: list || 'NULL', groupBy: positions.length ? ` GROUP BY ${positions.join(', ')}` : '' };
}

/**
 * The select list of one level over `alias`. `path` is the embed path of this level ("" at the top).
 */
export function planSelect(ctx: PlanContext, source: RowSource, alias: string, items: SelectItem[], query: ReadQuery, path: string): PlannedSelect & { embeds: PlannedEmbed[] } {
  const cols = planColumns(ctx, source, alias, items, query, path);
  const rendered = renderSelect(cols.columns);
  return { columns: [rendered.list], groupBy: rendered.groupBy, parentConditions: cols.parentConditions, embeds: cols.embeds };
}

function planColumns(ctx: PlanContext, source: RowSource, alias: string, items: SelectItem[], query: ReadQuery, path: string): { columns: SelectColumn[]; parentConditions: string[]; embeds: PlannedEmbed[] } {
  const columns: SelectColumn[] = [];
  const parentConditions: string[] = [];
  const embeds: PlannedEmbed[] = [];
  for (const item of items) {
    if (item.kind === 'star') {
      if (!source.columnsKnown) {
        columns.push({ expr: `${alias}.*`, name: '*', raw: true });
        continue;
      }
      for (const col of source.relation.columnOrder) columns.push({ expr: `${alias}.${qi(col)}`, name: col });
      continue;
    }
    if (item.kind === 'field') {
      if (item.aggregate && !ctx.cache.settings.aggregatesEnabled) throw aggregatesNotAllowed();
      const countAll = item.aggregate === 'count' && item.path.column === '*';
      if (!source.columnsKnown && !countAll) throw new RestError(400, 'PGRST100', 'Only select=* is supported on this function result');
      let expr = countAll ? undefined : fieldExpr(ctx, source, alias, item.path);
      if (item.cast && expr !== undefined) expr = `(${expr})::${castSql(ctx, item.cast)}`;
      columns.push({
        expr,
        name: item.aggregate ? (item.alias ?? item.aggregate) : fieldName(item.path, item.alias),
        ...(item.aggregate ? { aggregate: item.aggregate } : {}),
        ...(item.aggregateCast ? { aggregateCast: castSql(ctx, item.aggregateCast) } : {}),
      });
      continue;
    }
    // Embed
    if (!source.columnsKnown) throw new RestError(400, 'PGRST100', 'Embedding is not supported on this function result');
    const rel = resolveRelationship(ctx.cache, source.relation, item);
    const outputName = item.alias ?? item.name;
    const childPath = path === '' ? outputName : `${path}.${outputName}`;
    ctx.visitedPaths.add(childPath);
    const level = levelAt(query, childPath);
    const targetAlias = ctx.nextAlias();
    const junctionAlias = rel.junction ? ctx.nextAlias() : undefined;
    const target: RowSource = { relation: rel.target, columnsKnown: true };
    const join = joinConditions(rel, alias, targetAlias, junctionAlias);
    const child = planColumns(ctx, target, targetAlias, item.select, query, childPath);
    const conds = [...join.conds, ...whereConditions(ctx, target, targetAlias, level, child.embeds), ...child.parentConditions];
    const fromWhere = `FROM ${join.from} WHERE ${conds.length ? conds.join(' AND ') : 'TRUE'}`;
    const planned: PlannedEmbed = { item, outputName, relationship: rel, fromWhere, target, targetAlias };
    embeds.push(planned);
    if (item.join === 'inner') parentConditions.push(`EXISTS (SELECT 1 ${fromWhere})`);
    // An embed without fields (`users()`) only filters; nothing is output.
    if (child.columns.length === 0) continue;
    const toOne = isToOne(rel);
    if (item.spread && toOne) {
      // Each spread column reads the one related row; its aggregates are hoisted to this level.
      for (const col of child.columns) {
        if (col.raw) throw new RestError(400, 'PGRST100', 'Spread needs known columns');
        columns.push({ ...col, expr: `(SELECT ${col.expr ?? '1'} ${fromWhere} LIMIT 1)` });
      }
      continue;
    }
    const order = orderSql(ctx, target, targetAlias, level.order, child.embeds);
    const paging = pagingSql(ctx, level.limit, level.offset);
    if (item.spread) {
      // To-many spread (PostgREST 13): every column becomes the array of its values, in one order.
      if (child.columns.some((c) => c.aggregate)) throw notImplemented('Aggregates are not implemented for one-to-many or many-to-many spreads.');
      const inner = renderSelect(child.columns).list;
      for (const col of child.columns) {
        columns.push({ expr: `(SELECT coalesce(json_agg(_e.${qi(col.name)})::jsonb, '[]') FROM (SELECT ${inner} ${fromWhere}${order}${paging}) _e)`, name: col.name });
      }
      continue;
    }
    // Embeds are jsonb, as PostgREST builds them (`row_to_json(…)::jsonb`, `json_agg(…)::jsonb`): the
    // same key order and spacing in the body, and GROUP BY can compare them.
    const inner = renderSelect(child.columns);
    if (toOne) {
      columns.push({ expr: `(SELECT row_to_json(_e)::jsonb FROM (SELECT ${inner.list} ${fromWhere}${inner.groupBy} LIMIT 1) _e)`, name: outputName });
    } else {
      columns.push({ expr: `(SELECT coalesce(json_agg(_e)::jsonb, '[]') FROM (SELECT ${inner.list} ${fromWhere}${inner.groupBy}${order}${paging}) _e)`, name: outputName });
    }
  }
  return { columns, parentConditions, embeds };
}

function castSql(ctx: PlanContext, cast: string): string {
  const sql = resolveCast(ctx.cache, cast);
  if (!sql) throw new RestError(400, '42704', `type "${cast}" does not exist`);
  return sql;
}

/** Every level in the query string must name an embed of the select (PGRST108 otherwise). */
export function checkLevelsVisited(ctx: PlanContext, query: ReadQuery): void {
  for (const [path, level] of query.levels) {
    if (path === '' || ctx.visitedPaths.has(path)) continue;
    const used = level.filters.length > 0 || level.logic.length > 0 || level.order.length > 0 || level.limit !== undefined || level.offset !== undefined;
    if (used) {
      throw notEmbedded(path);
    }
  }
}
