/**
 * Persona × table × operation matrix on the demo seed: for every case, the listed personas may do
 * it and every other persona (anon included) is refused — by an error or by seeing/changing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@tuoyu/local-supabase/testing.ts';
import { PERSONAS, denied, run, type PersonaName } from './personas.ts';
import { SELECT_CASES, WRITE_CASES } from './matrix.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
});
afterAll(async () => {
  await t?.drop();
});

describe('select: who sees which rows', () => {
  for (const c of SELECT_CASES) {
    it(`${c.table}: ${c.what}`, async () => {
      const seen: Partial<Record<PersonaName, number>> = {};
      const want: Partial<Record<PersonaName, number>> = {};
      for (const who of PERSONAS) {
        const o = await run<{ n: number }>(t.db, who, c.sql);
        const n = o.error ? 0 : (o.rows[0]?.n ?? 0);
        const expected = c.expected[who] ?? c.otherwise;
        seen[who] = expected === -1 ? (n > 0 ? -1 : 0) : n;
        want[who] = expected;
        if (o.error && expected !== 0) throw new Error(`${who}: ${o.error.message}`);
      }
      expect(seen).toEqual(want);
    });
  }
});

describe('insert / update / delete: allowed and forbidden', () => {
  for (const c of WRITE_CASES) {
    it(`${c.table} ${c.op}: ${c.what} — allowed for ${c.allowed.join(', ') || 'nobody'}`, async () => {
      const result: Record<string, string> = {};
      const want: Record<string, string> = {};
      for (const who of PERSONAS) {
        const o = await run(t.db, who, c.sql, c.params ?? []);
        result[who] = denied(o) ? 'denied' : 'allowed';
        want[who] = c.allowed.includes(who) ? 'allowed' : 'denied';
        if (want[who] === 'allowed' && o.error) result[who] = `error: ${o.error.message}`;
      }
      expect(result).toEqual(want);
    });
  }
});
