/**
 * Relationship detection between a parent relation and an embed, as PostgREST does: from foreign
 * keys (many-to-one, one-to-many, one-to-one when the FK columns are unique, many-to-many through
 * a junction table whose key holds both FKs), from foreign keys inferred for views through their
 * base tables, and from computed relationships (`fn(parent_row) returns setof target`), which
 * override a detected relationship of the same name. The embed's name is matched against the
 * target relation, a constraint or an FK column (`PostgREST findRel`); `!hint` narrows it.
 */
import type { EmbedItem } from '../ast.ts';
import { ambiguousRelationship, noRelationship } from '../errors.ts';
import { relationKey, type ComputedRelationship, type Relation, type SchemaCache } from '../schema-cache.ts';

export type Cardinality = 'many-to-one' | 'one-to-many' | 'one-to-one' | 'many-to-many';

export interface Relationship {
  cardinality: Cardinality;
  target: Relation;
  constraint: string;
  /** Join pairs [parent column, target column] (direct relationships). */
  pairs: [string, string][];
  junction?: {
    relation: Relation;
    /** [parent column, junction column] */
    parentPairs: [string, string][];
    /** [junction column, target column] */
    targetPairs: [string, string][];
    constraints: [string, string];
  };
  /** A computed relationship: rows come from `function(parent_row)`. */
  computed?: ComputedRelationship;
  isSelf: boolean;
  targetIsView: boolean;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((c) => b.includes(c));
const isUnique = (rel: Relation, cols: string[]) => rel.uniqueKeys.some((k) => sameSet(k, cols));
const same = (a: { schema: string; name: string }, b: { schema: string; name: string }) => a.schema === b.schema && a.name === b.name;

/** PostgREST sorts relationships: by target, then one-to-many < many-to-one < one-to-one < many-to-many, then constraint. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const CARD_ORDER: Record<Cardinality, number> = { 'one-to-many': 0, 'many-to-one': 1, 'one-to-one': 2, 'many-to-many': 3 };

/** Every relationship of `parent` in its schema. */
export function relationshipsOf(cache: SchemaCache, parent: Relation): Relationship[] {
  const out: Relationship[] = [];
  const rel = (schema: string, name: string) => cache.relations.get(relationKey(schema, name));
  for (const fk of cache.foreignKeys) {
    const fromParent = fk.from.schema === parent.schema && fk.from.table === parent.name;
    const toParent = fk.to.schema === parent.schema && fk.to.table === parent.name;
    if (fromParent) {
      const target = rel(fk.to.schema, fk.to.table);
      if (target && target.schema === parent.schema) {
        out.push({
          cardinality: isUnique(parent, fk.from.columns) ? 'one-to-one' : 'many-to-one',
          target,
          constraint: fk.name,
          pairs: fk.from.columns.map((c, i) => [c, fk.to.columns[i]!]),
          isSelf: same(parent, target),
          targetIsView: Boolean(fk.toIsView),
        });
      }
    }
    if (toParent) {
      const target = rel(fk.from.schema, fk.from.table);
      if (target && target.schema === parent.schema) {
        out.push({
          cardinality: isUnique(target, fk.from.columns) ? 'one-to-one' : 'one-to-many',
          target,
          constraint: fk.name,
          pairs: fk.to.columns.map((c, i) => [c, fk.from.columns[i]!]),
          isSelf: same(parent, target),
          targetIsView: Boolean(fk.fromIsView),
        });
      }
    }
  }
  // many-to-many through a junction whose primary key holds the columns of both FKs.
  for (const junction of cache.relations.values()) {
    if (junction.kind !== 'table' || same(junction, parent) || junction.schema !== parent.schema) continue;
    const fromJunction = cache.foreignKeys.filter((fk) => !fk.fromIsView && fk.from.schema === junction.schema && fk.from.table === junction.name);
    const toParent = fromJunction.filter((fk) => fk.to.schema === parent.schema && fk.to.table === parent.name);
    const pk = junction.primaryKey;
    for (const a of toParent) {
      for (const b of fromJunction) {
        if (a === b || a.name === b.name) continue;
        const target = rel(b.to.schema, b.to.table);
        if (!target || same(target, junction) || same(target, parent)) continue;
        if (!a.from.columns.every((c) => pk.includes(c)) || !b.from.columns.every((c) => pk.includes(c))) continue;
        out.push({
          cardinality: 'many-to-many',
          target,
          constraint: `${a.name},${b.name}`,
          pairs: [],
          junction: {
            relation: junction,
            parentPairs: a.to.columns.map((c, i) => [c, a.from.columns[i]!]),
            targetPairs: b.from.columns.map((c, i) => [c, b.to.columns[i]!]),
            constraints: [a.name, b.name],
          },
          isSelf: false,
          targetIsView: Boolean(b.toIsView),
        });
      }
    }
  }
  out.sort((x, y) => cmp(x.target.name, y.target.name) || CARD_ORDER[x.cardinality] - CARD_ORDER[y.cardinality] || cmp(x.constraint, y.constraint));
  // Computed relationships replace the detected ones towards a relation of the function's name.
  const computed = cache.computedRelationships.filter((c) => same(c.from, parent));
  const kept = out.filter((r) => !computed.some((c) => c.schema === r.target.schema && c.name === r.target.name));
  for (const c of computed) {
    const target = rel(c.to.schema, c.to.name);
    if (!target) continue;
    kept.push({ cardinality: c.toOne ? 'many-to-one' : 'one-to-many', target, constraint: c.name, pairs: [], computed: c, isSelf: same(parent, target), targetIsView: target.kind === 'view' });
  }
  return kept;
}

const singleCol = (r: Relationship, side: 0 | 1): string | undefined => (!r.junction && !r.computed && r.pairs.length === 1 ? r.pairs[0]![side] : undefined);

/** Does the embed `target!hint` name this relationship (PostgREST's findRel rules)? */
function matches(r: Relationship, target: string, hint: string | undefined): boolean {
  if (r.computed) return target === r.computed.name;
  if (r.isSelf) {
    // A self FK gives two relationships: the children by the table name, the parent by the FK column.
    if (hint === undefined) return (target === r.target.name && r.cardinality === 'one-to-many') || (singleCol(r, 0) === target && r.cardinality === 'many-to-one');
    return target === r.target.name && r.cardinality === 'one-to-many' && singleCol(r, 1) === hint;
  }
  if (hint === undefined) {
    return target === r.target.name || (!r.targetIsView && !r.junction && r.constraint === target) || (!r.targetIsView && singleCol(r, 0) === target);
  }
  return (
    target === r.target.name &&
    ((!r.junction && r.constraint === hint) || singleCol(r, 0) === hint || singleCol(r, 1) === hint || r.junction?.relation.name === hint)
  );
}

export function resolveRelationship(cache: SchemaCache, parent: Relation, embed: EmbedItem): Relationship {
  const all = relationshipsOf(cache, parent);
  const found = all.filter((r) => matches(r, embed.name, embed.hint));
  if (found.length === 0) {
    // PostgREST's hint: a close name for the parent when it has no relationships, else for the target.
    const parents = all.length > 0 ? undefined : [...cache.relations.values()].filter((r) => r.schema === parent.schema && r.kind !== 'composite' && relationshipsOf(cache, r).length > 0).map((r) => r.name);
    throw noRelationship(parent, embed.name, embed.hint, parents ? { parents } : { targets: all.map((r) => r.target.name) });
  }
  if (found.length > 1) throw ambiguousRelationship(parent, embed.name, found);
  return found[0]!;
}

export function isToOne(rel: Relationship): boolean {
  return rel.cardinality === 'many-to-one' || rel.cardinality === 'one-to-one';
}
