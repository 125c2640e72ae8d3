import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, chmodSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Where Debian (and most Linux packages) put the server binaries, newest major first. */
export function findPostgresBinDir(): string | undefined {
  if (process.env.PG_BINDIR && existsSync(path.join(process.env.PG_BINDIR, 'initdb'))) return process.env.PG_BINDIR;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const majors = readdirSync(root)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    // Prefer 15: Supabase's default major, the one our migrations target.
    const ordered = majors.includes('15') ? ['15', ...majors.filter((m) => m !== '15')] : majors;
    for (const major of ordered) {
      const dir = path.join(root, major, 'bin');
      if (existsSync(path.join(dir, 'initdb'))) return dir;
    }
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  const found = which.stdout.trim();
  return found ? path.dirname(found) : undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface ThrowawayCluster {
  url: string;
  /** The same database over the cluster's Unix-domain socket (libpq and pg read `?host=<dir>`). */
  socketUrl: string;
  port: number;
  dataDir: string;
  binDir: string;
  /** Stop the server without removing data (for resilience tests). */
  stopServer(): void;
  /** Start it again on the same port. */
  startServer(): void;
  /** Stop and remove everything. */
  destroy(): void;
}

/**
 * A disposable Postgres cluster for tests and benchmarks: initdb (as the `postgres` user when we
 * are root, since initdb refuses root), UTF8 + C.UTF-8 so Chinese trigram search works, fsync off.
 */
export async function startThrowawayCluster(options: { port?: number; database?: string } = {}): Promise<ThrowawayCluster> {
  const binDir = findPostgresBinDir();
  if (!binDir) throw new Error('No Postgres server binaries found (initdb). Install postgresql-15 or set DATABASE_URL.');
  const base = mkdtempSync(path.join(os.tmpdir(), 'local-supabase-pg-'));
  const dataDir = path.join(base, 'data');
  const socketDir = path.join(base, 'sock');
  mkdirSync(socketDir);
  const isRoot = process.getuid?.() === 0;
  chmodSync(base, 0o777);
  chmodSync(socketDir, 0o777);
  const run = (cmd: string, args: string[]) => {
    const full = isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] as const : [cmd, args] as const;
    execFileSync(full[0], [...full[1]], { stdio: ['ignore', 'pipe', 'pipe'] });
  };
  run(path.join(binDir, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--encoding=UTF8', '--locale=C.UTF-8', '--auth=trust']);
  const port = options.port ?? (await freePort());
  const pgCtl = path.join(binDir, 'pg_ctl');
  const serverOptions = [
    `-p ${port}`,
    `-k ${socketDir}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=100',
  ].join(' ');
  const startServer = () => run(pgCtl, ['-D', dataDir, '-l', path.join(base, 'log'), '-w', '-o', serverOptions, 'start']);
  const stopServer = () => run(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
  startServer();
  const database = options.database ?? 'postgres';
  if (database !== 'postgres') {
    run(path.join(binDir, 'psql'), [
      '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-q', '-c',
      `create database "${database}" template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`,
    ]);
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/${database}`,
    socketUrl: `postgres://postgres@localhost:${port}/${database}?host=${encodeURIComponent(socketDir)}`,
    port,
    dataDir,
    binDir,
    stopServer,
    startServer,
    destroy() {
      try {
        stopServer();
      } catch {
        /* already stopped */
      }
      rmSync(base, { recursive: true, force: true });
    },
  };
}
