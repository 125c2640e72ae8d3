import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPostgresBinDir, startThrowawayCluster, type ThrowawayCluster } from '../src/db/pg-cluster.ts';
import { openPostgres } from '../src/db/postgres.ts';
import { runAs, runOneAs } from '../src/request-context.ts';
import { testDbKind } from '../src/testing.ts';

// On a throwaway cluster, not the TEST_DB database: it runs in the TEST_DB=postgres run only (the
// PGlite run repeated the same assertions on the same binaries).
describe.skipIf(!findPostgresBinDir() || testDbKind() !== 'postgres')('Postgres adapter: prepared statements inside transactions', () => {
  let cluster: ThrowawayCluster;
  beforeAll(async () => {
    cluster = await startThrowawayCluster();
  });
  afterAll(() => cluster?.destroy());

  const pid = `select pg_backend_pid() as pid`;

  /**
   * A one-connection adapter that records every simple-protocol query it sends (BEGIN, COMMIT and
   * ROLLBACK go that way), with the role the tests switch to.
   */
  async function openRecordingSimpleQueries() {
    const db = await openPostgres({ connectionString: cluster.url, max: 1 });
    const simple: string[] = [];
    db.pool.on('connect', (client) => {
      const con = (client as unknown as { connection: { query(text: string): void } }).connection;
      const send = con.query.bind(con);
      con.query = (text: string) => {
        simple.push(text);
        send(text);
      };
    });
    await db.exec(`do $$ begin if not exists (select 1 from pg_roles where rolname = 'adapter_reader') then create role adapter_reader; end if; end $$`);
    return { db, simple };
  }

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

  it('a transaction ending in queryThenCommit is one implicit transaction: no BEGIN or COMMIT, settings local to it', async () => {
    const { db, simple } = await openRecordingSimpleQueries();
    try {
      await db.exec(`drop table if exists adapter_i; create table adapter_i (a int primary key); grant select, insert on adapter_i to adapter_reader`);
      simple.length = 0;
      const who = `select current_user::text as "user", current_setting('request.jwt.claim.sub', true) as sub, current_setting('transaction_read_only') as ro`;
      const seen = await runAs(db, { role: 'adapter_reader', claims: { sub: 'u-2' } }, (q) => q.queryThenCommit!(who), { readOnly: true });
      expect(seen.rows[0]).toMatchObject({ user: 'adapter_reader', sub: 'u-2', ro: 'on' });
      expect(simple).toEqual([]);
      // The settings were transaction-local: the next transaction on the one connection has none of them.
      const after = await db.tx((q) => q.queryThenCommit!<{ user: string; sub: string | null; ro: string }>(who));
      expect(after.rows[0]).toMatchObject({ ro: 'off' });
      expect(after.rows[0]!.user).not.toBe('adapter_reader');
      expect(after.rows[0]!.sub ?? '').toBe('');
      // Read only holds for the statement after the settings.
      await expect(
        runAs(db, { role: 'adapter_reader', claims: {} }, (q) => q.queryThenCommit!(`insert into adapter_i values (1)`), { readOnly: true }),
      ).rejects.toMatchObject({ code: '25006' });
      // A failed setting is the error reported; the statement after it never ran.
      await expect(
        runAs(db, { role: 'no_such_role', claims: {} }, (q) => q.queryThenCommit!(`insert into adapter_i values (2)`)),
      ).rejects.toThrow(/role "no_such_role" does not exist/);
      // Writes commit at the Sync; a statement that fails rolls back the statements before it.
      await runAs(db, { role: 'adapter_reader', claims: {} }, (q) => q.queryThenCommit!(`insert into adapter_i values (3)`));
      await expect(
        db.tx(async (q) => {
          void q.query(`insert into adapter_i values (4)`);
          return q.queryThenCommit!(`insert into adapter_i values (3)`);
        }),
      ).rejects.toMatchObject({ code: '23505' });
      expect(simple).toEqual([]);
      expect((await db.query<{ a: number }>(`select a from adapter_i order by a`)).rows).toEqual([{ a: 3 }]);
      // A statement awaited before the last one needs an explicit transaction: BEGIN … COMMIT as before.
      simple.length = 0;
      await db.tx(async (q) => {
        await q.query(`select 1`);
        return q.queryThenCommit!(`select 2`);
      });
      expect(simple).toEqual(['begin', 'commit']);
    } finally {
      await db.close();
    }
  });

  it('a failure at commit (a deferred constraint) is reported by the last statement and nothing is kept', async () => {
    const db = await openPostgres({ connectionString: cluster.url, max: 1 });
    try {
      await db.exec(`drop table if exists adapter_d; create table adapter_d (a int, constraint adapter_d_u unique (a) deferrable initially deferred)`);
      await expect(
        db.tx(async (q) => {
          void q.query(`insert into adapter_d values (1)`);
          return q.queryThenCommit!(`insert into adapter_d values (1) returning a`);
        }),
      ).rejects.toMatchObject({ code: '23505' });
      expect((await db.query(`select * from adapter_d`)).rows).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('keeps track of which statements a connection has prepared when a batch fails half way', async () => {
    const db = await openPostgres({ connectionString: cluster.url, max: 1 });
    try {
      await db.exec(`drop table if exists adapter_p; create table adapter_p (a int primary key); insert into adapter_p values (1)`);
      const insert = `insert into adapter_p values ($1::int) returning a`;
      const count = `select count(*)::int as n from adapter_p where a >= $1`;
      const fails = `select 1 / $1::int as x`;
      const batch = (first: string, firstParams: unknown[], last: string, lastParams: unknown[]) =>
        db.tx(async (q) => {
          // As runAs does: when the first statement fails, its error is the one reported.
          const a = q.query(first, firstParams);
          a.catch(() => {});
          try {
            return await q.queryThenCommit!<{ n: number }>(last, lastParams);
          } catch (error) {
            await a;
            throw error;
          }
        });
      // Parsed, then failed when executed: the connection holds the statement (no second Parse, 42P05).
      await expect(batch(fails, [0], count, [0])).rejects.toMatchObject({ code: '22012' });
      // `count` was skipped after the failure, so it was never prepared: it must be parsed now (26000 otherwise).
      expect((await batch(fails, [1], count, [0])).rows).toEqual([{ n: 1 }]);
      await expect(batch(insert, [1], count, [0])).rejects.toMatchObject({ code: '23505' });
      expect((await batch(insert, [2], count, [0])).rows).toEqual([{ n: 2 }]);
      // A statement that fails to parse leaves nothing behind either.
      await expect(batch(`select nope from adapter_p where a = $1`, [1], count, [0])).rejects.toMatchObject({ code: '42703' });
      expect((await batch(insert, [3], count, [0])).rows).toEqual([{ n: 3 }]);
      const statements = await db.tx((q) => q.query<{ n: number }>(`select count(*)::int as n from pg_prepared_statements`));
      expect(statements.rows[0]!.n).toBeGreaterThanOrEqual(3);
    } finally {
      await db.close();
    }
  });

  it('runOneAs (the REST read path): settings and statement under one Sync, settings local, read only, errors as runAs reports them', async () => {
    const { db, simple } = await openRecordingSimpleQueries();
    try {
      await db.exec(`drop table if exists adapter_o; create table adapter_o (a int primary key); grant select, insert on adapter_o to adapter_reader`);
      simple.length = 0;
      const who = `select current_user::text as "user", current_setting('request.jwt.claim.sub', true) as sub, current_setting('transaction_read_only') as ro,
        current_setting('request.headers', true) as headers, current_setting('search_path') as path, $1::text as echo`;
      const seen = await runOneAs<{ user: string; sub: string; ro: string; headers: string; path: string; echo: string }>(
        db,
        { role: 'adapter_reader', claims: { sub: 'u-3', role: 'adapter_reader' } },
        who,
        ['x'],
        { readOnly: true, headers: { a: '1' }, searchPath: '"public"' },
      );
      // Only the statement's own row comes back.
      expect(seen.rows).toEqual([{ user: 'adapter_reader', sub: 'u-3', ro: 'on', headers: '{"a":"1"}', path: '"public"', echo: 'x' }]);
      expect(simple).toEqual([]);
      // Nothing of it is left for the next transaction on the one connection.
      const after = await db.tx((q) => q.queryThenCommit!<{ user: string; sub: string | null; ro: string }>(who, ['y']));
      expect(after.rows[0]).toMatchObject({ ro: 'off', echo: 'y' });
      expect(after.rows[0]!.user).not.toBe('adapter_reader');
      expect(after.rows[0]!.sub ?? '').toBe('');
      await expect(runOneAs(db, { role: 'adapter_reader', claims: {} }, `insert into adapter_o values (1)`, [], { readOnly: true })).rejects.toMatchObject({ code: '25006' });
      await expect(runOneAs(db, { role: 'no_such_role', claims: {} }, `insert into adapter_o values (2)`, [])).rejects.toThrow(/role "no_such_role" does not exist/);
      await runOneAs(db, { role: 'adapter_reader', claims: {} }, `insert into adapter_o values (3)`, []);
      await expect(runOneAs(db, { role: 'adapter_reader', claims: {} }, `insert into adapter_o values (3)`, [])).rejects.toMatchObject({ code: '23505' });
      expect(simple).toEqual([]);
      expect((await db.query<{ a: number }>(`select a from adapter_o order by a`)).rows).toEqual([{ a: 3 }]);
    } finally {
      await db.close();
    }
  });

  it('with every connection busy, transactions wait their turn and get the connection the previous one hands back', async () => {
    const db = await openPostgres({ connectionString: cluster.url, max: 2 });
    const connections: number[] = [];
    db.pool.on('connect', () => connections.push(connections.length));
    try {
      await db.exec(`do $$ begin if not exists (select 1 from pg_roles where rolname = 'adapter_reader') then create role adapter_reader; end if; end $$`);
      const slow = `select pg_sleep(0.05), $1::int as n`;
      const all = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          i % 3 === 0
            ? db.tx((q) => q.query<{ n: number }>(slow, [i]))
            : i % 3 === 1
              ? runOneAs<{ n: number }>(db, { role: 'adapter_reader', claims: {} }, slow, [i])
              : db.query<{ n: number }>(slow, [i]),
        ),
      );
      expect(all.map((r) => r.rows[0]!.n)).toEqual(Array.from({ length: 12 }, (_, i) => i));
      // Never more connections than the pool's maximum.
      expect(connections.length).toBeLessThanOrEqual(2);
      // Clients kept between transactions go back to pg-pool after ≈2 s unused; a burst that then
      // finds pg-pool's idle clients taken waits in pg-pool's queue and is served by the next release.
      await new Promise((resolve) => setTimeout(resolve, 2_300));
      const burst = await Promise.all(Array.from({ length: 8 }, (_, i) => runOneAs<{ n: number }>(db, { role: 'adapter_reader', claims: {} }, slow, [i])));
      expect(burst.map((r) => r.rows[0]!.n)).toEqual(Array.from({ length: 8 }, (_, i) => i));
      // A statement that fails gives its connection up (destroyed, as pg-pool's query does); the next one gets a new one.
      await expect(db.query(`select 1 / 0`)).rejects.toMatchObject({ code: '22012' });
      expect((await db.query<{ n: number }>(`select 1 as n`)).rows).toEqual([{ n: 1 }]);
    } finally {
      await db.close();
    }
  });
});
