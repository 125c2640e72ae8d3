import type { Database } from '../db/types.ts';

/** Failed-password counters: in memory (one process serves) or in the database (several do). */
export interface Throttle {
  reserve(limits: ReadonlyArray<readonly [key: string, max: number]>): boolean | Promise<boolean>;
  settle(key: string, failed: boolean): void | Promise<void>;
  clear(key: string): void | Promise<void>;
}

/**
 * Counts failed password attempts per key in a sliding window (in memory: one process serves).
 * Attempts are reserved before they are evaluated, in one synchronous step, so requests sent at
 * once cannot all pass the check before any failure is recorded: failures plus attempts still
 * being evaluated never exceed the limit.
 */
export class FailureThrottle implements Throttle {
  readonly #failures = new Map<string, number[]>();
  readonly #pending = new Map<string, number>();

  constructor(private readonly windowMs: number) {}

  #recent(key: string, now: number): number[] {
    const list = (this.#failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length) this.#failures.set(key, list);
    else this.#failures.delete(key);
    return list;
  }

  /** True when `key` already has `max` failures in the window. */
  blocked(key: string, max: number, now = Date.now()): boolean {
    return this.#recent(key, now).length >= max;
  }

  /**
   * Reserve one attempt on every key, or none when any key's failures plus pending attempts already
   * reach its limit. Each reservation must be settled with `settle`.
   */
  reserve(limits: ReadonlyArray<readonly [key: string, max: number]>, now = Date.now()): boolean {
    for (const [key, max] of limits) {
      if (this.#recent(key, now).length + (this.#pending.get(key) ?? 0) >= max) return false;
    }
    for (const [key] of limits) this.#pending.set(key, (this.#pending.get(key) ?? 0) + 1);
    return true;
  }

  /** End a reserved attempt: a failure is counted in the window, a success is not. */
  settle(key: string, failed: boolean, now = Date.now()): void {
    const left = (this.#pending.get(key) ?? 1) - 1;
    if (left > 0) this.#pending.set(key, left);
    else this.#pending.delete(key);
    if (failed) this.record(key, now);
  }

  record(key: string, now = Date.now()): void {
    this.#failures.set(key, [...this.#recent(key, now), now]);
  }

  clear(key: string): void {
    this.#failures.delete(key);
  }
}

/** A reservation not settled within this long (its process died) stops counting. */
const PENDING_TTL = "interval '60 seconds'";

/**
 * The same counters in `auth.login_throttle`, for several serving processes (`workers`): one
 * transaction locks the keys' rows (in key order, so two reservations cannot deadlock), checks
 * failures in the window plus pending attempts against each limit, and reserves on every key or
 * none — the guarantee of the in-memory throttle, across processes.
 */
export class DatabaseThrottle implements Throttle {
  constructor(
    private readonly db: Database,
    private readonly windowMs: number,
  ) {}

  async reserve(limits: ReadonlyArray<readonly [key: string, max: number]>): Promise<boolean> {
    const keys = limits.map(([k]) => k);
    const maxes = limits.map(([, m]) => m);
    return this.db.tx(async (q) => {
      await q.query('insert into auth.login_throttle (key) select unnest($1::text[]) order by 1 on conflict do nothing', [keys]);
      const { rows } = await q.query<{ ok: boolean }>(
        `with k as (select key, max from unnest($1::text[], $2::int[]) as u(key, max)),
              locked as (select t.key, t.failures, t.pending from auth.login_throttle t where t.key = any($1::text[]) order by t.key for update)
         select coalesce(bool_and(
                  (select count(*) from unnest(l.failures) f where f > now() - make_interval(secs => $3::float8 / 1000))
                + (select count(*) from unnest(l.pending) p where p > now() - ${PENDING_TTL}) < k.max), false) as ok
           from k join locked l using (key)`,
        [keys, maxes, this.windowMs],
      );
      if (!rows[0]?.ok) return false;
      await q.query(
        `update auth.login_throttle
            set pending = array_append(array(select p from unnest(pending) p where p > now() - ${PENDING_TTL}), clock_timestamp())
          where key = any($1::text[])`,
        [keys],
      );
      return true;
    });
  }

  async settle(key: string, failed: boolean): Promise<void> {
    await this.db.query(
      `update auth.login_throttle
          set pending = pending[2:],
              failures = case when $2 then array_append(array(select f from unnest(failures) f where f > now() - make_interval(secs => $3::float8 / 1000)), clock_timestamp()) else failures end
        where key = $1`,
      [key, failed, this.windowMs],
    );
  }

  async clear(key: string): Promise<void> {
    await this.db.query(`update auth.login_throttle set failures = '{}' where key = $1`, [key]);
  }
}
