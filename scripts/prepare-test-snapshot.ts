// `pnpm test` runs this at its start (scripts/test.mjs): the seeded PGlite test snapshot, made once
// per schema and seed (packages/local-supabase/src/testing.ts), ready before the tests that open it.
import { prepareSeededSnapshot } from '../packages/local-supabase/src/testing.ts';

const started = Date.now();
await prepareSeededSnapshot();
console.log(`seeded PGlite test snapshot ready after ${((Date.now() - started) / 1000).toFixed(0)} s`);
