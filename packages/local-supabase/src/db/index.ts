import type { Database } from './types.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';

export * from './types.ts';
export { openPglite } from './pglite.ts';
export { openPostgres, isConnectionError } from './postgres.ts';

/**
 * Open a database from a spec, as the CLI's `--db` takes it:
 * `pglite` (in memory), `pglite:DATA_DIR`, or a `postgres://…` URL.
 */
export async function openDatabase(spec: string): Promise<Database> {
  if (spec === 'pglite' || spec === 'memory') return openPglite();
  if (spec.startsWith('pglite:')) return openPglite({ dataDir: spec.slice('pglite:'.length) });
  if (/^postgres(ql)?:\/\//.test(spec)) return openPostgres({ connectionString: spec });
  throw new Error(`Unknown database spec "${spec}": use pglite, pglite:DATA_DIR or postgres://…`);
}
