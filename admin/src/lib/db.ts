/**
 * Row and RPC types of the admin, all derived from the generated schema types (@tuoyu/db-types:
 * `pnpm gen:types`) — the admin writes no row type by hand. Select results with joins are typed
 * with supabase-js `QueryData` beside their query (routes/<resource>/queries.ts).
 */
import type { Database, Tables } from '@tuoyu/db-types';

export type { Database, Json, Tables, TablesInsert, TablesUpdate } from '@tuoyu/db-types';

type PublicFunctions = Database['public']['Functions'];

/** What an RPC returns (a row for set-returning functions). */
export type RpcRow<F extends keyof PublicFunctions> = PublicFunctions[F]['Returns'] extends (infer R)[] ? R : PublicFunctions[F]['Returns'];

/**
 * Narrows columns the schema types loosely — jsonb as `Json`, view columns as nullable — to the
 * domain's shapes. Enum columns need none: they are Postgres enum types, generated as unions.
 */
export type Narrow<Row, Columns extends { [K in keyof Row]?: unknown }> = Omit<Row, keyof Columns> & Columns;

/** A row of a view (every column nullable, as Postgres reports views). */
export type Views<T extends keyof Database['public']['Views']> = Database['public']['Views'][T]['Row'];

/** A region as lists and pickers read it. */
export type RegionRow = Pick<Tables<'regions'>, 'code' | 'name' | 'level' | 'parent_code'>;
