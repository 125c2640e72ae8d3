/**
 * Supabase-style TypeScript types from a migrated database, by introspecting pg_catalog — the
 * `Database` generic shape of supabase-js (Tables Row/Insert/Update/Relationships, Views,
 * Functions Args/Returns, Enums, CompositeTypes), like `supabase gen types typescript`.
 */
import type { Queryable } from '@tuoyu/local-supabase/db/types.ts';

interface ColumnInfo {
  table: string;
  column: string;
  num: number;
  type: string;
  category: string;
  elemType: string | null;
  elemCategory: string | null;
  notNull: boolean;
  hasDefault: boolean;
  identity: string;
  generated: string;
  comment: string | null;
}

interface RelationInfo {
  name: string;
  kind: string;
  comment: string | null;
}

interface ForeignKeyInfo {
  table: string;
  name: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
  oneToOne: boolean;
}

interface FunctionInfo {
  name: string;
  argNames: string[] | null;
  argModes: string[] | null;
  argTypes: string[];
  argCategories: string[];
  argElemTypes: (string | null)[];
  numDefaults: number;
  retType: string;
  retCategory: string;
  retElemType: string | null;
  retSet: boolean;
  allArgTypes: string[] | null;
  allArgCategories: string[] | null;
  allArgElemTypes: (string | null)[] | null;
}

const SCALARS: Record<string, string> = {
  bool: 'boolean',
  int2: 'number', int4: 'number', int8: 'number', float4: 'number', float8: 'number', numeric: 'number', oid: 'number',
  text: 'string', varchar: 'string', bpchar: 'string', name: 'string', uuid: 'string', date: 'string', time: 'string',
  timetz: 'string', timestamp: 'string', timestamptz: 'string', interval: 'string', inet: 'string', cidr: 'string',
  bytea: 'string', citext: 'string', ltree: 'string',
  json: 'Json', jsonb: 'Json',
  void: 'undefined', record: 'Record<string, unknown>',
};

/** Names the types of one schema refer to: its enums, and the row types of its tables and views. */
interface TypeScope {
  schema: string;
  enums: Set<string>;
  tables: Set<string>;
  views: Set<string>;
}

function tsType(scope: TypeScope, type: string, category: string, elemType: string | null): string {
  if (category === 'A' && elemType) return `${tsType(scope, elemType, '', null)}[]`;
  const s = JSON.stringify(scope.schema);
  // an enum → its union in Enums; a table's or view's row type (`returns public.filings`) → that Row
  if (scope.enums.has(type)) return `Database[${s}]["Enums"][${JSON.stringify(type)}]`;
  if (scope.tables.has(type)) return `Database[${s}]["Tables"][${JSON.stringify(type)}]["Row"]`;
  if (scope.views.has(type)) return `Database[${s}]["Views"][${JSON.stringify(type)}]["Row"]`;
  return SCALARS[type] ?? 'unknown';
}

const key = (name: string) => (/^[a-zA-Z_$][\w$]*$/.test(name) ? name : JSON.stringify(name));
const doc = (comment: string | null, indent: string) =>
  comment ? `${indent}/** ${comment.replaceAll('*/', '* /').replaceAll('\n', ' ')} */\n` : '';

async function load(q: Queryable, schema: string) {
  const relations = (
    await q.query<RelationInfo>(
      `select c.relname as name, c.relkind as kind, obj_description(c.oid, 'pg_class') as comment
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = $1 and c.relkind in ('r', 'p', 'v', 'm')
        order by c.relname`,
      [schema],
    )
  ).rows;
  const columns = (
    await q.query<ColumnInfo>(
      `select c.relname as table, a.attname as column, a.attnum as num, t.typname as type, t.typcategory as category,
              et.typname as "elemType", et.typcategory as "elemCategory", a.attnotnull as "notNull",
              a.atthasdef as "hasDefault", a.attidentity as identity, a.attgenerated as generated,
              col_description(c.oid, a.attnum) as comment
         from pg_attribute a
         join pg_class c on c.oid = a.attrelid
         join pg_namespace n on n.oid = c.relnamespace
         join pg_type t0 on t0.oid = a.atttypid
         join pg_type t on t.oid = case when t0.typtype = 'd' then t0.typbasetype else t0.oid end
         left join pg_type et on et.oid = t.typelem and t.typcategory = 'A'
        where n.nspname = $1 and c.relkind in ('r', 'p', 'v', 'm') and a.attnum > 0 and not a.attisdropped
        order by c.relname, a.attname`,
      [schema],
    )
  ).rows;
  const foreignKeys = (
    await q.query<ForeignKeyInfo>(
      `select c.relname as table, k.conname as name,
              array(select a.attname from unnest(k.conkey) with ordinality u(n, i)
                      join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n order by u.i)::text[] as columns,
              rc.relname as "refTable",
              array(select a.attname from unnest(k.confkey) with ordinality u(n, i)
                      join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.n order by u.i)::text[] as "refColumns",
              exists (select 1 from pg_index i where i.indrelid = k.conrelid and i.indisunique and i.indpred is null
                         and (i.indkey::int2[]) @> k.conkey and (i.indkey::int2[]) <@ k.conkey) as "oneToOne"
         from pg_constraint k
         join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
         join pg_class rc on rc.oid = k.confrelid join pg_namespace rn on rn.oid = rc.relnamespace
        where k.contype = 'f' and n.nspname = $1 and rn.nspname = $1
        order by c.relname, k.conname`,
      [schema],
    )
  ).rows;
  const functions = (
    await q.query<FunctionInfo>(
      `select p.proname as name, p.proargnames as "argNames", p.proargmodes::text[] as "argModes",
              array(select t.typname from unnest(p.proargtypes::oid[]) with ordinality u(o, i) join pg_type t on t.oid = u.o order by u.i)::text[] as "argTypes",
              array(select t.typcategory::text from unnest(p.proargtypes::oid[]) with ordinality u(o, i) join pg_type t on t.oid = u.o order by u.i)::text[] as "argCategories",
              array(select et.typname from unnest(p.proargtypes::oid[]) with ordinality u(o, i) join pg_type t on t.oid = u.o
                      left join pg_type et on et.oid = t.typelem and t.typcategory = 'A' order by u.i)::text[] as "argElemTypes",
              p.pronargdefaults as "numDefaults",
              rt.typname as "retType", rt.typcategory as "retCategory", ret.typname as "retElemType", p.proretset as "retSet",
              case when p.proallargtypes is null then null else
                array(select t.typname from unnest(p.proallargtypes) with ordinality u(o, i) join pg_type t on t.oid = u.o order by u.i)::text[] end as "allArgTypes",
              case when p.proallargtypes is null then null else
                array(select t.typcategory::text from unnest(p.proallargtypes) with ordinality u(o, i) join pg_type t on t.oid = u.o order by u.i)::text[] end as "allArgCategories",
              case when p.proallargtypes is null then null else
                array(select et.typname from unnest(p.proallargtypes) with ordinality u(o, i) join pg_type t on t.oid = u.o
                        left join pg_type et on et.oid = t.typelem and t.typcategory = 'A' order by u.i)::text[] end as "allArgElemTypes"
         from pg_proc p join pg_namespace n on n.oid = p.pronamespace
         join pg_type rt on rt.oid = p.prorettype
         left join pg_type ret on ret.oid = rt.typelem and rt.typcategory = 'A'
        where n.nspname = $1 and p.prokind = 'f' and rt.typname not in ('trigger', 'event_trigger')
          and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
        order by p.proname, p.oid::regprocedure::text`,
      [schema],
    )
  ).rows;
  const enums = (
    await q.query<{ name: string; labels: string[] }>(
      `select t.typname as name, array_agg(e.enumlabel order by e.enumsortorder)::text[] as labels
         from pg_type t join pg_enum e on e.enumtypid = t.oid join pg_namespace n on n.oid = t.typnamespace
        where n.nspname = $1 group by t.typname order by t.typname`,
      [schema],
    )
  ).rows;
  return { relations, columns, foreignKeys, functions, enums };
}

function renderFunction(scope: TypeScope, f: FunctionInfo): string {
  const names = f.argNames ?? [];
  const modes = f.argModes ?? [];
  const allTypes = f.allArgTypes ?? f.argTypes;
  const allCats = f.allArgCategories ?? f.argCategories;
  const allElems = f.allArgElemTypes ?? f.argElemTypes;
  const inArgs: string[] = [];
  const outCols: string[] = [];
  const inCount = allTypes.filter((_, i) => ['i', 'b', 'v', undefined].includes(modes[i])).length;
  let inIndex = 0;
  allTypes.forEach((type, i) => {
    const mode = modes[i] ?? 'i';
    const ts = tsType(scope, type, allCats[i] ?? '', allElems[i] ?? null);
    const name = names[i] ?? `arg${i}`;
    if (mode === 'i' || mode === 'b' || mode === 'v') {
      const optional = inIndex >= inCount - f.numDefaults;
      inArgs.push(`${key(name)}${optional ? '?' : ''}: ${ts}`);
      inIndex += 1;
    }
    if (mode === 'o' || mode === 'b' || mode === 't') outCols.push(`${key(name)}: ${ts}`);
  });
  const args = inArgs.length ? `{ ${inArgs.join('; ')} }` : 'Record<PropertyKey, never>';
  let returns: string;
  if (outCols.length) returns = `{ ${outCols.join('; ')} }${f.retSet ? '[]' : ''}`;
  else returns = `${tsType(scope, f.retType, f.retCategory, f.retElemType)}${f.retSet ? '[]' : ''}`;
  return `{\n        Args: ${args}\n        Returns: ${returns}\n      }`;
}

export async function generateTypes(q: Queryable, schemas: string[] = ['public']): Promise<string> {
  const out: string[] = [
    '// Generated by packages/db-types/scripts/generate.ts from supabase/migrations — do not edit.',
    '// Regenerate with `pnpm gen:types`; tests/integration/schema/types-drift.test.ts fails when it drifts.',
    '',
    'export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[];',
    '',
    'export type Database = {',
  ];
  for (const schema of schemas) {
    const { relations, columns, foreignKeys, functions, enums } = await load(q, schema);
    const scope: TypeScope = {
      schema,
      enums: new Set(enums.map((e) => e.name)),
      tables: new Set(relations.filter((r) => r.kind === 'r' || r.kind === 'p').map((r) => r.name)),
      views: new Set(relations.filter((r) => r.kind === 'v' || r.kind === 'm').map((r) => r.name)),
    };
    out.push(`  ${key(schema)}: {`);
    for (const [section, kinds] of [['Tables', ['r', 'p']], ['Views', ['v', 'm']]] as const) {
      const rels = relations.filter((r) => (kinds as readonly string[]).includes(r.kind));
      if (!rels.length) {
        out.push(`    ${section}: {`, `      [_ in never]: never`, `    }`);
        continue;
      }
      out.push(`    ${section}: {`);
      for (const rel of rels) {
        const cols = columns.filter((c) => c.table === rel.name);
        out.push(doc(rel.comment, '      ') + `      ${key(rel.name)}: {`);
        const row = cols.map((c) => {
          const ts = tsType(scope, c.type, c.category, c.elemType);
          return doc(c.comment, '          ') + `          ${key(c.column)}: ${ts}${c.notNull ? '' : ' | null'}`;
        });
        out.push('        Row: {', ...row, '        }');
        if (section === 'Tables') {
          for (const which of ['Insert', 'Update'] as const) {
            const fields = cols.map((c) => {
              const ts = tsType(scope, c.type, c.category, c.elemType);
              if (c.identity === 'a' || c.generated === 's') return `          ${key(c.column)}?: never`;
              const optional = which === 'Update' || !c.notNull || c.hasDefault || c.identity === 'd';
              return `          ${key(c.column)}${optional ? '?' : ''}: ${ts}${c.notNull ? '' : ' | null'}`;
            });
            out.push(`        ${which}: {`, ...fields, '        }');
          }
        }
        const fks = foreignKeys.filter((f) => f.table === rel.name);
        if (!fks.length) out.push('        Relationships: []');
        else {
          out.push('        Relationships: [');
          for (const fk of fks) {
            out.push(
              '          {',
              `            foreignKeyName: ${JSON.stringify(fk.name)}`,
              `            columns: ${JSON.stringify(fk.columns)}`,
              `            isOneToOne: ${fk.oneToOne}`,
              `            referencedRelation: ${JSON.stringify(fk.refTable)}`,
              `            referencedColumns: ${JSON.stringify(fk.refColumns)}`,
              '          },',
            );
          }
          out.push('        ]');
        }
        out.push('      }');
      }
      out.push('    }');
    }
    if (!functions.length) out.push('    Functions: {', '      [_ in never]: never', '    }');
    else {
      out.push('    Functions: {');
      const byName = new Map<string, FunctionInfo[]>();
      for (const f of functions) byName.set(f.name, [...(byName.get(f.name) ?? []), f]);
      for (const [name, overloads] of byName) {
        out.push(`      ${key(name)}: ${overloads.map((f) => renderFunction(scope, f)).join('\n        | ')}`);
      }
      out.push('    }');
    }
    if (!enums.length) out.push('    Enums: {', '      [_ in never]: never', '    }');
    else {
      out.push('    Enums: {');
      for (const e of enums) out.push(`      ${key(e.name)}: ${e.labels.map((l) => JSON.stringify(l)).join(' | ')}`);
      out.push('    }');
    }
    out.push('    CompositeTypes: {', '      [_ in never]: never', '    }', '  }');
  }
  out.push(
    '};',
    '',
    "type PublicSchema = Database['public'];",
    '',
    "export type Tables<T extends keyof PublicSchema['Tables']> = PublicSchema['Tables'][T]['Row'];",
    "export type TablesInsert<T extends keyof PublicSchema['Tables']> = PublicSchema['Tables'][T]['Insert'];",
    "export type TablesUpdate<T extends keyof PublicSchema['Tables']> = PublicSchema['Tables'][T]['Update'];",
    "export type Functions<T extends keyof PublicSchema['Functions']> = PublicSchema['Functions'][T];",
    "export type Enums<T extends keyof PublicSchema['Enums']> = PublicSchema['Enums'][T];",
    '',
  );
  return out.join('\n');
}
