import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPostgresBinDir, startThrowawayCluster, type ThrowawayCluster } from '../src/db/pg-cluster.ts';
import { openPostgres } from '../src/db/postgres.ts';
import { runAs } from '../src/request-context.ts';

describe.skipIf(!findPostgresBinDir())('Postgres adapter: prepared statements inside transactions', () => {
  let cluster: ThrowawayCluster;
  beforeAll(async () => {
    cluster = await startThrowawayCluster();
  });
  afterAll(() => cluster?.destroy());

  const pid = `select pg_backend_pid() as pid`;

  it('prepares each statement once per connection and reuses it', async () => {
    const db = await openPostgres({ connectionString: cluster.url, max: 1 });
    try {
      const sql = `select $1::int + 1 as n`;
      for (const n of [1, 2, 3]) expect((await db.tx((q) => q.query<{ n: number }>(sql, [n]))).rows[0]!.n).toBe(n + 1);
      const statements = await db.tx(async (q) => {
        await q.query(sql, [9]);
        return (await q.query<{ statement: string }>(`select statement from pg_prepared_statements order by prepare_time`)).rows;
      });
      expect(statements.filter((s) => s.statement === sql)).toHaveLength(1);
    } finally {
      await db.close();
    }
  });

  it('closes a connection that holds more than the limit, and can be turned off', async () => {
    const db = await openPostgres({ connectionString: cluster.url, max: 1, preparedStatements: 2 });
    try {
      const first = (await db.tx((q) => q.query<{ pid: number }>(pid))).rows[0]!.pid;
      await db.tx(async (q) => {
        await q.query(`select 1 as a`);
        await q.query(`select 2 as b`); // third distinct statement on this connection
      });
      const next = (await db.tx((q) => q.query<{ pid: number }>(pid))).rows[0]!.pid;
      expect(next).not.toBe(first);
    } finally {
      await db.close();
    }
    const off = await openPostgres({ connectionString: cluster.url, max: 1, preparedStatements: 0 });
    try {
      const rows = await off.tx(async (q) => {
        await q.query(`select 3 as c`);
        return (await q.query(`select name from pg_prepared_statements`)).rows;
      });
      expect(rows).toEqual([]);
    } finally {
      await off.close();
    }
  });

  it('after a schema change that alters a prepared result type, the next transaction runs on a fresh connection', async () => {
    const db = await openPostgres({ connectionString: cluster.url, max: 1 });
    try {
      await db.exec(`drop table if exists adapter_t; create table adapter_t (a int); insert into adapter_t values (1)`);
      const star = `select * from adapter_t where a = $1`;
      expect((await db.tx((q) => q.query(star, [1]))).rows).toEqual([{ a: 1 }]);
      await db.exec(`alter table adapter_t add column b text default 'x'`);
      await expect(db.tx((q) => q.query(star, [1]))).rejects.toMatchObject({ code: '0A000' });
      expect((await db.tx((q) => q.query(star, [1]))).rows).toEqual([{ a: 1, b: 'x' }]);
    } finally {
      await db.close();
    }
  });

  it('runAs sends its settings with the statement (pipelined), in order; a failed setting is the error reported', async () => {
    const db = await openPostgres({ connectionString: cluster.url, max: 1 });
    try {
      expect(db.pipelined).toBe(true);
      await db.exec(`do $$ begin if not exists (select 1 from pg_roles where rolname = 'adapter_reader') then create role adapter_reader; end if; end $$`);
      const who = `select current_user::text as "user", current_setting('request.jwt.claim.sub', true) as sub,
                          current_setting('transaction_read_only') as ro, (select count(*)::int from pg_prepared_statements) >= 0 as ok`;
      const seen = await runAs(db, { role: 'adapter_reader', claims: { sub: 'u-1' } }, (q) => q.query(who), { readOnly: true });
      expect(seen.rows[0]).toMatchObject({ user: 'adapter_reader', sub: 'u-1', ro: 'on' });
      // The statement was sent behind settings that fail: the settings' error, not 25P02, is reported.
      await expect(runAs(db, { role: 'no_such_role', claims: {} }, (q) => q.query(who))).rejects.toThrow(/role "no_such_role" does not exist/);
      // Nothing is left behind on the (only) connection: no role, no claims, no open transaction.
      const after = await db.tx((q) => q.query<{ user: string; sub: string | null }>(who));
      expect(after.rows[0]!.user).not.toBe('adapter_reader');
      expect(after.rows[0]!.sub ?? '').toBe('');
    } finally {
      await db.close();
    }
  });

  it('queryThenCommit commits with the last statement, rolls back when it fails, and refuses statements after it', async () => {
    const db = await openPostgres({ connectionString: cluster.url, max: 1 });
    try {
      await db.exec(`drop table if exists adapter_c; create table adapter_c (a int primary key)`);
      const inserted = await db.tx(async (q) => {
        void q.query(`insert into adapter_c values (1)`);
        return q.queryThenCommit!<{ a: number }>(`insert into adapter_c values (2) returning a`);
      });
      expect(inserted.rows).toEqual([{ a: 2 }]);
      // The last statement fails: the whole transaction is rolled back and its error reported.
      await expect(
        db.tx(async (q) => {
          await q.query(`insert into adapter_c values (3)`);
          return q.queryThenCommit!(`insert into adapter_c values (1)`);
        }),
      ).rejects.toMatchObject({ code: '23505' });
      await expect(
        db.tx(async (q) => {
          await q.queryThenCommit!(`insert into adapter_c values (4)`);
          return q.query(`insert into adapter_c values (5)`);
        }),
      ).rejects.toThrow(/committed with its last statement/);
      const rows = await db.query<{ a: number }>(`select a from adapter_c order by a`);
      expect(rows.rows.map((r) => r.a)).toEqual([1, 2, 4]);
      // The connection is idle (no transaction left open) for the next one.
      const state = await db.tx((q) => q.query<{ n: number }>(`select count(*)::int as n from adapter_c`));
      expect(state.rows[0]!.n).toBe(3);
    } finally {
      await db.close();
    }
  });
});
