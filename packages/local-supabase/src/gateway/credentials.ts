import type { Database } from '../db/types.ts';
import { JwtError, verifyJwt, type JwtClaims } from '../jwt.ts';
import type { RequestAuth } from '../request-context.ts';

/** The caller's credentials as Supabase's gateway reads them: the Bearer token wins over `apikey`. */
export interface Credentials {
  /** The token that decides the role (Bearer, else apikey header, else `?apikey=`). */
  token: string | null;
  apikey: string | null;
}

export function readCredentials(req: Request): Credentials {
  const authorization = req.headers.get('authorization');
  const bearer = authorization && /^bearer\s+/i.test(authorization) ? authorization.replace(/^bearer\s+/i, '').trim() : null;
  const apikey = req.headers.get('apikey') ?? new URL(req.url).searchParams.get('apikey');
  return { token: bearer || apikey || null, apikey };
}

/**
 * Verifies tokens and turns them into a `RequestAuth` (role + claims), as PostgREST does: the role
 * claim must name a real, non-superuser role that `authenticator` may switch to.
 */
export class CredentialResolver {
  #roles: Set<string> | undefined;
  #loadedAt = 0;

  constructor(
    private readonly db: Database,
    private readonly jwtSecret: string,
  ) {}

  async #switchableRoles(refresh: boolean): Promise<Set<string>> {
    if (this.#roles && !(refresh && Date.now() - this.#loadedAt > 1000)) return this.#roles;
    const { rows } = await this.db.query<{ rolname: string }>(
      `select r.rolname::text as rolname from pg_roles r
        where not r.rolsuper and r.rolname <> 'authenticator'
          and exists (select 1 from pg_roles a where a.rolname = 'authenticator')
          and pg_has_role('authenticator', r.oid, 'member')`,
    );
    this.#roles = new Set(rows.map((r) => r.rolname));
    this.#loadedAt = Date.now();
    return this.#roles;
  }

  /** Verify a token and check its role; throws JwtError (→ 401). */
  async verify(token: string): Promise<RequestAuth> {
    const claims: JwtClaims = await verifyJwt(token, this.jwtSecret);
    const role = typeof claims.role === 'string' && claims.role ? claims.role : 'anon';
    let roles = await this.#switchableRoles(false);
    if (!roles.has(role)) roles = await this.#switchableRoles(true);
    if (!roles.has(role)) throw new JwtError('PGRST301', `JWT role "${role}" is not allowed`);
    return { role, claims: { ...claims, role } };
  }

  /** The auth of a request, or null when it carries no key at all. */
  async resolve(req: Request): Promise<RequestAuth | null> {
    const { token } = readCredentials(req);
    if (!token) return null;
    return this.verify(token);
  }
}
