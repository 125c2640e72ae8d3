/**
 * Test helpers: a fresh, migrated database of the kind the test run asks for.
 *   TEST_DB=pglite (default)  → an in-memory PGlite
 *   TEST_DB=postgres          → a new database on the server at TEST_DATABASE_URL (an admin URL)
 * Each call gets its own database, so test files never share state.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Database } from './db/types.ts';
import { openPglite } from './db/pglite.ts';
import { openPostgres } from './db/postgres.ts';
import { prepareDatabase, projectPaths } from './project.ts';

export type TestDbKind = 'pglite' | 'postgres';

export function testDbKind(): TestDbKind {
  return process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

/** The repository root (this file lives in packages/local-supabase/src). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface TestDatabase {
  db: Database;
  kind: TestDbKind;
  /** For Postgres: the URL of this test's own database. */
  url?: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(
  options: { workdir?: string; migrate?: boolean; seed?: boolean } = {},
): Promise<TestDatabase> {
  const kind = testDbKind();
  const paths = projectPaths(options.workdir ?? REPO_ROOT);
  let result: TestDatabase;
  if (kind === 'postgres') {
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (!adminUrl) throw new Error('TEST_DB=postgres needs TEST_DATABASE_URL (an admin connection URL)');
    const name = `tuoyu_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database "${name}" template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const db = await openPostgres({ connectionString: url.toString() });
    result = {
      db,
      kind,
      url: url.toString(),
      async drop() {
        await db.close();
        const a = new pg.Client({ connectionString: adminUrl });
        await a.connect();
        await a.query(`drop database if exists "${name}" with (force)`);
        await a.end();
      },
    };
  } else {
    const db = await openPglite();
    result = { db, kind, drop: () => db.close() };
  }
  if (options.migrate !== false) {
    await prepareDatabase(result.db, paths, { seed: options.seed ? 'always' : 'never' });
  }
  return result;
}
