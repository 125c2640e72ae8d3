/**
 * Acting as a demo persona (tests/support/fixtures.ts, + anon) in a transaction that is rolled
 * back, so every check starts from the seeded state. The fixtures are re-exported for the RLS files.
 */
import type { Database, Queryable } from '@tuoyu/local-supabase/db/types.ts';
import { runAs } from '@tuoyu/local-supabase/request-context.ts';
import { P, type PersonaName } from '../support/fixtures.ts';

export { C, DEMO_ACCOUNTS, F, I, P, PERSONAS, type DemoAccount, type PersonaName } from '../support/fixtures.ts';

export interface Outcome<T = Record<string, unknown>> {
  rows: T[];
  rowCount: number;
  error?: { message: string; code?: string };
}

class Rollback extends Error {}

/** Run `fn` as the persona inside a transaction that is always rolled back. */
export async function as<T>(db: Database, who: PersonaName, fn: (q: Queryable) => Promise<T>): Promise<T> {
  const auth =
    who === 'anon' || who === 'service'
      ? { role: who === 'anon' ? 'anon' : 'service_role', claims: { role: who === 'anon' ? 'anon' : 'service_role' } }
      : { role: 'authenticated', claims: { sub: P[who], role: 'authenticated', aud: 'authenticated' } };
  let result: T | undefined;
  try {
    await runAs(db, auth, async (q) => {
      result = await fn(q);
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return result as T;
}

/** One statement as the persona (rolled back); errors are returned, not thrown. */
export async function run<T = Record<string, unknown>>(
  db: Database,
  who: PersonaName,
  sql: string,
  params: unknown[] = [],
): Promise<Outcome<T>> {
  return as(db, who, async (q) => {
    try {
      const r = await q.query<T>(sql, params);
      // a SELECT (an RPC call) reports no affected rows: it counts by the rows it returned
      return { rows: r.rows, rowCount: r.rowCount || r.rows.length };
    } catch (error) {
      const e = error as { message: string; code?: string };
      // the failed statement aborts the transaction; the rollback above cleans up
      return { rows: [], rowCount: 0, error: { message: e.message, code: e.code } };
    }
  });
}

/** Forbidden = refused by the database (error) or no row affected/visible. */
export function denied(o: Outcome): boolean {
  return o.error !== undefined || o.rowCount === 0;
}
