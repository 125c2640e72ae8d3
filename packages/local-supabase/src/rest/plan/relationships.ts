/**
 * Relationship detection between a parent relation and an embed, from foreign keys, as PostgREST
 * does: many-to-one, one-to-many, one-to-one (unique FK) and many-to-many through a junction table.
 */
import type { EmbedItem } from '../ast.ts';
import { RestError } from '../errors.ts';
import { relationKey, type ForeignKey, type Relation, type SchemaCache } from '../schema-cache.ts';

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
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((c) => b.includes(c));
const isUnique = (rel: Relation, cols: string[]) => rel.uniqueKeys.some((k) => sameSet(k, cols));

function fkFrom(fk: ForeignKey, rel: Relation): boolean {
  return fk.from.schema === rel.schema && fk.from.table === rel.name;
}
function fkTo(fk: ForeignKey, rel: Relation): boolean {
  return fk.to.schema === rel.schema && fk.to.table === rel.name;
}

function describe(parent: Relation, rel: Relationship): Record<string, string> {
  const card = rel.cardinality;
  return {
    cardinality: card,
    embedding: `${parent.name} with ${rel.target.name}`,
    relationship: rel.junction ? `${rel.junction.constraints.join(' and ')} using ${rel.junction.relation.name}` : `${rel.constraint} using ${parent.name}(${rel.pairs.map((p) => p[0]).join(', ')}) and ${rel.target.name}(${rel.pairs.map((p) => p[1]).join(', ')})`,
  };
}

export function resolveRelationship(cache: SchemaCache, parent: Relation, embed: EmbedItem): Relationship {
  const target = cache.relations.get(relationKey(parent.schema, embed.name));
  const notFound = () =>
    new RestError(400, 'PGRST200', `Could not find a relationship between '${parent.name}' and '${embed.name}' in the schema cache`, {
      details: `Searched for a foreign key relationship between '${parent.name}' and '${embed.name}'${embed.hint ? ` using the hint '${embed.hint}'` : ''} in the schema '${parent.schema}', but no matches were found.`,
      hint: null,
      cacheMiss: true,
    });
  if (!target || target.kind === 'composite') throw notFound();

  const candidates: Relationship[] = [];
  const hint = embed.hint;
  for (const fk of cache.foreignKeys) {
    // many-to-one: parent holds the FK.
    if (fkFrom(fk, parent) && fkTo(fk, target)) {
      const matches = !hint || hint === fk.name || (fk.from.columns.length === 1 && fk.from.columns[0] === hint);
      if (matches) {
        candidates.push({
          cardinality: isUnique(parent, fk.from.columns) ? 'one-to-one' : 'many-to-one',
          target,
          constraint: fk.name,
          pairs: fk.from.columns.map((c, i) => [c, fk.to.columns[i]!]),
        });
      }
    }
    // one-to-many: target holds the FK.
    if (fkFrom(fk, target) && fkTo(fk, parent)) {
      const matches = !hint || hint === fk.name || (fk.from.columns.length === 1 && fk.from.columns[0] === hint && !isSelf(parent, target));
      if (matches) {
        candidates.push({
          cardinality: isUnique(target, fk.from.columns) ? 'one-to-one' : 'one-to-many',
          target,
          constraint: fk.name,
          pairs: fk.to.columns.map((c, i) => [c, fk.from.columns[i]!]),
        });
      }
    }
  }
  // many-to-many through a junction table whose FK columns are part of its primary key.
  for (const junction of cache.relations.values()) {
    if (junction.kind !== 'table' || junction === parent || junction === target) continue;
    if (hint && hint !== junction.name) continue;
    const toParent = cache.foreignKeys.filter((fk) => fkFrom(fk, junction) && fkTo(fk, parent));
    const toTarget = cache.foreignKeys.filter((fk) => fkFrom(fk, junction) && fkTo(fk, target));
    for (const a of toParent) {
      for (const b of toTarget) {
        if (a === b) continue;
        const pk = junction.primaryKey;
        if (!a.from.columns.every((c) => pk.includes(c)) || !b.from.columns.every((c) => pk.includes(c))) continue;
        candidates.push({
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
        });
      }
    }
  }
  // Direct relationships win over junctions when no hint was given (PostgREST does the same).
  const direct = candidates.filter((c) => !c.junction);
  const pool = !hint && direct.length > 0 ? direct : candidates;
  if (pool.length === 0) throw notFound();
  if (pool.length > 1) {
    throw new RestError(300, 'PGRST201', `Could not embed because more than one relationship was found for '${parent.name}' and '${embed.name}'`, {
      details: pool.map((c) => describe(parent, c)),
      hint: `Try changing '${embed.name}' to one of the following: ${pool.map((c) => `'${embed.name}!${c.junction ? c.junction.relation.name : c.constraint}'`).join(', ')}. Find the desired relationship in the 'details' key.`,
    });
  }
  return pool[0]!;
}

function isSelf(a: Relation, b: Relation): boolean {
  return a.schema === b.schema && a.name === b.name;
}

export function isToOne(rel: Relationship): boolean {
  return rel.cardinality === 'many-to-one' || rel.cardinality === 'one-to-one';
}
