import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { hasCommand } from './lib.mjs';

/** DATABASE_URL, or the directory of installed Postgres server binaries, or null. */
export function findPostgres() {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    for (const major of readdirSync(root)) {
      if (existsSync(path.join(root, major, 'bin', 'initdb'))) return path.join(root, major, 'bin');
    }
  }
  return hasCommand('initdb') ? 'initdb' : null;
}
