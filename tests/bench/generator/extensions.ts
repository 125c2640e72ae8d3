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
    // Issue 15: the registry timeline region_indicators() reads. What the skipped triggers would
    // have written: one row per institution that was ever filed, from its filing date, with its
    // current slots; cancelled/revoked/suspended ones change status on their status date (or a
    // year after filing), so year-end figures differ from today's.
    table: 'public.institution_history',
    async run(ctx) {
      await ctx.db.exec(`
        insert into public.institution_history (institution_id, street_code, county_code, valid_from, valid_to, status, affordable, slots, cause)
        select i.id, i.street_code, i.county_code, (i.filed_at at time zone 'Asia/Shanghai')::date,
               case when i.status in ('cancelled', 'revoked', 'suspended')
                    then greatest((i.filed_at at time zone 'Asia/Shanghai')::date + 1,
                                  coalesce((i.status_changed_at at time zone 'Asia/Shanghai')::date,
                                           least((i.filed_at at time zone 'Asia/Shanghai')::date + 365, m.last_filed + 1))) end,
               'filed', i.affordable, coalesce(c.slots, 0), 'backfill'
          from public.institutions i
          left join (select institution_id, sum(capacity)::int as slots from public.classes group by 1) c on c.institution_id = i.id
          cross join (select max((filed_at at time zone 'Asia/Shanghai')::date) as last_filed from public.institutions) m
         where i.status <> 'draft' and i.filed_at is not null;
        insert into public.institution_history (institution_id, street_code, county_code, valid_from, status, affordable, slots, cause)
        select h.institution_id, h.street_code, h.county_code, h.valid_to, i.status, h.affordable, h.slots, 'status_change'
          from public.institution_history h join public.institutions i on i.id = h.institution_id
         where h.valid_to is not null;
        analyze public.institution_history;`);
      const { rows } = await ctx.db.query<{ n: number }>('select count(*)::int as n from public.institution_history');
      ctx.log(`institution_history: ${rows[0]!.n}`);
      return { institution_history: rows[0]!.n };
    },
  },
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
