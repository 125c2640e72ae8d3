/**
 * The schema cache: relations, columns, keys, foreign keys, functions and type names of the
 * exposed schemas, read from pg_catalog. The planner takes every identifier it writes into SQL
 * from here, never from the request.
 */
import type { Queryable } from '../db/types.ts';

export interface Column {
  name: string;
  /** format_type(): valid SQL type syntax, e.g. `text`, `timestamp with time zone`, `public.status[]`. */
  type: string;
  nullable: boolean;
  hasDefault: boolean;
  generated: boolean;
}

export type RelationKind = 'table' | 'view' | 'composite';

export interface Relation {
  schema: string;
  name: string;
  kind: RelationKind;
  columns: Map<string, Column>;
  /** Column order as defined. */
  columnOrder: string[];
  primaryKey: string[];
  /**
   * Unique keys from primary key and unique constraints (not plain unique indexes: PostgREST's
   * one-to-one detection reads pg_constraint only).
   */
  uniqueKeys: string[][];
}

export interface ForeignKey {
  name: string;
  from: { schema: string; table: string; columns: string[] };
  to: { schema: string; table: string; columns: string[] };
  /** Inferred through a view's base table (PostgREST infers view FKs from `pg_rewrite`). */
  fromIsView?: boolean;
  toIsView?: boolean;
}

/**
 * A function `fn(row_type) returns setof table` (or one table row): a relationship PostgREST
 * embeds by the function's name. To-one when it returns one row or is declared `rows 1`.
 */
export interface ComputedRelationship {
  schema: string;
  name: string;
  from: { schema: string; name: string };
  to: { schema: string; name: string };
  toOne: boolean;
}

/** A function `fn(row_type) returns scalar`: a column-like computed field of that relation. */
export interface ComputedField {
  schema: string;
  name: string;
  returnType: string;
}

export interface FunctionArg {
  name: string;
  type: string;
  /** i = in, o = out, b = inout, v = variadic, t = table column. */
  mode: 'i' | 'o' | 'b' | 'v' | 't';
  hasDefault: boolean;
}

export interface FunctionInfo {
  schema: string;
  name: string;
  args: FunctionArg[];
  returnsSet: boolean;
  volatility: 'immutable' | 'stable' | 'volatile';
  returnType: string;
  /** b = base/scalar, c = composite (a table row, a composite type or OUT params), p = pseudo (void, record, trigger). */
  returnKind: 'scalar' | 'composite' | 'void' | 'record';
  /** The relation whose rows it returns (setof table / returns table_type), when exposed. */
  returnRelation?: { schema: string; name: string };
}

export interface SchemaCache {
  schemas: string[];
  relations: Map<string, Relation>;
  foreignKeys: ForeignKey[];
  functions: Map<string, FunctionInfo[]>;
  /** Lower-case type name (as users write it in `::cast`) → SQL to emit, quoted and qualified. */
  types: Map<string, string>;
  computedRelationships: ComputedRelationship[];
  /** relationKey(schema, relation) → field name → function. */
  computedFields: Map<string, Map<string, ComputedField>>;
  /** Settings PostgREST reads from the database (`alter role authenticator set pgrst.… = …`). */
  settings: DbSettings;
  loadedAt: number;
}

export interface DbSettings {
  /** `pgrst.db_aggregates_enabled`: aggregate functions in `select` (PGRST123 when off). */
  aggregatesEnabled: boolean;
}

export interface SchemaCacheOptions {
  /** Used when the database does not set `pgrst.db_aggregates_enabled` (default true, as on Supabase). */
  aggregatesEnabled?: boolean;
}

export const relationKey = (schema: string, name: string): string => `${schema}\u0000${name}`;

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

interface ColumnRow {
  oid: string | number;
  attnum: number | null;
  schema: string;
  rel: string;
  relkind: string;
  col: string | null;
  type: string | null;
  notnull: boolean | null;
  hasdef: boolean | null;
  generated: string | null;
}

interface KeyRow {
  schema: string;
  rel: string;
  primary: boolean;
  cols: string[];
}

/** Every FK of the database (view FKs may come from base tables in schemas that are not exposed). */
interface FkRow {
  r1: string | number;
  r2: string | number;
  k1: string[] | string;
  k2: string[] | string;
  name: string;
  s1: string;
  t1: string;
  c1: string[];
  s2: string;
  t2: string;
  c2: string[];
}

interface FnRow {
  schema: string;
  name: string;
  retset: boolean;
  vol: string;
  argnames: string[];
  argmodes: string[];
  argtypes: string[];
  ndefaults: number;
  rettype: string;
  rettyptype: string;
  retrel_schema: string | null;
  retrel_name: string | null;
}

interface TypeRow {
  schema: string;
  name: string;
}

const TYPE_ALIASES: Record<string, string> = {
  int: 'int4',
  integer: 'int4',
  smallint: 'int2',
  bigint: 'int8',
  boolean: 'bool',
  real: 'float4',
  float: 'float8',
  double: 'float8',
  decimal: 'numeric',
  char: 'bpchar',
  character: 'bpchar',
  varchar: 'varchar',
  timestamp: 'timestamp',
  timestamptz: 'timestamptz',
};

interface PkRow {
  oid: string | number;
  keys: string[] | string;
}

interface ViewRow {
  oid: string | number;
  action: string;
}

interface RowFnRow {
  schema: string;
  name: string;
  arg_schema: string;
  arg_name: string;
  ret_schema: string | null;
  ret_name: string | null;
  rettype: string;
  retset: boolean;
  rows: number | string;
}

interface SettingRow {
  setting: string;
}

export async function loadSchemaCache(q: Queryable, schemas: string[], options: SchemaCacheOptions = {}): Promise<SchemaCache> {
  const columns = await q.query<ColumnRow>(
    `select c.oid::int8::text as oid, a.attnum::int as attnum, n.nspname::text as schema, c.relname::text as rel, c.relkind::text as relkind,
            a.attname::text as col, format_type(a.atttypid, a.atttypmod) as type,
            a.attnotnull as notnull, a.atthasdef as hasdef, a.attgenerated::text as generated
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       left join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      where n.nspname = any($1::text[]) and c.relkind in ('r', 'p', 'v', 'm', 'f', 'c')
      order by n.nspname, c.relname, a.attnum`,
    [schemas],
  );
  const keys = await q.query<KeyRow>(
    `select n.nspname::text as schema, c.relname::text as rel, i.indisprimary as primary,
            array(select a.attname::text from unnest(i.indkey::int2[]) with ordinality k(attnum, ord)
                    join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum order by k.ord) as cols
       from pg_index i
       join pg_class c on c.oid = i.indrelid
       join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = any($1::text[]) and i.indisunique and i.indpred is null and i.indexprs is null
        and exists (select 1 from pg_constraint con where con.conindid = i.indexrelid and con.contype in ('p', 'u'))`,
    [schemas],
  );
  const fks = await q.query<FkRow>(
    `select con.conrelid::int8::text as r1, con.confrelid::int8::text as r2, con.conname::text as name,
            con.conkey::int2[]::text[] as k1, con.confkey::int2[]::text[] as k2,
            n1.nspname::text as s1, c1.relname::text as t1,
            array(select a.attname::text from unnest(con.conkey) with ordinality k(attnum, ord)
                    join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum order by k.ord) as c1,
            n2.nspname::text as s2, c2.relname::text as t2,
            array(select a.attname::text from unnest(con.confkey) with ordinality k(attnum, ord)
                    join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.attnum order by k.ord) as c2
       from pg_constraint con
       join pg_class c1 on c1.oid = con.conrelid join pg_namespace n1 on n1.oid = c1.relnamespace
       join pg_class c2 on c2.oid = con.confrelid join pg_namespace n2 on n2.oid = c2.relnamespace
      where con.contype = 'f' and n1.nspname !~ '^(pg_|information_schema$)' and n2.nspname !~ '^(pg_|information_schema$)'
      order by con.conname`,
  );
  const fns = await q.query<FnRow>(
    `select n.nspname::text as schema, p.proname::text as name, p.proretset as retset, p.provolatile::text as vol,
            coalesce(p.proargnames::text[], '{}'::text[]) as argnames,
            coalesce(p.proargmodes::text[], '{}'::text[]) as argmodes,
            array(select format_type(t, null) from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) with ordinality u(t, ord) order by u.ord) as argtypes,
            p.pronargdefaults::int as ndefaults,
            format_type(p.prorettype, null) as rettype, t.typtype::text as rettyptype,
            rn.nspname::text as retrel_schema, rc.relname::text as retrel_name
       from pg_proc p
       join pg_namespace n on n.oid = p.pronamespace
       join pg_type t on t.oid = p.prorettype
       left join pg_class rc on rc.oid = t.typrelid
       left join pg_namespace rn on rn.oid = rc.relnamespace
      where n.nspname = any($1::text[]) and p.prokind = 'f'`,
    [schemas],
  );
  const types = await q.query<TypeRow>(
    `select n.nspname::text as schema, t.typname::text as name
       from pg_type t join pg_namespace n on n.oid = t.typnamespace
      where (n.nspname = 'pg_catalog' or n.nspname = any($1::text[]) or n.nspname = 'extensions')
        and t.typisdefined and t.typtype in ('b', 'c', 'd', 'e', 'r', 'm') and t.typname !~ '^_'
        and t.typname !~ '^pg_'`,
    [schemas],
  );

  const relations = new Map<string, Relation>();
  for (const row of columns.rows) {
    const key = relationKey(row.schema, row.rel);
    let rel = relations.get(key);
    if (!rel) {
      const kind: RelationKind = row.relkind === 'c' ? 'composite' : row.relkind === 'r' || row.relkind === 'p' ? 'table' : 'view';
      rel = { schema: row.schema, name: row.rel, kind, columns: new Map(), columnOrder: [], primaryKey: [], uniqueKeys: [] };
      relations.set(key, rel);
    }
    if (row.col !== null) {
      rel.columns.set(row.col, {
        name: row.col,
        type: row.type ?? 'text',
        nullable: !row.notnull,
        hasDefault: Boolean(row.hasdef) || (row.generated ?? '') !== '',
        generated: (row.generated ?? '') !== '',
      });
      rel.columnOrder.push(row.col);
    }
  }
  for (const row of keys.rows) {
    const rel = relations.get(relationKey(row.schema, row.rel));
    if (!rel) continue;
    const cols = toTextArray(row.cols);
    if (row.primary) rel.primaryKey = cols;
    rel.uniqueKeys.push(cols);
  }
  const foreignKeys: ForeignKey[] = fks.rows.filter((r) => schemas.includes(r.s1) && schemas.includes(r.s2)).map((r) => ({
    name: r.name,
    from: { schema: r.s1, table: r.t1, columns: toTextArray(r.c1) },
    to: { schema: r.s2, table: r.t2, columns: toTextArray(r.c2) },
  }));
  const functions = new Map<string, FunctionInfo[]>();
  for (const r of fns.rows) {
    const names = toTextArray(r.argnames);
    const modes = toTextArray(r.argmodes);
    const argTypes = toTextArray(r.argtypes);
    const inputCount = argTypes.filter((_, i) => ['i', 'b', 'v'].includes(modes[i] ?? 'i')).length;
    let inputSeen = 0;
    const args: FunctionArg[] = argTypes.map((type, i) => {
      const mode = (modes[i] ?? 'i') as FunctionArg['mode'];
      const isInput = mode === 'i' || mode === 'b' || mode === 'v';
      const hasDefault = isInput && inputSeen++ >= inputCount - Number(r.ndefaults);
      return { name: names[i] ?? '', type, mode, hasDefault };
    });
    const returnKind: FunctionInfo['returnKind'] =
      r.rettype === 'void' ? 'void' : r.rettyptype === 'c' ? 'composite' : r.rettype === 'record' ? 'record' : 'scalar';
    const info: FunctionInfo = {
      schema: r.schema,
      name: r.name,
      args,
      returnsSet: Boolean(r.retset),
      volatility: r.vol === 'i' ? 'immutable' : r.vol === 's' ? 'stable' : 'volatile',
      returnType: r.rettype,
      returnKind,
      ...(r.retrel_schema && r.retrel_name ? { returnRelation: { schema: r.retrel_schema, name: r.retrel_name } } : {}),
    };
    const key = relationKey(r.schema, r.name);
    const list = functions.get(key) ?? [];
    list.push(info);
    functions.set(key, list);
  }
  // Views (their stored query trees, to infer foreign keys from base tables), functions taking a
  // row of a relation (computed relationships and fields), and in-database settings.
  const pks = await q.query<PkRow>(
    `select con.conrelid::int8::text as oid, con.conkey::int2[]::text[] as keys
       from pg_constraint con join pg_namespace n on n.oid = con.connamespace
      where con.contype = 'p' and n.nspname !~ '^(pg_|information_schema$)'`,
  );
  const views = await q.query<ViewRow>(
    `select c.oid::int8::text as oid, r.ev_action::text as action
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       join pg_rewrite r on r.ev_class = c.oid and r.rulename = '_RETURN'
      where c.relkind in ('v', 'm') and n.nspname = any($1::text[])`,
    [schemas],
  );
  const rowFns = await q.query<RowFnRow>(
    `select n.nspname::text as schema, p.proname::text as name,
            an.nspname::text as arg_schema, ac.relname::text as arg_name,
            rn.nspname::text as ret_schema, rc.relname::text as ret_name,
            format_type(p.prorettype, null) as rettype, p.proretset as retset, p.prorows::float8 as rows
       from pg_proc p
       join pg_namespace n on n.oid = p.pronamespace
       join pg_class ac on ac.reltype = p.proargtypes[0] and ac.relkind in ('r', 'v', 'm', 'f', 'p')
       join pg_namespace an on an.oid = ac.relnamespace
       left join pg_class rc on rc.reltype = p.prorettype and rc.relkind in ('r', 'v', 'm', 'f', 'p')
       left join pg_namespace rn on rn.oid = rc.relnamespace
      where p.pronargs = 1 and p.prokind = 'f' and n.nspname = any($1::text[]) and an.nspname = any($1::text[])`,
    [schemas],
  );
  const settingRows = await q.query<SettingRow>(
    `select unnest(s.setconfig) as setting
       from pg_db_role_setting s
      where s.setrole = (select oid from pg_roles where rolname = 'authenticator')
        and s.setdatabase in (0, (select oid from pg_database where datname = current_database()))
      order by s.setdatabase`,
  );

  const computedRelationships: ComputedRelationship[] = [];
  const computedFields = new Map<string, Map<string, ComputedField>>();
  for (const r of rowFns.rows) {
    if (r.ret_schema && r.ret_name) {
      if (!schemas.includes(r.ret_schema)) continue;
      computedRelationships.push({
        schema: r.schema,
        name: r.name,
        from: { schema: r.arg_schema, name: r.arg_name },
        to: { schema: r.ret_schema, name: r.ret_name },
        toOne: !r.retset || Number(r.rows) === 1,
      });
    } else if (!r.retset && r.rettype !== 'void' && r.rettype !== 'record') {
      const key = relationKey(r.arg_schema, r.arg_name);
      const fields = computedFields.get(key) ?? new Map<string, ComputedField>();
      fields.set(r.name, { schema: r.schema, name: r.name, returnType: r.rettype });
      computedFields.set(key, fields);
    }
  }
  const settings: DbSettings = { aggregatesEnabled: options.aggregatesEnabled ?? true };
  for (const row of settingRows.rows) {
    const m = /^pgrst\.db_aggregates_enabled=(.*)$/.exec(row.setting);
    if (m) settings.aggregatesEnabled = /^(true|on|yes|1)$/i.test(m[1]!.trim());
  }
  foreignKeys.push(...viewForeignKeys(columns.rows, views.rows, fks.rows, pks.rows, relations));

  const typeMap = new Map<string, string>();
  // Exposed schemas first, then extensions, then pg_catalog wins for built-in names.
  const order = (s: string) => (s === 'pg_catalog' ? 2 : s === 'extensions' ? 1 : 0);
  for (const t of [...types.rows].sort((a, b) => order(a.schema) - order(b.schema))) {
    typeMap.set(t.name.toLowerCase(), `${quoteIdent(t.schema)}.${quoteIdent(t.name)}`);
  }
  for (const [alias, target] of Object.entries(TYPE_ALIASES)) {
    const sql = typeMap.get(target);
    if (sql) typeMap.set(alias, sql);
  }
  return { schemas, relations, foreignKeys, functions, types: typeMap, computedRelationships, computedFields, settings, loadedAt: Date.now() };
}

/**
 * The output columns of a view's stored query that are plain columns of a relation:
 * resno → [relation oid, attnum], read from the top-level `:targetList` of `pg_rewrite.ev_action`
 * (`resorigtbl`/`resorigcol` of each TARGETENTRY), as PostgREST does.
 */
export function viewColumnSources(action: string): Map<number, [string, number]> {
  const out = new Map<number, [string, number]>();
  let depth = 0;
  let start = -1;
  for (let i = 0; i < action.length; i++) {
    const ch = action[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    else if (depth === 1 && action.startsWith(':targetList ', i)) {
      start = i + ':targetList '.length;
      break;
    }
  }
  if (start < 0 || action[start] !== '(') return out;
  // Walk the list: each TARGETENTRY is a node at brace depth 1 relative to the list.
  depth = 0;
  let node = '';
  for (let i = start + 1; i < action.length; i++) {
    const ch = action[i]!;
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '{') {
      depth++;
      if (depth === 1) node = '';
      continue;
    }
    if (ch === '}') {
      depth--;
      if (depth === 0) {
        const resno = /:resno (\d+)/.exec(node);
        const tbl = /:resorigtbl (\d+)/.exec(node);
        const col = /:resorigcol (\d+)/.exec(node);
        const junk = /:resjunk true/.test(node);
        if (resno && tbl && col && tbl[1] !== '0' && !junk) out.set(Number(resno[1]), [tbl[1]!, Number(col[1])]);
      }
      continue;
    }
    if (depth === 0 && ch === ')') break;
    if (depth === 1) node += ch;
  }
  return out;
}

/**
 * Foreign keys of views, inferred from their base tables (chains of views followed; the base tables
 * may live in schemas that are not exposed, as PostgREST allows). Views also get their base
 * table's primary key when they expose all of its columns.
 */
function viewForeignKeys(columnRows: ColumnRow[], viewRows: ViewRow[], fkRows: FkRow[], pkRows: PkRow[], relations: Map<string, Relation>): ForeignKey[] {
  const byOid = new Map<string, { rel: Relation; names: Map<number, string> }>();
  for (const row of columnRows) {
    const rel = relations.get(relationKey(row.schema, row.rel));
    if (!rel) continue;
    const oid = String(row.oid);
    let entry = byOid.get(oid);
    if (!entry) {
      entry = { rel, names: new Map() };
      byOid.set(oid, entry);
    }
    if (row.col !== null && row.attnum !== null) entry.names.set(Number(row.attnum), row.col);
  }
  const sources = new Map<string, Map<number, [string, number]>>();
  for (const v of viewRows) sources.set(String(v.oid), viewColumnSources(v.action));
  const resolve = (oid: string, attnum: number, seen = 0): [string, number] | undefined => {
    const src = sources.get(oid);
    if (!src) return [oid, attnum];
    const next = src.get(attnum);
    return next && seen < 16 ? resolve(next[0], next[1], seen + 1) : undefined;
  };
  // view oid → base "oid:attnum" → the view's column names showing it
  const viewCols = new Map<string, Map<string, string[]>>();
  for (const [oid, src] of sources) {
    const entry = byOid.get(oid);
    if (!entry) continue;
    const map = new Map<string, string[]>();
    for (const resno of src.keys()) {
      const base = resolve(oid, resno);
      const name = entry.names.get(resno);
      if (!base || !name) continue;
      const key = `${base[0]}:${base[1]}`;
      map.set(key, [...(map.get(key) ?? []), name]);
    }
    viewCols.set(oid, map);
  }
  /** Every exposed relation showing all of `columns` (attnums `keys`) of table `oid`: the table itself, views over it. */
  const exposures = (oid: string, columns: string[], keys: number[]): { rel: Relation; columns: string[]; isView: boolean }[] => {
    const out: { rel: Relation; columns: string[]; isView: boolean }[] = [];
    const entry = byOid.get(oid);
    if (entry && !sources.has(oid)) out.push({ rel: entry.rel, columns, isView: false });
    for (const [viewOid, map] of viewCols) {
      const view = byOid.get(viewOid);
      if (!view) continue;
      const mapped = keys.map((k) => map.get(`${oid}:${k}`)?.[0]);
      if (mapped.every((c): c is string => c !== undefined)) out.push({ rel: view.rel, columns: mapped, isView: true });
    }
    return out;
  };
  // Views expose their base table's primary key.
  for (const pk of pkRows) {
    const keys = toTextArray(pk.keys).map(Number);
    for (const [viewOid, map] of viewCols) {
      const view = byOid.get(viewOid);
      if (!view || view.rel.primaryKey.length > 0) continue;
      const mapped = keys.map((k) => map.get(`${String(pk.oid)}:${k}`)?.[0]);
      if (mapped.every((c): c is string => c !== undefined)) {
        view.rel.primaryKey = mapped;
        view.rel.uniqueKeys.push(mapped);
      }
    }
  }
  const out: ForeignKey[] = [];
  for (const fk of fkRows) {
    const froms = exposures(String(fk.r1), toTextArray(fk.c1), toTextArray(fk.k1).map(Number));
    const tos = exposures(String(fk.r2), toTextArray(fk.c2), toTextArray(fk.k2).map(Number));
    for (const f of froms) {
      for (const t of tos) {
        if (!f.isView && !t.isView) continue;
        out.push({
          name: fk.name,
          from: { schema: f.rel.schema, table: f.rel.name, columns: f.columns },
          to: { schema: t.rel.schema, table: t.rel.name, columns: t.columns },
          fromIsView: f.isView,
          toIsView: t.isView,
        });
      }
    }
  }
  return out;
}

/** node-pg returns some arrays as "{a,b}" text; PGlite parses them. Accept both. */
function toTextArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') {
    const inner = value.replace(/^\{|\}$/g, '');
    if (inner === '') return [];
    const out: string[] = [];
    const re = /"((?:[^"\\]|\\.)*)"|([^,]+)/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(inner)) !== null) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]!);
    return out;
  }
  return [];
}

/** Resolve a user-written cast (`int`, `text`, `int4[]`) to SQL, or undefined if unknown. */
export function resolveCast(cache: SchemaCache, cast: string): string | undefined {
  const trimmed = cast.trim().toLowerCase();
  const isArray = trimmed.endsWith('[]');
  const base = isArray ? trimmed.slice(0, -2).trim() : trimmed;
  const sql = cache.types.get(base);
  if (!sql) return undefined;
  return isArray ? `${sql}[]` : sql;
}
