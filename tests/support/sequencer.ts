/**
 * Test file order: the longest integration files first, so that the two workers finish together
 * instead of one running backup.test alone at the end.
 *
 * Vitest orders files by the durations of the last run (node_modules/.vite/vitest), longest first.
 * A fresh clone (CI) has no such cache and vitest falls back to file size, which put the longest
 * file (~100 s on PGlite) 70 s into the run. Here, an integration file without a cached duration
 * takes the estimate below (seconds on PGlite, on a quiet 2-core machine; only the order matters,
 * so a rough number is enough — add a file when it takes more than ~8 s). Other projects keep
 * vitest's order.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import path from 'node:path';

const ESTIMATED_SECONDS: Record<string, number> = {
  'packages/local-supabase/test/backup.test.ts': 60,
  'packages/local-supabase/test/cli.test.ts': 45,
  'tests/rls/matrix.test.ts': 15,
  'packages/local-supabase/test/resilience.test.ts': 15,
  'packages/local-supabase/test/gateway.test.ts': 12,
  'packages/local-supabase/test/auth.test.ts': 12,
  'packages/local-supabase/test/timeouts.test.ts': 10,
  'tests/integration/bench/bench-smoke.test.ts': 8,
};

export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const root = this.ctx.config.root;
    const weight = (spec: TestSpecification): number => {
      const file = path.relative(root, spec.moduleId).split(path.sep).join('/');
      const cached = this.ctx.cache.getFileTestResults(`${spec.project.name}:${file}`);
      return cached ? cached.duration / 1000 : (ESTIMATED_SECONDS[file] ?? 0);
    };
    const integration = sorted.filter((spec) => spec.project.name === 'integration');
    // stable: files of equal weight keep vitest's order
    const reordered = integration
      .map((spec, index) => ({ spec, index, weight: weight(spec) }))
      .sort((a, b) => b.weight - a.weight || a.index - b.index)
      .map((entry) => entry.spec);
    let next = 0;
    return sorted.map((spec) => (spec.project.name === 'integration' ? reordered[next++]! : spec));
  }
}
