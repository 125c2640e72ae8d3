/**
 * Hooks for tables that later features add. Each extension runs only when its table exists, so
 * the generator keeps working as the schema grows; when a feature lands (children, enrollments,
 * complaints, inspections…), add its generator here and its counts appear in the results.
 *
 * Planned (issue 6): `children` and `enrollments`, ≈ preset.childrenTarget rows (1,000,000 at
 * national scale), spread over the generated classes in proportion to `classes.enrolled`, with
 * guardians as auth users and consent records. The tables do not exist yet.
 */
import type { Database } from '@tuoyu/local-supabase';
import type { Prng } from './prng.ts';
import type { Preset } from './presets.ts';

export interface ExtensionContext {
  db: Database;
  prng: Prng;
  preset: Preset;
  batchSize: number;
  log: (line: string) => void;
}

export interface GeneratorExtension {
  /** The table whose existence switches the extension on, e.g. `public.children`. */
  table: string;
  /** Fill the table(s); return row counts by table. */
  run(ctx: ExtensionContext): Promise<Record<string, number>>;
}

export const EXTENSIONS: GeneratorExtension[] = [
  {
    table: 'public.children',
    async run(ctx) {
      // Deliberately not guessed: the children/enrollments schema (consent, guardians, PIPL fields)
      // belongs to the feature that adds it. Implement with the TableWriter pattern of index.ts.
      ctx.log(`public.children exists but its generator is not written yet (target ${ctx.preset.childrenTarget} rows)`);
      return {};
    },
  },
];

export async function runExtensions(ctx: ExtensionContext): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const ext of EXTENSIONS) {
    const { rows } = await ctx.db.query<{ present: boolean }>('select to_regclass($1) is not null as present', [ext.table]);
    if (!rows[0]?.present) {
      ctx.log(`skipped ${ext.table}: table does not exist yet`);
      continue;
    }
    Object.assign(counts, await ext.run(ctx));
  }
  return counts;
}
