/**
 * pnpm gen:types — migrate a fresh in-memory PGlite with supabase/migrations and write
 * packages/db-types/src/database.ts.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPglite } from '@tuoyu/local-supabase/db/pglite.ts';
import { prepareDatabase, projectPaths } from '@tuoyu/local-supabase/project.ts';
import { generateTypes } from './introspect.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const OUTPUT = path.join(REPO_ROOT, 'packages', 'db-types', 'src', 'database.ts');

async function main() {
  const db = await openPglite();
  try {
    await prepareDatabase(db, projectPaths(REPO_ROOT), { seed: 'never' });
    writeFileSync(OUTPUT, await generateTypes(db));
    console.log(`wrote ${path.relative(REPO_ROOT, OUTPUT)}`);
  } finally {
    await db.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
