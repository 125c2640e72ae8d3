/**
 * Bundle sizes: the mini-program weapp main package and total (miniapp/dist/weapp), the H5
 * first-load JS gzipped (scripts index.html loads, miniapp/dist/h5) and the admin first-route JS
 * gzipped (the module entry plus its modulepreloads, admin/dist). A missing dist is built when
 * allowed, otherwise reported as "not built".
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchContext, Scenario, ScenarioOutput } from '../lib/context.ts';
import type { CheckResult } from '../lib/results.ts';

export const SIZE_GOALS_KB = { weappMain: 600, h5FirstLoad: 200, adminFirstRoute: 600 } as const;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Script URLs an HTML entry loads up front (classic scripts, module entries, modulepreloads). */
export function entryScripts(html: string): string[] {
  const urls = new Set<string>();
  for (const m of html.matchAll(/<script\b[^>]*\bsrc=["']([^"']+)["'][^>]*>/g)) if (m[1]) urls.add(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*\brel=["'](?:modulepreload|preload)["'][^>]*>/g)) {
    const tag = m[0];
    if (/\brel=["']preload["']/.test(tag) && !/\bas=["']script["']/.test(tag)) continue;
    const href = /\bhref=["']([^"']+)["']/.exec(tag)?.[1];
    if (href) urls.add(href);
  }
  return [...urls].filter((u) => !/^(https?:)?\/\//.test(u));
}

function firstLoadGzip(distDir: string): { bytes: number; files: string[] } {
  const html = readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const files = entryScripts(html).map((u) => path.join(distDir, u.replace(/^\.?\//, '').replace(/[?#].*$/, '')));
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length) throw new Error(`index.html references missing files: ${missing.join(', ')}`);
  return { bytes: files.reduce((s, f) => s + gz(f), 0), files: files.map((f) => path.relative(distDir, f)) };
}

function ensureBuilt(ctx: BenchContext, dir: string, filter: string, script: string): boolean {
  if (existsSync(dir)) return true;
  if (!ctx.settings.buildMissing) return false;
  ctx.log(`building ${dir} (pnpm --filter ${filter} ${script})…`);
  try {
    execFileSync('pnpm', ['--filter', filter, script], { cwd: ctx.repoRoot, stdio: 'ignore', timeout: 900_000 });
  } catch (error) {
    ctx.log(`build failed: ${(error as Error).message.split('\n')[0]}`);
  }
  return existsSync(dir);
}

export const sizesScenario: Scenario = {
  id: 'sizes',
  label: 'bundle sizes',
  async run(ctx): Promise<ScenarioOutput> {
    const checks: CheckResult[] = [];
    const notBuilt = (id: string, label: string, goal: number | undefined, why: string): CheckResult => ({ id, label, value: null, unit: 'KB', goal, note: why });

    const weapp = path.join(ctx.repoRoot, 'miniapp', 'dist', 'weapp');
    if (ensureBuilt(ctx, weapp, '@tuoyu/miniapp', 'build:weapp') && existsSync(path.join(weapp, 'app.json'))) {
      const app = JSON.parse(readFileSync(path.join(weapp, 'app.json'), 'utf8')) as { subPackages?: Array<{ root: string }>; subpackages?: Array<{ root: string }> };
      const roots = [...(app.subPackages ?? []), ...(app.subpackages ?? [])].map((s) => s.root.replace(/\/?$/, '/'));
      const files = walk(weapp).filter((f) => !f.endsWith('.map'));
      let main = 0;
      let total = 0;
      for (const f of files) {
        const size = statSync(f).size;
        total += size;
        if (!roots.some((r) => path.relative(weapp, f).startsWith(r))) main += size;
      }
      checks.push({ id: 'size.weapp_main', label: 'weapp main package', value: kb(main), unit: 'KB', goal: SIZE_GOALS_KB.weappMain, pass: kb(main) <= SIZE_GOALS_KB.weappMain, note: `${roots.length} subpackages; WeChat limit 2048 KB` });
      checks.push({ id: 'size.weapp_total', label: 'weapp total (all packages)', value: kb(total), unit: 'KB', note: 'WeChat limit 20 MB' });
    } else {
      checks.push(notBuilt('size.weapp_main', 'weapp main package', SIZE_GOALS_KB.weappMain, 'not built (miniapp/dist/weapp missing; pnpm --filter @tuoyu/miniapp build:weapp)'));
      checks.push(notBuilt('size.weapp_total', 'weapp total (all packages)', undefined, 'not built'));
    }

    const h5 = path.join(ctx.repoRoot, 'miniapp', 'dist', 'h5');
    if (ensureBuilt(ctx, h5, '@tuoyu/miniapp', 'build:h5') && existsSync(path.join(h5, 'index.html'))) {
      const { bytes, files } = firstLoadGzip(h5);
      checks.push({ id: 'size.h5_first_load', label: 'H5 first-load JS (gzip)', value: kb(bytes), unit: 'KB', goal: SIZE_GOALS_KB.h5FirstLoad, pass: kb(bytes) <= SIZE_GOALS_KB.h5FirstLoad, note: files.join(' ') });
    } else {
      checks.push(notBuilt('size.h5_first_load', 'H5 first-load JS (gzip)', SIZE_GOALS_KB.h5FirstLoad, 'not built (miniapp/dist/h5 missing; pnpm --filter @tuoyu/miniapp build:h5)'));
    }

    const admin = path.join(ctx.repoRoot, 'admin', 'dist');
    if (ensureBuilt(ctx, admin, '@tuoyu/admin', 'build') && existsSync(path.join(admin, 'index.html'))) {
      const { bytes, files } = firstLoadGzip(admin);
      checks.push({ id: 'size.admin_first_route', label: 'admin first-route JS (gzip)', value: kb(bytes), unit: 'KB', goal: SIZE_GOALS_KB.adminFirstRoute, pass: kb(bytes) <= SIZE_GOALS_KB.adminFirstRoute, note: `entry + modulepreloads: ${files.join(' ')}` });
    } else {
      checks.push(notBuilt('size.admin_first_route', 'admin first-route JS (gzip)', SIZE_GOALS_KB.adminFirstRoute, 'not built (admin/dist missing; pnpm --filter @tuoyu/admin build)'));
    }
    for (const c of checks) ctx.log(`size ${c.id}: ${c.value === null ? c.note : `${c.value} KB`}`);
    return { checks };
  },
};
