import type { Database, Queryable } from './db/types.ts';

/** Who a request acts as, from its verified JWT (or the anon/service key). */
export interface RequestAuth {
  /** Postgres role to switch to: anon, authenticated, service_role (validated against pg_roles). */
  role: string;
  /** The JWT claims, exposed to SQL as `request.jwt.claims` (auth.uid(), auth.jwt()). */
  claims: Record<string, unknown>;
}

/**
 * Run `fn` in one transaction acting as `auth`, exactly as PostgREST does: role and claims are set
 * transaction-locally, so nothing can leak into the next request on a pooled connection.
 */
export async function runAs<T>(db: Database, auth: RequestAuth, fn: (q: Queryable) => Promise<T>): Promise<T> {
  return db.tx(async (q) => {
    const claims = JSON.stringify(auth.claims);
    await q.query(
      `select set_config('role', $1, true),
              set_config('request.jwt.claims', $2, true),
              set_config('request.jwt.claim.sub', coalesce($3, ''), true),
              set_config('request.jwt.claim.role', $1, true),
              set_config('request.method', $4, true)`,
      [auth.role, claims, typeof auth.claims.sub === 'string' ? auth.claims.sub : null, String(auth.claims['request.method'] ?? '')],
    );
    return fn(q);
  });
}
