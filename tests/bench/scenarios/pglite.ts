/**
 * PGlite (the embedded default of `pnpm start`) vs Postgres 15: the same preset generated with the
 * same seed into both, the same statements as the same personas, interleaved.
 */
import pg from 'pg';
import { openPglite, openPostgres, prepareDatabase, projectPaths, type Database } from '@tuoyu/local-supabase';
import { asPersona, userClaims, type Scenario, type ScenarioOutput } from '../lib/context.ts';
import { measureInterleaved } from '../lib/measure.ts';
import type { RatioResult, ScenarioResult } from '../lib/results.ts';
import { generate, type GenerateResult } from '../generator/index.ts';
import { NEARBY_SQL } from './nearby.ts';
import { RLS_QUERIES } from './rls.ts';

async function sideDatabase(adminUrl: string, name: string): Promise<Database> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.query(`create database "${name}" template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return openPostgres({ connectionString: url.toString(), max: 4 });
}

export const pgliteScenario: Scenario = {
  id: 'pglite',
  label: 'PGlite vs Postgres 15',
  async run(ctx): Promise<ScenarioOutput> {
    const preset = ctx.settings.pglitePreset;
    const paths = projectPaths(ctx.workdir);
    const lite = await openPglite();
    const pgDb = await sideDatabase(ctx.adminUrl, `tuoyu_bench_cmp_${preset}`);
    const notes: string[] = [];
    try {
      const loads: Record<string, GenerateResult> = {};
      for (const [kind, db] of [['pglite', lite], ['postgres', pgDb]] as const) {
        const t = Date.now();
        await prepareDatabase(db, paths, { seed: 'never' });
        for (const extra of ctx.settings.applySql ?? []) await db.exec(extra.sql);
        loads[kind] = await generate(db, { preset, seed: ctx.load.seed, repoRoot: ctx.repoRoot });
        notes.push(`PGlite comparison: ${preset} preset loaded into ${kind} in ${((Date.now() - t) / 1000).toFixed(1)} s (${loads[kind]?.counts.institutions} institutions)`);
      }
      if (loads.pglite?.digest !== loads.postgres?.digest) throw new Error('PGlite and Postgres got different generated data');
      const personas = loads.postgres?.personas;
      if (!personas) throw new Error('no personas');
      const county = { role: 'authenticated', claims: userClaims(personas.countyAdmin.userId, personas.countyAdmin.email) };
      const city = { role: 'authenticated', claims: userClaims(personas.cityAdmin.userId, personas.cityAdmin.email) };
      const anon = { role: 'anon', claims: { role: 'anon' } };
      const points = personas.searchPoints;
      const queries: Array<{ id: string; label: string; run: (db: Database, i: number) => Promise<unknown> }> = [
        ...RLS_QUERIES.map((q) => ({
          id: q.id,
          label: q.label,
          run: (db: Database) => asPersona(db, q.persona === 'cityAdmin' ? city : county, (x) => x.query(q.sql, q.params(personas))),
        })),
        {
          id: 'nearby_3km',
          label: '附近机构 3 km（匿名）',
          run: (db: Database, i: number) => {
            const p = points[i % Math.max(1, points.length)] ?? { lat: 35.4, lng: 116.6 };
            return asPersona(db, anon, (x) => x.query(NEARBY_SQL, [p.lat, p.lng, 3000]));
          },
        },
      ];
      const results: ScenarioResult[] = [];
      const ratios: RatioResult[] = [];
      for (const query of queries) {
        const stats = await measureInterleaved(
          [
            { id: 'pglite', run: (i) => query.run(lite, i) },
            { id: 'postgres', run: (i) => query.run(pgDb, i) },
          ],
          ctx.settings.measure,
        );
        for (const side of ['pglite', 'postgres'] as const) {
          const s = stats[side];
          if (s) results.push({ id: `pglite.${preset}.${query.id}.${side}`, group: 'pglite', label: `${query.label}（${preset}）— ${side}`, stats: s });
        }
        ratios.push({
          id: `pglite.${preset}.${query.id}.pglite_vs_postgres`,
          label: `${query.label}（${preset}）: PGlite ÷ Postgres 15`,
          numerator: `pglite.${preset}.${query.id}.pglite`,
          denominator: `pglite.${preset}.${query.id}.postgres`,
          at: 'p50',
          value: Math.round(((stats.pglite?.p50 ?? Number.NaN) / (stats.postgres?.p50 ?? Number.NaN)) * 100) / 100,
        });
        ctx.log(`pglite ${query.id}: p50 pglite ${stats.pglite?.p50} ms, postgres ${stats.postgres?.p50} ms`);
      }
      return { results, ratios, notes };
    } finally {
      await lite.close();
      await pgDb.close();
      const admin = new pg.Client({ connectionString: ctx.adminUrl });
      await admin.connect();
      await admin.query(`drop database if exists "tuoyu_bench_cmp_${preset}" with (force)`).catch(() => {});
      await admin.end();
    }
  },
};
