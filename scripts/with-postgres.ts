/**
 * Run a command against real Postgres: DATABASE_URL when set, else a throwaway cluster made with
 * the installed Postgres binaries (removed afterwards). The command gets TEST_DATABASE_URL.
 *   tsx scripts/with-postgres.ts -- <command> [args…]
 * Exits 3 when no Postgres is available (the caller decides how loudly to say so).
 */
import { spawn } from 'node:child_process';
import { findPostgresBinDir, startThrowawayCluster } from '../packages/local-supabase/src/db/pg-cluster.ts';

const separator = process.argv.indexOf('--');
const [cmd, ...args] = separator >= 0 ? process.argv.slice(separator + 1) : process.argv.slice(2);
if (!cmd) {
  console.error('usage: tsx scripts/with-postgres.ts -- <command> [args…]');
  process.exit(2);
}

let url = process.env.DATABASE_URL;
let cleanup = () => {};
if (!url) {
  if (!findPostgresBinDir()) process.exit(3);
  const started = Date.now();
  const cluster = await startThrowawayCluster();
  console.log(`[with-postgres] throwaway Postgres cluster at ${cluster.url} (${cluster.binDir}) in ${Date.now() - started} ms`);
  url = cluster.url;
  cleanup = () => cluster.destroy();
}

const child = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, TEST_DATABASE_URL: url } });
const forward = (signal: NodeJS.Signals) => child.kill(signal);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
child.on('exit', (code, signal) => {
  cleanup();
  process.exit(code ?? (signal ? 1 : 0));
});
