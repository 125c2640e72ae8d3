import { randomUUID } from 'node:crypto';
import bcrypt from 'bcryptjs';
import type { Queryable } from '../db/types.ts';

/** A row of auth.users with the columns GoTrue's JSON needs. */
export interface UserRow {
  id: string;
  aud: string | null;
  role: string | null;
  email: string | null;
  encrypted_password: string | null;
  email_confirmed_at: Date | string | null;
  phone: string | null;
  phone_confirmed_at: Date | string | null;
  confirmed_at: Date | string | null;
  last_sign_in_at: Date | string | null;
  raw_app_meta_data: Record<string, unknown> | null;
  raw_user_meta_data: Record<string, unknown> | null;
  created_at: Date | string | null;
  updated_at: Date | string | null;
  banned_until: Date | string | null;
  deleted_at: Date | string | null;
  is_anonymous: boolean;
}

export interface IdentityRow {
  id: string;
  provider_id: string;
  user_id: string;
  identity_data: Record<string, unknown>;
  provider: string;
  last_sign_in_at: Date | string | null;
  created_at: Date | string | null;
  updated_at: Date | string | null;
  email: string | null;
}

const USER_COLUMNS = `id::text, aud, role, email, encrypted_password, email_confirmed_at, phone, phone_confirmed_at, confirmed_at,
  last_sign_in_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at, banned_until, deleted_at, is_anonymous`;

const iso = (v: Date | string | null | undefined): string | undefined =>
  v == null ? undefined : v instanceof Date ? v.toISOString() : new Date(v).toISOString();

/** The user object exactly as GoTrue serialises it (absent timestamps are omitted, like `omitempty`). */
export function userJson(u: UserRow, identities: IdentityRow[] = []): Record<string, unknown> {
  return {
    id: u.id,
    aud: u.aud ?? '',
    role: u.role ?? '',
    email: u.email ?? '',
    email_confirmed_at: iso(u.email_confirmed_at),
    phone: u.phone ?? '',
    phone_confirmed_at: iso(u.phone_confirmed_at),
    confirmed_at: iso(u.confirmed_at),
    last_sign_in_at: iso(u.last_sign_in_at),
    app_metadata: u.raw_app_meta_data ?? {},
    user_metadata: u.raw_user_meta_data ?? {},
    identities: identities.map((i) => ({
      identity_id: i.id,
      id: i.provider_id,
      user_id: i.user_id,
      identity_data: i.identity_data,
      provider: i.provider,
      last_sign_in_at: iso(i.last_sign_in_at),
      created_at: iso(i.created_at),
      updated_at: iso(i.updated_at),
      email: i.email ?? undefined,
    })),
    created_at: iso(u.created_at),
    updated_at: iso(u.updated_at),
    banned_until: iso(u.banned_until),
    is_anonymous: u.is_anonymous,
  };
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const isValidEmail = (email: string) => EMAIL_RE.test(email) && email.length <= 255;

export async function findUserById(q: Queryable, id: string): Promise<UserRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  return (await q.query<UserRow>(`select ${USER_COLUMNS} from auth.users where id = $1::uuid`, [id])).rows[0];
}

export async function findUserByEmail(q: Queryable, email: string): Promise<UserRow | undefined> {
  return (
    await q.query<UserRow>(`select ${USER_COLUMNS} from auth.users where lower(email) = $1 and is_sso_user = false`, [
      normaliseEmail(email),
    ])
  ).rows[0];
}

export async function identitiesOf(q: Queryable, userId: string): Promise<IdentityRow[]> {
  return (
    await q.query<IdentityRow>(
      `select id::text, provider_id, user_id::text, identity_data, provider, last_sign_in_at, created_at, updated_at, email
         from auth.identities where user_id = $1::uuid order by created_at`,
      [userId],
    )
  ).rows;
}

export function hashPassword(password: string, cost: number): Promise<string> {
  return bcrypt.hash(password, cost);
}

/** bcrypt `$2a$`/`$2b$`/`$2y$` hashes, as GoTrue (Go's bcrypt) and pgcrypto write them. */
export async function checkPassword(password: string, hash: string | null): Promise<boolean> {
  if (!hash || !/^\$2[aby]\$/.test(hash)) return false;
  return bcrypt.compare(password, hash.replace(/^\$2y\$/, '$2b$'));
}

export interface NewUser {
  email: string;
  passwordHash: string | null;
  userMetadata?: Record<string, unknown>;
  appMetadata?: Record<string, unknown>;
  confirmed: boolean;
  phone?: string | null;
  role?: string;
}

/**
 * Insert into auth.users with plain SQL (so Supabase triggers such as handle_new_user run) and the
 * matching email identity, as GoTrue does.
 */
export async function insertUser(q: Queryable, u: NewUser): Promise<UserRow> {
  const id = randomUUID();
  const appMetadata = { provider: 'email', providers: ['email'], ...u.appMetadata };
  const { rows } = await q.query<UserRow>(
    `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, phone,
                             raw_app_meta_data, raw_user_meta_data, created_at, updated_at, confirmation_token,
                             recovery_token, email_change_token_new, email_change, is_anonymous)
     values ('00000000-0000-0000-0000-000000000000', $1::uuid, 'authenticated', $2, $3, $4,
             case when $5::boolean then now() end, $6, $7::jsonb, $8::jsonb, now(), now(), '', '', '', '', false)
     returning ${USER_COLUMNS}`,
    [id, u.role ?? 'authenticated', normaliseEmail(u.email), u.passwordHash ?? '', u.confirmed, u.phone ?? null,
      JSON.stringify(appMetadata), JSON.stringify(u.userMetadata ?? {})],
  );
  await q.query(
    `insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
     values ($1::text, $1::text::uuid, $2::jsonb, 'email', now(), now(), now())`,
    [id, JSON.stringify({ sub: id, email: normaliseEmail(u.email), email_verified: u.confirmed, phone_verified: false })],
  );
  return rows[0]!;
}
