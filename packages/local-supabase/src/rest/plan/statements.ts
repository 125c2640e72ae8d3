/**
 * Whole statements: read, insert/upsert, update, delete and RPC. Each returns one SQL statement
 * whose single row has `total` (text|null), `page_total` (text) and `body` (text|null), the
 * JSON built inside SQL so PGlite and Postgres answer byte for byte like PostgREST.
 */
import type { MediaType, ReadQuery } from '../ast.ts';
import { emptyLevel } from '../ast.ts';
import { RestError } from '../errors.ts';
import type { FunctionInfo, Relation } from '../schema-cache.ts';
import { relationKey } from '../schema-cache.ts';
import { PlanContext, qi, qualified, type RowSource } from './context.ts';
import { checkLevelsVisited, orderSql, pagingSql, planSelect, whereConditions } from './read.ts';

export interface Statement {
  sql: string;
  params: unknown[];
  /** `SELECT 1 FROM … WHERE …` over the same parameters: what `count=planned|estimated` asks the planner about. */
  countSql?: string;
  /** An RPC's arguments object, as JSON text, is bound at this index (planRpc). */
  argsParam?: number;
}

/**
 * How to count: `exact` = count(*); `estimated` = count(*) of at most `limit` rows (db-max-rows + 1,
 * the planner's estimate decides beyond it); `planned` = no count in SQL, the planner estimates.
 */
export type CountMode = { kind: 'exact' } | { kind: 'estimated'; limit: number } | { kind: 'planned' };

export interface Paging {
  limit?: number;
  offset?: number;
}

/** The response body aggregated from the rows `alias`, in SQL, exactly as PostgREST builds it. */
function bodyExpr(media: MediaType, alias = '_r'): string {
  switch (media) {
    case 'object':
      return `coalesce((json_agg(${alias})->0)::text, 'null')`;
    case 'csv':
      // Header from the first row's keys, then each row's Postgres text form without its parentheses.
      return `(coalesce((SELECT string_agg(_k, ',') FROM json_object_keys(row_to_json((array_agg(${alias}))[1])) _k), '') || E'\\n' || coalesce(string_agg(substring(${alias}::text, 2, length(${alias}::text) - 2), E'\\n'), ''))`;
    case 'geojson':
      // PostGIS (3.0+) turns each row into a Feature; resolved through the request's search_path.
      return `json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(ST_AsGeoJSON(${alias})::json), '[]'))::text`;
    default:
      return `coalesce(json_agg(${alias}), '[]')::text`;
  }
}

function totalExpr(count: CountMode | undefined, from: string, where: string): string {
  if (!count || count.kind === 'planned') return 'NULL::text';
  if (count.kind === 'estimated') return `(SELECT count(*) FROM (SELECT 1 FROM ${from}${where} LIMIT ${Math.floor(count.limit)}) _c)::text`;
  return `(SELECT count(*) FROM ${from}${where})::text`;
}

/** SELECT over any row source (a table, a view, a function's rows). */
function readRows(ctx: PlanContext, source: RowSource, from: string, alias: string, query: ReadQuery, media: MediaType, paging: Paging, count: CountMode | undefined): { sql: string; countSql: string } {
  const top = query.levels.get('') ?? emptyLevel();
  const select = planSelect(ctx, source, alias, query.select, query, '');
  checkLevelsVisited(ctx, query);
  const conds = [...whereConditions(ctx, source, alias, top, select.embeds), ...select.parentConditions];
  const where = conds.length ? ` WHERE ${conds.join(' AND ')}` : '';
  const order = orderSql(ctx, source, alias, top.order, select.embeds);
  const page = pagingSql(ctx, paging.limit, paging.offset);
  const total = totalExpr(count, from, where);
  return {
    sql: `SELECT ${total} AS total, count(*)::text AS page_total, ${bodyExpr(media)} AS body FROM (SELECT ${select.columns.join(', ') || 'NULL'} FROM ${from}${where}${select.groupBy}${order}${page}) _r`,
    countSql: `SELECT 1 FROM ${from}${where}`,
  };
}

export function planTableRead(ctx: PlanContext, relation: Relation, query: ReadQuery, media: MediaType, paging: Paging, count: CountMode | undefined): Statement {
  const alias = ctx.nextAlias();
  const { sql, countSql } = readRows(ctx, { relation, columnsKnown: true }, `${qualified(relation)} ${alias}`, alias, query, media, paging, count);
  return { sql, params: ctx.params, countSql };
}

// ---------------------------------------------------------------- mutations

export type ReturnMode = 'minimal' | 'representation' | 'headers-only';

/** Wrap a data-modifying statement: count its rows and build the representation. */
function wrapMutation(ctx: PlanContext, relation: Relation, mutation: string, query: ReadQuery, media: MediaType, ret: ReturnMode, extraCtes = '', trackInserted = false): string {
  let body = 'NULL::text';
  if (ret === 'representation') {
    const alias = ctx.nextAlias();
    const source: RowSource = { relation, columnsKnown: true };
    const select = planSelect(ctx, source, alias, query.select, query, '');
    checkLevelsVisited(ctx, query);
    const where = select.parentConditions.length ? ` WHERE ${select.parentConditions.join(' AND ')}` : '';
    body = `(SELECT ${bodyExpr(media)} FROM (SELECT ${select.columns.join(', ') || 'NULL'} FROM pgrst_mut ${alias}${where}${select.groupBy}) _r)`;
    // Like PostgREST, RETURNING only the columns the representation reads: a column the role may not
    // select (column privileges) fails only when it is asked for.
    // A computed field or relationship passes the whole row (`fn(tN::table)`): then every column is read.
    if (!body.includes(`(${alias}::`)) {
      const read = relation.columnOrder.filter((c) => body.includes(`${alias}.${qi(c)}`));
      const narrow = (sql: string) => sql.replace(RETURNING_ALL, (_, a: string) => (read.length ? ` RETURNING ${read.map((c) => `${a}.${qi(c)}`).join(', ')}` : ' RETURNING 1'));
      mutation = narrow(mutation);
      extraCtes = narrow(extraCtes);
    }
  } else if (ret === 'headers-only' && relation.primaryKey.length > 0) {
    body = `(SELECT coalesce(json_agg(_r), '[]')::text FROM (SELECT ${relation.primaryKey.map((c) => qi(c)).join(', ')} FROM pgrst_mut) _r)`;
  }
  const inserted = trackInserted ? '(SELECT count(*) FROM pgrst_mut WHERE pgrst_inserted)::text' : 'NULL::text';
  return `WITH ${extraCtes}pgrst_mut AS (${mutation}) SELECT NULL::text AS total, (SELECT count(*) FROM pgrst_mut)::text AS page_total, ${body} AS body, ${inserted} AS inserted`;
}

/** The representation's RETURNING before wrapMutation narrows it to the columns read (an upsert's
 * inserted-flag may follow it). */
const RETURNING_ALL = / RETURNING (t\d+)\.\*(?=\)|$|,)/g;

/**
 * @param trackInserted upserts that may merge: also return whether each row was inserted (xmax = 0),
 *   for PostgREST's 201-vs-200. Only then, since reading xmax needs SELECT, which an upsert needs anyway.
 */
function returning(relation: Relation, alias: string, ret: ReturnMode, trackInserted = false): string {
  const inserted = trackInserted ? `, (${alias}.xmax::text = '0') AS pgrst_inserted` : '';
  if (ret === 'representation') return ` RETURNING ${alias}.*${inserted}`;
  if (ret === 'headers-only' && relation.primaryKey.length > 0) return ` RETURNING ${relation.primaryKey.map((c) => `${alias}.${qi(c)}`).join(', ')}${inserted}`;
  // RETURNING 1 reads no column, so tables writable but not readable (RLS) still accept the write.
  return ` RETURNING 1 AS pgrst_one${inserted}`;
}

function unknownBodyColumn(relation: Relation, column: string): RestError {
  return new RestError(400, 'PGRST204', `Could not find the '${column}' column of '${relation.name}' in the schema cache`, { cacheMiss: true });
}

export interface InsertPlan {
  rows: Record<string, unknown>[];
  /** From `columns=`; otherwise the keys of the body. */
  columns?: string[];
  onConflict?: string[];
  resolution?: 'merge-duplicates' | 'ignore-duplicates';
  missingDefault: boolean;
  ret: ReturnMode;
  media: MediaType;
  query: ReadQuery;
}

export function planInsert(ctx: PlanContext, relation: Relation, plan: InsertPlan): Statement {
  if (relation.kind === 'composite') throw new RestError(405, 'PGRST117', 'Unsupported HTTP method');
  let columns: string[];
  if (plan.columns) {
    columns = plan.columns;
  } else {
    const first = plan.rows[0] ? Object.keys(plan.rows[0]) : [];
    for (const row of plan.rows) {
      const keys = Object.keys(row);
      if (keys.length !== first.length || !keys.every((k) => first.includes(k))) {
        throw new RestError(400, 'PGRST102', 'All object keys must match');
      }
    }
    columns = first;
  }
  for (const c of columns) if (!relation.columns.has(c)) throw unknownBodyColumn(relation, c);
  let conflict = '';
  if (plan.resolution) {
    const target = plan.onConflict ?? relation.primaryKey;
    if (target.length === 0) throw new RestError(400, 'PGRST100', `Upsert on '${relation.name}' needs on_conflict or a primary key`);
    for (const c of target) if (!relation.columns.has(c)) throw new RestError(400, '42703', `column "${c}" does not exist`, { cacheMiss: true });
    const targetSql = target.map((c) => qi(c)).join(', ');
    const updatable = columns.filter((c) => !relation.columns.get(c)?.generated);
    conflict =
      plan.resolution === 'ignore-duplicates' || updatable.length === 0
        ? ` ON CONFLICT (${targetSql}) DO NOTHING`
        : ` ON CONFLICT (${targetSql}) DO UPDATE SET ${updatable.map((c) => `${qi(c)} = EXCLUDED.${qi(c)}`).join(', ')}`;
  } else if (plan.onConflict) {
    for (const c of plan.onConflict) if (!relation.columns.has(c)) throw new RestError(400, '42703', `column "${c}" does not exist`, { cacheMiss: true });
  }
  const merging = plan.resolution === 'merge-duplicates';
  // With Prefer: missing=default, rows are grouped by the keys they carry: absent keys get defaults.
  const groups: { columns: string[]; rows: Record<string, unknown>[] }[] = [];
  if (plan.missingDefault) {
    for (const row of plan.rows) {
      const present = columns.filter((c) => Object.prototype.hasOwnProperty.call(row, c));
      const sig = present.join('\u0000');
      const group = groups.find((g) => g.columns.join('\u0000') === sig);
      if (group) group.rows.push(row);
      else groups.push({ columns: present, rows: [row] });
    }
  } else {
    groups.push({ columns, rows: plan.rows });
  }
  const target = qualified(relation);
  const mutations = groups.map((g) => {
    const alias = ctx.nextAlias();
    let values: string;
    let cols: string;
    if (g.columns.length === 0) {
      const first = relation.columnOrder[0];
      if (!first) throw new RestError(400, 'PGRST204', `'${relation.name}' has no columns`);
      cols = ` (${qi(first)})`;
      values = `VALUES ${g.rows.map(() => '(DEFAULT)').join(', ')}`;
    } else {
      cols = ` (${g.columns.map((c) => qi(c)).join(', ')})`;
      const payload = ctx.bind(JSON.stringify(g.rows));
      values = `SELECT ${g.columns.map((c) => `_j.${qi(c)}`).join(', ')} FROM json_populate_recordset(NULL::${target}, ${payload}::json) _j`;
    }
    return `INSERT INTO ${target} AS ${alias}${cols} ${values}${conflict}${returning(relation, alias, plan.ret, merging)}`;
  });
  let mutation: string;
  let ctes = '';
  if (mutations.length === 1) {
    mutation = mutations[0]!;
  } else if (mutations.length === 0) {
    mutation = `SELECT *${merging ? ', false AS pgrst_inserted' : ''} FROM ${target} WHERE FALSE`;
  } else {
    // Several data-modifying CTEs (they must sit at the top level), concatenated in body order.
    ctes = mutations.map((m, i) => `pgrst_ins${i} AS (${m}), `).join('');
    mutation = mutations.map((_, i) => `SELECT * FROM pgrst_ins${i}`).join(' UNION ALL ');
  }
  return { sql: wrapMutation(ctx, relation, mutation, plan.query, plan.media, plan.ret, ctes, merging), params: ctx.params };
}

function filteredTarget(ctx: PlanContext, relation: Relation, alias: string, query: ReadQuery): string[] {
  const top = query.levels.get('') ?? emptyLevel();
  const source: RowSource = { relation, columnsKnown: true };
  const conds = whereConditions(ctx, source, alias, top);
  if (top.limit !== undefined || top.offset !== undefined) {
    if (relation.kind !== 'table') throw new RestError(400, 'PGRST100', 'limit on PATCH/DELETE is only supported on tables');
    if (top.order.length === 0) {
      throw new RestError(400, 'PGRST109', 'A limited update or delete requires an order', { hint: 'Add an order query parameter, e.g. order=id' });
    }
    const inner = ctx.nextAlias();
    const innerConds = whereConditions(ctx, source, inner, top);
    return [
      `${alias}.ctid = ANY(ARRAY(SELECT ${inner}.ctid FROM ${qualified(relation)} ${inner}${innerConds.length ? ` WHERE ${innerConds.join(' AND ')}` : ''}${orderSql(ctx, source, inner, top.order)}${pagingSql(ctx, top.limit, top.offset)}))`,
    ];
  }
  return conds;
}

export interface UpdatePlan {
  values: Record<string, unknown>;
  ret: ReturnMode;
  media: MediaType;
  query: ReadQuery;
}

export function planUpdate(ctx: PlanContext, relation: Relation, plan: UpdatePlan): Statement {
  if (relation.kind === 'composite') throw new RestError(405, 'PGRST117', 'Unsupported HTTP method');
  const columns = Object.keys(plan.values);
  for (const c of columns) if (!relation.columns.has(c)) throw unknownBodyColumn(relation, c);
  const alias = ctx.nextAlias();
  const target = qualified(relation);
  let mutation: string;
  if (columns.length === 0) {
    mutation = `SELECT ${alias}.* FROM ${target} ${alias} WHERE FALSE`;
  } else {
    const conds = filteredTarget(ctx, relation, alias, plan.query);
    const payload = ctx.bind(JSON.stringify(plan.values));
    const set = columns.map((c) => `${qi(c)} = _j.${qi(c)}`).join(', ');
    mutation = `UPDATE ${target} AS ${alias} SET ${set} FROM (SELECT * FROM json_populate_record(NULL::${target}, ${payload}::json)) _j${conds.length ? ` WHERE ${conds.join(' AND ')}` : ''}${returning(relation, alias, plan.ret)}`;
  }
  return { sql: wrapMutation(ctx, relation, mutation, plan.query, plan.media, plan.ret), params: ctx.params };
}

export function planDelete(ctx: PlanContext, relation: Relation, plan: { ret: ReturnMode; media: MediaType; query: ReadQuery }): Statement {
  if (relation.kind === 'composite') throw new RestError(405, 'PGRST117', 'Unsupported HTTP method');
  const alias = ctx.nextAlias();
  const conds = filteredTarget(ctx, relation, alias, plan.query);
  const mutation = `DELETE FROM ${qualified(relation)} AS ${alias}${conds.length ? ` WHERE ${conds.join(' AND ')}` : ''}${returning(relation, alias, plan.ret)}`;
  return { sql: wrapMutation(ctx, relation, mutation, plan.query, plan.media, plan.ret), params: ctx.params };
}

// ---------------------------------------------------------------- RPC

export type RpcResultShape = 'rows' | 'object' | 'scalar' | 'scalar-set' | 'void';

export interface RpcPlan {
  fn: FunctionInfo;
  /** Named arguments (JSON values), or the whole body for a single json parameter. */
  args: Record<string, unknown>;
  singleJsonBody?: unknown;
  query: ReadQuery;
  media: MediaType;
  paging: Paging;
  count: CountMode | undefined;
}

const isInput = (mode: string) => mode === 'i' || mode === 'b' || mode === 'v';

/** The rows a function returns, as a relation (columns known) when we can tell. */
function rpcSource(ctx: PlanContext, fn: FunctionInfo): RowSource {
  if (fn.returnRelation) {
    const rel = ctx.cache.relations.get(relationKey(fn.returnRelation.schema, fn.returnRelation.name));
    if (rel) return { relation: rel, columnsKnown: true };
  }
  const outs = fn.args.filter((a) => a.mode === 'o' || a.mode === 'b' || a.mode === 't');
  if (outs.length > 0) {
    const columns = new Map(outs.map((a) => [a.name, { name: a.name, type: a.type, nullable: true, hasDefault: false, generated: false }]));
    return { relation: { schema: fn.schema, name: fn.name, kind: 'composite', columns, columnOrder: outs.map((a) => a.name), primaryKey: [], uniqueKeys: [] }, columnsKnown: true };
  }
  return { relation: { schema: fn.schema, name: fn.name, kind: 'composite', columns: new Map(), columnOrder: [], primaryKey: [], uniqueKeys: [] }, columnsKnown: false };
}

export function rpcShape(fn: FunctionInfo): RpcResultShape {
  if (fn.returnKind === 'void') return 'void';
  const hasOut = fn.args.some((a) => a.mode === 'o' || a.mode === 'b' || a.mode === 't');
  if (fn.returnKind === 'composite' || (fn.returnKind === 'record' && (hasOut || fn.returnsSet))) return fn.returnsSet ? 'rows' : 'object';
  return fn.returnsSet ? 'scalar-set' : 'scalar';
}

export function planRpc(ctx: PlanContext, plan: RpcPlan): Statement {
  const fn = plan.fn;
  const call = `${qualified({ schema: fn.schema, name: fn.name })}`;
  let argsFrom = '';
  let callArgs = '';
  let argsParam: number | undefined;
  if (plan.singleJsonBody !== undefined) {
    const arg = fn.args.find((a) => isInput(a.mode))!;
    argsParam = plan.singleJsonBody === plan.args ? ctx.params.length : undefined;
    callArgs = `${ctx.bind(JSON.stringify(plan.singleJsonBody))}::${arg.type}`;
  } else {
    const given = fn.args.filter((a) => isInput(a.mode) && Object.prototype.hasOwnProperty.call(plan.args, a.name));
    if (given.length > 0) {
      argsParam = ctx.params.length;
      const payload = ctx.bind(JSON.stringify(plan.args));
      argsFrom = `json_to_record(${payload}::json) AS _args(${given.map((a) => `${qi(a.name)} ${a.type}`).join(', ')})`;
      callArgs = given.map((a) => `${a.mode === 'v' ? 'VARIADIC ' : ''}${qi(a.name)} := _args.${qi(a.name)}`).join(', ');
    }
  }
  const invocation = `${call}(${callArgs})`;
  const shape = rpcShape(fn);
  const alias = ctx.nextAlias();
  const from = `${argsFrom ? `${argsFrom} CROSS JOIN LATERAL ` : ''}${invocation} ${alias}`;
  if (shape === 'void' || shape === 'scalar') {
    const value = shape === 'void' ? `(${invocation})::text` : `coalesce(to_json(${invocation})::text, 'null')`;
    return { sql: `SELECT NULL::text AS total, '1' AS page_total, ${value} AS body${argsFrom ? ` FROM ${argsFrom}` : ''}`, params: ctx.params, ...withArgsParam(argsParam) };
  }
  if (shape === 'scalar-set') {
    const top = plan.query.levels.get('') ?? emptyLevel();
    if (top.filters.length || top.logic.length || top.order.length) throw new RestError(400, 'PGRST100', 'Filters and order are not supported on a function returning a set of scalars');
    const page = pagingSql(ctx, plan.paging.limit, plan.paging.offset);
    const total = totalExpr(plan.count, from, '');
    const agg = plan.media === 'object' ? `coalesce((json_agg(_r.v)->0)::text, 'null')` : `coalesce(json_agg(_r.v), '[]')::text`;
    return { sql: `SELECT ${total} AS total, count(*)::text AS page_total, ${agg} AS body FROM (SELECT ${alias} AS v FROM ${from}${page}) _r`, params: ctx.params, ...withArgsParam(argsParam) };
  }
  const source = rpcSource(ctx, fn);
  const media: MediaType = shape === 'object' && plan.media !== 'csv' ? 'object' : plan.media;
  const { sql, countSql } = readRows(ctx, source, from, alias, plan.query, media, plan.paging, plan.count);
  return { sql, params: ctx.params, countSql, ...withArgsParam(argsParam) };
}

const withArgsParam = (at: number | undefined): { argsParam?: number } => (at === undefined ? {} : { argsParam: at });
