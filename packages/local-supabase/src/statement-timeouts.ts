/**
 * Statement timeouts per API role, as Supabase sets them and PostgREST applies them: Supabase gives
 * `anon` 3 s and `authenticated` 8 s (`alter role … set statement_timeout`), `service_role` none.
 * `set role` does not apply a role's settings, so PostgREST reads them (pg_db_role_setting) and sets
 * them transaction-locally for the impersonated role on every request; `runAs` does the same.
 */
import type { Database } from './db/types.ts';

/** Milliseconds per role; `null` = no limit. Roles not listed use their database setting. */
export type StatementTimeouts = Record<string, number | null>;

/** `3s`, `500ms`, `1min`, `0`, or a plain number of milliseconds, as Postgres reads the setting. */
export function parseDurationMs(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|min|h|d)?\s*$/i.exec(text);
  if (!m) throw new Error(`Not a duration: "${text}" (use e.g. 3s, 500ms, 1min)`);
  const unit = (m[2] ?? 'ms').toLowerCase() as 'ms' | 's' | 'min' | 'h' | 'd';
  const ms = Number(m[1]) * { ms: 1, s: 1000, min: 60_000, h: 3_600_000, d: 86_400_000 }[unit];
  return ms > 0 ? Math.round(ms) : null;
}

/** `anon=3s,authenticated=8s,service_role=0` (LOCAL_SUPABASE_STATEMENT_TIMEOUTS). */
export function parseStatementTimeouts(text: string | undefined): StatementTimeouts {
  const out: StatementTimeouts = {};
  for (const part of (text ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new Error(`LOCAL_SUPABASE_STATEMENT_TIMEOUTS: expected role=duration, got "${part}"`);
    out[part.slice(0, eq).trim()] = parseDurationMs(part.slice(eq + 1));
  }
  return out;
}

/** Role settings are re-read at most this often: `alter role … set statement_timeout` takes effect without a restart. */
const ROLE_SETTINGS_MAX_AGE_MS = 10_000;

/** The timeout of each role: configured overrides first, else the role's setting in the database. */
export class StatementTimeoutPolicy {
  #fromDb: Promise<Map<string, number | null>> | undefined;
  /** What #fromDb resolved to, while it is the current load. */
  #settled: { from: Promise<Map<string, number | null>>; map: Map<string, number | null> } | undefined;
  #loadedAt = 0;

  constructor(
    private readonly db: Database,
    private readonly overrides: StatementTimeouts = {},
  ) {}

  async #roleSettings(): Promise<Map<string, number | null>> {
    if (!this.#fromDb || !this.#fresh()) {
      this.#loadedAt = Date.now();
      const next = this.db
        .query<{ rolname: string; value: string }>(
          `select r.rolname::text as rolname, split_part(c, '=', 2) as value
             from pg_db_role_setting s
             join pg_roles r on r.oid = s.setrole
             cross join lateral unnest(s.setconfig) as c
            where s.setdatabase in (0, (select oid from pg_database where datname = current_database()))
              and c like 'statement_timeout=%'
            order by s.setdatabase`,
        )
        .then((res) => {
          const map = new Map<string, number | null>();
          // Database-specific settings come last and win, as in Postgres.
          for (const row of res.rows) map.set(row.rolname, parseDurationMs(row.value));
          this.#settled = { from: next, map };
          return map;
        });
      next.catch(() => {
        if (this.#fromDb === next) this.#fromDb = undefined;
      });
      this.#fromDb = next;
    }
    return this.#fromDb;
  }

  #fresh(): boolean {
    return Date.now() - this.#loadedAt <= ROLE_SETTINGS_MAX_AGE_MS;
  }

  /**
   * `forRole` without waiting, when the answer is already known (an override, or the role settings
   * loaded less than 10 s ago); undefined when `forRole` would read the database first.
   */
  forRoleNow(role: string): number | null | undefined {
    if (Object.hasOwn(this.overrides, role)) return this.overrides[role] ?? null;
    const settled = this.#settled;
    if (!settled || settled.from !== this.#fromDb || !this.#fresh()) return undefined;
    return settled.map.get(role) ?? null;
  }

  /** Milliseconds for `role`, or null for no limit. */
  async forRole(role: string): Promise<number | null> {
    const known = this.forRoleNow(role);
    if (known !== undefined) return known;
    return (await this.#roleSettings()).get(role) ?? null;
  }
}

const policies = new WeakMap<Database, StatementTimeoutPolicy>();

/** Attach a timeout policy to a database: every `runAs` on it applies the caller role's timeout. */
export function useStatementTimeouts(db: Database, overrides: StatementTimeouts = {}): StatementTimeoutPolicy {
  const policy = new StatementTimeoutPolicy(db, overrides);
  policies.set(db, policy);
  return policy;
}

export function statementTimeoutsOf(db: Database): StatementTimeoutPolicy | undefined {
  return policies.get(db);
}
