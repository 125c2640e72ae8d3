/**
 * Helpers for the family tests (issue 12): act as a user through runAs (as PostgREST does), make
 * fresh families with consent and children, read the seeded ids.
 */
import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '@tuoyu/local-supabase/db/types.ts';
import { runAs } from '@tuoyu/local-supabase/request-context.ts';

export const USERS = {
  wenshang: '00000000-0000-4000-8000-000000000004',
  rencheng: '00000000-0000-4000-8000-000000000005',
  opWenshang: '00000000-0000-4000-8000-000000000009',
  opRencheng: '00000000-0000-4000-8000-000000000010',
  familyZhang: '00000000-0000-4000-8000-000000000011',
  familyLi: '00000000-0000-4000-8000-000000000012',
} as const;

export const INST = {
  aiXin: '10000000-0000-4000-8000-000000000001', // 汶上, filed, operator opWenshang
  nanZhan: '10000000-0000-4000-8000-000000000003', // 汶上, draft
  jinCheng: '10000000-0000-4000-8000-000000000004', // 任城, filed, operator opRencheng
  zhengzhou: '10000000-0000-4000-8000-000000000008', // 郑州, filed, 托小班
} as const;

export const CLASS = {
  aiXinToddler: '20000000-0000-4000-8000-000000000002', // 彩虹托小班 15/14
  aiXinOlder: '20000000-0000-4000-8000-000000000003',
  jinChengToddler: '20000000-0000-4000-8000-000000000005',
} as const;

export const SEEDED_CHILD = {
  xiaoman: '60000000-0000-4000-8000-000000000001', // 张小满, 20 months, pending at 爱心
  xiaohe: '60000000-0000-4000-8000-000000000002', // 张小禾, placed at 爱心 托大班
  yinuo: '60000000-0000-4000-8000-000000000003', // 李一诺 (李先生)
} as const;

export const CHILD_NOTICE = 'child-2026.1';

export interface SqlError {
  message: string;
  code?: string;
}

/** One committed statement as a user (or as the service role). */
export async function act<T = Record<string, unknown>>(
  db: Database,
  who: string | 'service' | 'anon',
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const auth =
    who === 'service' || who === 'anon'
      ? { role: who === 'anon' ? 'anon' : 'service_role', claims: { role: who === 'anon' ? 'anon' : 'service_role' } }
      : { role: 'authenticated', claims: { sub: who, role: 'authenticated', aud: 'authenticated' } };
  return runAs(db, auth, async (q: Queryable) => (await q.query<T>(sql, params)).rows);
}

/** The error of a statement that must fail (and roll back). */
export async function refused(db: Database, who: string, sql: string, params: unknown[] = []): Promise<SqlError> {
  try {
    await act(db, who, sql, params);
  } catch (error) {
    const e = error as SqlError;
    return { message: e.message, code: e.code };
  }
  throw new Error(`expected refusal: ${sql}`);
}

/** A new family account (as the WeChat login or a sign-up creates it). */
export async function newFamily(db: Database, name = '测试家长'): Promise<string> {
  const id = randomUUID();
  await db.query(
    `insert into auth.users (instance_id, id, aud, role, email, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
     values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated', $2,
             '{"provider":"email","providers":["email"]}', jsonb_build_object('display_name', $3::text), now(), now())`,
    [id, `family-${id.slice(0, 8)}@families.test`, name],
  );
  return id;
}

export function birthDateMonthsAgo(months: number): string {
  const d = new Date();
  d.setUTCDate(1); // no month overflow (31 → next month)
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
}

/** A consenting family with one child of `months` months; returns ids. */
export async function familyWithChild(db: Database, months: number, name = '测试宝宝'): Promise<{ user: string; child: string }> {
  const user = await newFamily(db);
  await act(db, user, `select public.give_consent($1)`, [CHILD_NOTICE]);
  const [row] = await act<{ id: string }>(db, user,
    `insert into public.children (name, birth_date, sex) values ($1, $2, 'female') returning id`, [name, birthDateMonthsAgo(months)]);
  return { user, child: row!.id };
}
