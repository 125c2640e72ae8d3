/**
 * Keeps the benchmark code working: the small preset on the database this run uses (PGlite or
 * Postgres 15), deterministic for a seed, consistent with what the skipped triggers guarantee, and
 * each scenario family producing numbers in the results-file shape. The national run is
 * `pnpm bench`, not part of `pnpm test`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveKeys, signJwt, startLocalSupabase, type LocalSupabase } from '@tuoyu/local-supabase';
import { createTestDatabase, REPO_ROOT, type TestDatabase } from '@tuoyu/local-supabase/testing.ts';
import { generate, institutionDigest, verifyGenerated, type GenerateResult } from '../../bench/generator/index.ts';
import { Prng } from '../../bench/generator/prng.ts';
import { asPersona, userClaims, type BenchContext } from '../../bench/lib/context.ts';
import { measureInterleaved, summarize } from '../../bench/lib/measure.ts';
import { recordingDatabase, replay, type RecordingDatabase } from '../../bench/lib/recording-db.ts';
import { assertResultsShape, compareResults, RESULTS_VERSION, type BenchResults } from '../../bench/lib/results.ts';
import { consoleReport } from '../../bench/lib/report.ts';
import { gatewayScenario } from '../../bench/scenarios/gateway.ts';
import { rlsScenario } from '../../bench/scenarios/rls.ts';
import { nearbyScenario } from '../../bench/scenarios/nearby.ts';
import { indicatorsScenario } from '../../bench/scenarios/indicators.ts';
import { entryScripts } from '../../bench/scenarios/sizes.ts';
import { parseWrk } from '../../bench/scenarios/throughput.ts';

const SEED = 4242;

describe('bench generator and harness (small preset)', () => {
  let tdb: TestDatabase;
  let load: GenerateResult;
  let recorder: RecordingDatabase;
  let stack: LocalSupabase;
  let ctx: BenchContext;

  beforeAll(async () => {
    tdb = await createTestDatabase();
    load = await generate(tdb.db, { preset: 'small', seed: SEED, batchSize: 2_000 });
    recorder = recordingDatabase(tdb.db);
    stack = await startLocalSupabase({ workdir: REPO_ROOT, db: recorder, port: 0, seed: 'never' });
    const keys = await resolveKeys();
    const county = userClaims(load.personas.countyAdmin.userId, load.personas.countyAdmin.email);
    const city = userClaims(load.personas.cityAdmin.userId, load.personas.cityAdmin.email);
    const province = userClaims(load.personas.provinceAdmin.userId, load.personas.provinceAdmin.email);
    ctx = {
      repoRoot: REPO_ROOT,
      workdir: REPO_ROOT,
      db: tdb.db,
      recorder,
      stack,
      load,
      personas: load.personas,
      tokens: { anon: keys.anonKey, service: keys.serviceRoleKey, countyAdmin: await signJwt(county, keys.jwtSecret), cityAdmin: await signJwt(city, keys.jwtSecret),
        provinceAdmin: await signJwt(province, keys.jwtSecret) },
      auth: {
        anon: { role: 'anon', claims: { role: 'anon' } },
        service: { role: 'service_role', claims: { role: 'service_role' } },
        countyAdmin: { role: 'authenticated', claims: county },
        cityAdmin: { role: 'authenticated', claims: city },
        provinceAdmin: { role: 'authenticated', claims: province },
      },
      settings: { measure: { warmup: 2, iterations: 8, budgetMs: 10_000 }, connections: 2, durationSeconds: 1, buildMissing: false, pglitePreset: 'small' },
      adminUrl: '',
      databaseUrl: '',
      log: () => {},
    };
  });

  afterAll(async () => {
    await stack?.stop();
    await tdb?.drop();
  });

  it('fills the schema at the preset scale, the same rows for the same seed', async () => {
    expect(load.counts.institutions).toBe(500);
    expect(load.counts.counties).toBe(5);
    expect(load.counts.classes).toBeGreaterThan(1_000);
    expect(load.counts.staff).toBeGreaterThan(load.counts.classes ?? 0);
    expect(load.counts.filings).toBeGreaterThan(400);
    const { rows } = await tdb.db.query<{ n: number }>('select count(*)::int as n from public.institutions');
    expect(rows[0]?.n).toBe(500);
    // what is in the database is exactly what the seed describes…
    expect(await institutionDigest(tdb.db)).toBe(load.digest);
    // …and another seed describes something else
    const other = new Prng(SEED + 1).uuid();
    expect(other).not.toBe(new Prng(SEED).uuid());
    expect(new Prng(SEED).uuid()).toBe(new Prng(SEED).uuid());
    expect(new Prng(SEED).uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('keeps every invariant the skipped triggers would have enforced', async () => {
    expect(await verifyGenerated(tdb.db)).toEqual([]);
    const { rows } = await tdb.db.query<{ bad: number }>(
      `select count(*)::int as bad from public.institution_sites where lat not between 18 and 54 or lng not between 73 and 135`,
    );
    expect(rows[0]?.bad).toBe(0);
  });

  it('the county admin persona sees its county through RLS, and not another county', async () => {
    const county = load.personas.countyAdmin.regionCode;
    const mine = await asPersona(tdb.db, ctx.auth.countyAdmin, (q) =>
      q.query<{ n: number }>(`select count(*)::int as n from public.filings where county_code = $1`, [county]));
    expect(mine.rows[0]?.n).toBeGreaterThan(0);
    const others = await asPersona(tdb.db, ctx.auth.countyAdmin, (q) =>
      q.query<{ n: number }>(`select count(*)::int as n from public.filings where county_code <> $1`, [county]));
    expect(others.rows[0]?.n).toBe(0);
  });

  it('gateway, RLS and nearby scenarios produce numbers and ratios', async () => {
    const gateway = await gatewayScenario.run(ctx);
    expect(gateway.results?.map((r) => r.id)).toContain('gateway.list_embed_count.direct');
    expect(gateway.ratios).toHaveLength(15);
    // The goal is on the lean client's side (and in-process); node:http's, fetch's and the floor are shown.
    expect(gateway.ratios?.filter((r) => r.goal !== undefined).map((r) => r.id)).toEqual(
      ['list_embed_count', 'rpc_nearby', 'rpc_permissions'].flatMap((t) => [`gateway.${t}.gateway_vs_direct`, `gateway.${t}.gateway_lean_vs_direct`]),
    );
    expect(gateway.results?.map((r) => r.id)).toContain('gateway.rpc_permissions.floor');
    const rls = await rlsScenario.run(ctx);
    expect(rls.ratios?.map((r) => r.id)).toEqual([
      'rls.county_list.rls_vs_service_role',
      'rls.county_overview_rpc.rls_vs_service_role',
      'rls.city_overview_rpc.rls_vs_service_role',
      'rls.county_counts.rls_vs_service_role',
      'rls.city_overview.rls_vs_service_role',
    ]);
    const nearby = await nearbyScenario.run(ctx);
    expect(nearby.checks?.map((c) => c.id)).toEqual(['nearby.r1000.p95', 'nearby.r3000.p95']);
    const indicators = await indicatorsScenario.run(ctx);
    expect(indicators.checks?.map((c) => c.id)).toEqual(['indicators.province_province_admin.p95', 'indicators.province_city_admin.p95', 'indicators.province_anon.p95']);
    // the generated registry has a timeline: the county's year-end slots are those of its filed institutions
    const { rows: [figures] } = await tdb.db.query<{ slots: number }>(`select slots from public.region_indicators($1, 2026)`, [load.personas.countyAdmin.regionCode]);
    const { rows: [now] } = await tdb.db.query<{ slots: number }>(
      `select coalesce(sum(c.capacity), 0)::int as slots from public.classes c join public.institutions i on i.id = c.institution_id where i.county_code = $1 and i.status = 'filed'`,
      [load.personas.countyAdmin.regionCode]);
    expect(figures!.slots).toBe(now!.slots);
    for (const r of [...(gateway.results ?? []), ...(rls.results ?? []), ...(nearby.results ?? []), ...(indicators.results ?? [])]) {
      expect(r.stats.n, r.id).toBeGreaterThan(0);
      expect(r.stats.p50, r.id).toBeGreaterThan(0);
      expect(r.stats.p95, r.id).toBeGreaterThanOrEqual(r.stats.p50);
    }
    for (const x of [...(gateway.ratios ?? []), ...(rls.ratios ?? [])]) expect(Number.isFinite(x.value) && x.value > 0, x.id).toBe(true);

    const results: BenchResults = {
      version: RESULTS_VERSION,
      date: '2026-11-23',
      startedAt: new Date().toISOString(),
      durationSeconds: 1,
      preset: 'small',
      seed: SEED,
      scenarios: ['gateway', 'rls', 'nearby', 'indicators'],
      machine: { cpus: 2, cpuModel: 'test', memoryGiB: 1, platform: 'test', node: process.version },
      database: { kind: tdb.kind, serverVersion: 'test', settings: {} },
      load: { seconds: load.seconds, regionSource: load.regionSource, counts: load.counts },
      results: [...(gateway.results ?? []), ...(rls.results ?? []), ...(nearby.results ?? []), ...(indicators.results ?? [])],
      ratios: [...(gateway.ratios ?? []), ...(rls.ratios ?? [])],
      checks: [...(nearby.checks ?? []), ...(indicators.checks ?? [])],
      concurrency: [],
      notes: [],
    };
    const roundTripped: unknown = JSON.parse(JSON.stringify(results));
    expect(() => assertResultsShape(roundTripped)).not.toThrow();
    expect(consoleReport(results)).toContain('gateway.rpc_nearby.direct');

    // a change worse than 20% is a warning; a better one is not
    const worse = structuredClone(results);
    const first = worse.results[0];
    if (first) first.stats = { ...first.stats, p50: first.stats.p50 * 1.5 };
    expect(compareResults(worse, results).warnings.some((w) => w.includes(`${first?.id} p50`))).toBe(true);
    const better = structuredClone(results);
    for (const r of better.results) r.stats = { ...r.stats, p50: r.stats.p50 * 0.5, p95: r.stats.p95 * 0.5 };
    for (const r of better.ratios) r.value = r.value * 0.5;
    expect(compareResults(better, results).warnings).toEqual([]);
    expect(() => assertResultsShape({ ...results, ratios: [{ id: 'x', value: 'fast' }] })).toThrow(/bad shape/);
  });

  it('reads wrk\'s report', () => {
    const report = [
      'Running 10s test @ http://127.0.0.1:4000/rest/v1/institutions?id=eq.1',
      '  2 threads and 16 connections',
      '  Latency Distribution',
      '     50%  812.00us',
      '     75%    1.20ms',
      '     90%    2.31ms',
      '     99%    1.02s',
      '  51234 requests in 10.01s, 20.12MB read',
      '  Socket errors: connect 0, read 2, write 0, timeout 1',
      '  Non-2xx or 3xx responses: 4',
      'Requests/sec:   5118.38',
    ].join('\n');
    expect(parseWrk(report)).toEqual({ requests: 51234, seconds: 10.01, p50: 0.81, p99: 1020, non2xx: 4, errors: 3 });
    expect(() => parseWrk('wrk: connection refused')).toThrow(/cannot read/);
  });

  it('replays exactly the SQL a gateway request ran', async () => {
    const statements = await recorder.record(async () => {
      const res = await stack.fetch(new Request(`${stack.url}/rest/v1/rpc/get_my_permissions`, {
        method: 'POST',
        headers: { apikey: ctx.tokens.anon, Authorization: `Bearer ${ctx.tokens.countyAdmin}`, 'Content-Type': 'application/json' },
        body: '{}',
      }));
      expect(res.status).toBe(200);
      const body = (await res.json()) as { roles: string[] };
      expect(body.roles).toEqual(['county_admin']);
    });
    expect(statements.some((s) => s.sql.includes('get_my_permissions'))).toBe(true);
    const last = (await replay(tdb.db, statements)) as { rows: Array<Record<string, unknown>> };
    expect(JSON.stringify(last.rows[0])).toContain('county_admin');
  });

  it('measures side by side and finds the entry scripts of a built page', async () => {
    let calls = 0;
    const stats = await measureInterleaved([{ id: 'a', run: async () => void calls++ }, { id: 'b', run: async () => void calls++ }], { warmup: 1, iterations: 5, budgetMs: 1_000 });
    expect(calls).toBe(12);
    expect(stats.a?.n).toBe(5);
    expect(summarize([1, 2, 3, 4, 100]).p50).toBe(3);
    expect(summarize(Array.from({ length: 100 }, (_, i) => i + 1)).p95).toBe(95);
    expect(entryScripts('<script type="module" crossorigin src="/assets/index-1.js"></script><link rel="modulepreload" href="/assets/react-2.js"><link rel="preload" href="/x.css" as="style"><script src="https://cdn/x.js"></script>'))
      .toEqual(['/assets/index-1.js', '/assets/react-2.js']);
  });
});
