import type { Database } from './types.ts';
import { openPglite } from './pglite.ts';
import { openPgliteWorker } from './pglite-worker-db.ts';
import { openPostgres } from './postgres.ts';

export * from './types.ts';
export { openPglite } from './pglite.ts';
export { openPgliteWorker, type PgliteWorkerDatabase } from './pglite-worker-db.ts';
export { openPostgres, isConnectionError } from './postgres.ts';

/**
 * Open a database from a spec, as the CLI's `--db` takes it:
 * `pglite` (in memory), `pglite:DATA_DIR`, or a `postgres://…` URL.
 * PGlite runs in a worker thread so that statement timeouts and cancellation work
 * (`inProcessPglite: true` runs it on the calling thread instead: no timeouts).
 */
export async function openDatabase(spec: string, options: { inProcessPglite?: boolean } = {}): Promise<Database> {
  const pglite = options.inProcessPglite ? openPglite : openPgliteWorker;
  if (spec === 'pglite' || spec === 'memory') return pglite();
  if (spec.startsWith('pglite:')) return pglite({ dataDir: spec.slice('pglite:'.length) });
  if (/^postgres(ql)?:\/\//.test(spec)) return openPostgres({ connectionString: spec });
  throw new Error(`Unknown database spec "${spec}": use pglite, pglite:DATA_DIR or postgres://…`);
}
