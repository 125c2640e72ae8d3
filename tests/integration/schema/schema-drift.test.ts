/**
 * supabase/schema.sql (the readable current schema) matches what supabase/migrations build.
 * Needs the Postgres 15 binaries (pg_dump): on TEST_DB=postgres it dumps this run's migrated test
 * database, on PGlite it migrates a throwaway cluster. Regenerate with `pnpm gen:schema`.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDbKind, type TestDatabase } from '@tuoyu/local-supabase/testing.ts';
import { findPostgresBinDir } from '@tuoyu/local-supabase/db/pg-cluster.ts';
import { dumpSchema, schemaFromMigrations, SCHEMA_FILE } from '../../../scripts/gen-schema.ts';

const binDir = findPostgresBinDir();
let t: TestDatabase | undefined;
let current = '';

beforeAll(async () => {
  if (!binDir) return;
  if (testDbKind() === 'postgres') {
    t = await createTestDatabase({ seed: false });
    current = await dumpSchema(t.url!, binDir);
  } else {
    current = await schemaFromMigrations();
  }
});
afterAll(async () => {
  await t?.drop();
});

describe('supabase/schema.sql', () => {
  it.skipIf(!binDir)('matches the migrations (run `pnpm gen:schema` if not)', () => {
    expect(current.length).toBeGreaterThan(0);
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(current);
  });
});
