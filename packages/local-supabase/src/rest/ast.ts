/** The typed request AST the parsers produce and the planner consumes. No SQL in here. */

export interface JsonStep {
  arrow: '->' | '->>';
  /** A key, or an array index when it is all digits (possibly negative). */
  key: string;
}

/** `col`, `col->a->>b`. */
export interface FieldPath {
  column: string;
  json: JsonStep[];
}

export type SelectItem = StarItem | FieldItem | EmbedItem;

export interface StarItem {
  kind: 'star';
}

export const AGGREGATE_FUNCTIONS = ['count', 'sum', 'avg', 'min', 'max'] as const;
export type AggregateFunction = (typeof AGGREGATE_FUNCTIONS)[number];

export interface FieldItem {
  kind: 'field';
  /** `count()` is the path `*` with the aggregate `count`. */
  path: FieldPath;
  alias?: string;
  /** `col::cast`: applied to the column (before any aggregate). */
  cast?: string;
  /** `col.sum()`: an aggregate function over the column. */
  aggregate?: AggregateFunction;
  /** `col.sum()::cast`: applied to the aggregate's result. */
  aggregateCast?: string;
}

export interface EmbedItem {
  kind: 'embed';
  /** Target table (or view) name. */
  name: string;
  alias?: string;
  /** `!hint`: a foreign key constraint name, an fk column, or a junction table. */
  hint?: string;
  join: 'left' | 'inner' | 'default';
  spread: boolean;
  /** Empty for `name()`: an embed used only for filtering, absent from the output. */
  select: SelectItem[];
}

export const FILTER_OPERATORS = [
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'like',
  'ilike',
  'match',
  'imatch',
  'in',
  'is',
  'isdistinct',
  'cs',
  'cd',
  'ov',
  'sl',
  'sr',
  'nxl',
  'nxr',
  'adj',
  'fts',
  'plfts',
  'phfts',
  'wfts',
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

export type IsValue = 'null' | 'not_null' | 'true' | 'false' | 'unknown';

export type FilterValue =
  | { kind: 'scalar'; value: string }
  | { kind: 'list'; values: string[] }
  | { kind: 'is'; value: IsValue };

export interface Filter {
  kind: 'filter';
  path: FieldPath;
  negate: boolean;
  operator: FilterOperator;
  /** `(any)` / `(all)` on comparison operators. */
  quantifier?: 'any' | 'all';
  /** `fts(english)`: text search configuration. */
  ftsConfig?: string;
  value: FilterValue;
}

export interface LogicTree {
  kind: 'logic';
  operator: 'and' | 'or';
  negate: boolean;
  children: (LogicTree | Filter)[];
}

export interface OrderTerm {
  /** `order=directors(last_name)`: a column of a to-one embed (by its name or alias) of this level. */
  relation?: string;
  path: FieldPath;
  direction?: 'asc' | 'desc';
  nulls?: 'first' | 'last';
}

/** Filters, logic, order and paging of one level: the top (path "") or one embed ("centers.rooms"). */
export interface QueryLevel {
  filters: Filter[];
  logic: LogicTree[];
  order: OrderTerm[];
  limit?: number;
  offset?: number;
}

export interface ReadQuery {
  select: SelectItem[];
  /** Keyed by embed path: "" is the top level, "centers" an embed, "centers.rooms" a nested one. */
  levels: Map<string, QueryLevel>;
}

export function emptyLevel(): QueryLevel {
  return { filters: [], logic: [], order: [] };
}

export type ReturnPreference = 'minimal' | 'representation' | 'headers-only';
export type CountPreference = 'exact' | 'planned' | 'estimated';

export interface Preferences {
  return?: ReturnPreference;
  count?: CountPreference;
  resolution?: 'merge-duplicates' | 'ignore-duplicates';
  missing?: 'default' | 'null';
  tx?: 'commit' | 'rollback';
  handling?: 'strict' | 'lenient';
  maxAffected?: number;
  params?: 'single-object';
  /** `timezone=<name>` (a name from pg_timezone_names): the transaction's TimeZone. */
  timezone?: string;
  /** The preferences that were understood (for Preference-Applied). */
  applied: string[];
}

export type MediaType = 'json' | 'object' | 'csv' | 'geojson';

export type PlanOption = 'analyze' | 'verbose' | 'settings' | 'buffers' | 'wal';

/** `Accept: application/vnd.pgrst.plan+json|text; for="…"; options=analyze|…`: EXPLAIN instead of rows. */
export interface PlanSpec {
  format: 'json' | 'text';
  /** The media type whose query is explained. */
  for: MediaType;
  options: PlanOption[];
}

export interface RangeSpec {
  offset: number;
  /** Inclusive upper bound, or undefined for open-ended. */
  last?: number;
}
