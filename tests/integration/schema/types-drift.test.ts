/**
 * packages/db-types/src/database.ts must match the migrations: regenerate in memory and compare.
 * Fix a failure with `pnpm gen:types` and commit the result.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@tuoyu/local-supabase/testing.ts';
import { generateTypes } from '@tuoyu/db-types/scripts/introspect.ts';
import { OUTPUT } from '@tuoyu/db-types/scripts/generate.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ seed: false });
});
afterAll(async () => {
  await t?.drop();
});

it('the committed database types match the migrated schema (run `pnpm gen:types` if not)', async () => {
  const fresh = await generateTypes(t.db);
  const committed = readFileSync(OUTPUT, 'utf8');
  expect(committed === fresh, 'packages/db-types/src/database.ts is out of date: run `pnpm gen:types`').toBe(true);
});

it('the types describe every public table with Row/Insert/Update and real foreign keys', async () => {
  const committed = readFileSync(OUTPUT, 'utf8');
  const { rows } = await t.db.query<{ relname: string }>(
    `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r'`);
  for (const { relname } of rows) expect(committed).toContain(`      ${relname}: {\n        Row: {`);
  expect(committed).toContain('referencedRelation: "institutions"');
});
