/**
 * WeChat refuses to upload a mini-program whose main package or any subpackage exceeds 2 MB
 * (total ≤ 20 MB). Measured on the real build in miniapp/dist/weapp, subpackage roots from app.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@tuoyu/local-supabase/testing.ts';
import type { AppJson } from '../../support/wx-sim/index.ts';
import { weappBuildBeforeAll } from '../support/weapp-build.ts';

const WEAPP_DIST = path.join(REPO_ROOT, 'miniapp', 'dist', 'weapp');
const PACKAGE_LIMIT = 2 * 1024 * 1024;
const TOTAL_LIMIT = 20 * 1024 * 1024;

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/** Bytes per package: '' = main package, else the subpackage root. Licence notes are not uploaded. */
export function weappPackageSizes(dist: string): Map<string, number> {
  const appJson = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8')) as AppJson;
  const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map((sub) => sub.root.replace(/\/+$/, ''));
  const sizes = new Map<string, number>([['', 0], ...roots.map((root): [string, number] => [root, 0])]);
  for (const file of filesUnder(dist)) {
    const relative = path.relative(dist, file).split(path.sep).join('/');
    if (relative.endsWith('.LICENSE.txt')) continue;
    const root = roots.find((r) => relative.startsWith(`${r}/`)) ?? '';
    sizes.set(root, (sizes.get(root) ?? 0) + fs.statSync(file).size);
  }
  return sizes;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

describe('weapp package sizes', () => {
  weappBuildBeforeAll();

  it('keeps the main package and every subpackage under 2 MB', () => {
    expect(fs.existsSync(path.join(WEAPP_DIST, 'app.json')), `no build in ${WEAPP_DIST}`).toBe(true);
    const sizes = weappPackageSizes(WEAPP_DIST);
    const total = [...sizes.values()].reduce((sum, size) => sum + size, 0);
    console.log(
      `[weapp size] main ${kb(sizes.get('') ?? 0)}; ` +
        [...sizes].filter(([root]) => root).map(([root, size]) => `${root} ${kb(size)}`).join('; ') +
        `; total ${kb(total)}`,
    );
    expect(sizes.size, 'app.json lists at least one subpackage (each feature is one)').toBeGreaterThan(1);
    for (const [root, size] of sizes) {
      expect(size, `${root || 'main package'} is ${kb(size)}, over WeChat's 2 MB`).toBeLessThanOrEqual(PACKAGE_LIMIT);
    }
    expect(total).toBeLessThanOrEqual(TOTAL_LIMIT);
  });
});
