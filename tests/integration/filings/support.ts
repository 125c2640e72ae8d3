/**
 * Helpers for the filing tests: demo personas, acting as a user through runAs (like PostgREST),
 * and building an institution with a filing and its materials.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Database, Queryable } from '@tuoyu/local-supabase/db/types.ts';
import { runAs } from '@tuoyu/local-supabase/request-context.ts';
import { requiredMaterials } from '@tuoyu/domain';
import { F, I, P, R } from '../../support/fixtures.ts';

export { DEMO_ACCOUNTS, demoAccount as demo } from '../../support/fixtures.ts';

/** Demo user ids. */
export const U = P;

export const WENSHANG = R.wenshang;
export const ZHONGDU_STREET = R.zhongduStreet; // 汶上县中都街道
export const RENCHENG = R.rencheng;
export const JINCHENG_STREET = R.jinchengStreet; // 任城区金城街道
export const SEEDED = {
  aiXin: I.aiXin, // 汶上, filed 37083020240001, operator opWenshang
  jinCheng: I.jinCheng, // 任城, filed, operator opRencheng
  nanZhanSubmitted: F.nanZhanSubmitted, // 汶上, submitted
  jinChengUnderReview: F.jinChengUnderReview, // 任城, under review
} as const;

export const REQUIRED = requiredMaterials('new', false);

/** One committed transaction as the user (role authenticated, JWT claims like PostgREST's). */
export function actAs<T>(db: Database, userId: string, fn: (q: Queryable) => Promise<T>): Promise<T> {
  return runAs(db, { role: 'authenticated', claims: { sub: userId, role: 'authenticated', aud: 'authenticated' } }, fn);
}

export function anon<T>(db: Database, fn: (q: Queryable) => Promise<T>): Promise<T> {
  return runAs(db, { role: 'anon', claims: { role: 'anon' } }, fn);
}

/** Call an RPC as the user; the first row (RPCs returning one composite) or the error. */
export async function rpc<T = Record<string, unknown>>(db: Database, userId: string | null, sql: string, params: unknown[] = []): Promise<T> {
  const run = async (q: Queryable) => (await q.query<T>(sql, params)).rows[0] as T;
  return userId === null ? anon(db, run) : actAs(db, userId, run);
}

/** Assert a database refusal: SQLSTATE and (Chinese) message. */
export async function refused(promise: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  await expect(promise).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
}

/** A fresh auth user (as GoTrue would create it); the profile comes from the trigger. */
export async function createUser(db: Database, name: string): Promise<string> {
  const id = randomUUID();
  await db.query(
    `insert into auth.users (instance_id, id, aud, role, email, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
     values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated', $2, '{}', jsonb_build_object('display_name', $3::text), now(), now())`,
    [id, `${id.slice(0, 8)}@filing.test`, name],
  );
  return id;
}

export interface NewInstitution {
  ownerId: string;
  institutionId: string;
}

/** A user registers an institution (becoming its owner) with its exact site and one class. */
export async function createInstitution(
  db: Database,
  opts: { name: string; street?: string; lat?: number; lng?: number; affordable?: boolean; ownerName?: string },
): Promise<NewInstitution> {
  const ownerId = await createUser(db, opts.ownerName ?? `${opts.name}负责人`);
  const institutionId = await actAs(db, ownerId, async (q) => {
    const { rows } = await q.query<{ id: string }>(
      `insert into public.institutions (name, type, ownership, operating_model, street_code, services)
       values ($1, 'center', 'private', 'community', $2, '{full_day}') returning id`,
      [opts.name, opts.street ?? ZHONGDU_STREET],
    );
    const id = rows[0]!.id;
    await q.query(`insert into public.institution_sites (institution_id, address, lat, lng) values ($1, $2, $3, $4)`,
      [id, `${opts.name}所在地址88号`, opts.lat ?? 35.7301, opts.lng ?? 116.4902]);
    await q.query(
      `insert into public.classes (institution_id, name, class_type, min_age_months, max_age_months, capacity, enrolled, carers)
       values ($1, '托小一班', 'toddler', 12, 24, 15, 10, 2)`, [id]);
    return id;
  });
  // 普惠 is designated by the county (designate_affordable, on filed institutions only); fixtures
  // that want a 普惠 institution set the flag as the database owner, as an import would.
  if (opts.affordable ?? true) await db.query(`update public.institutions set affordable = true where id = $1`, [institutionId]);
  return { ownerId, institutionId };
}

export interface Filing {
  id: string;
  status: string;
  county_code: string;
  institution_id: string;
  submitted_at: Date | null;
  deadline_on: string | null;
  reviewer_id: string | null;
  filing_no: string | null;
  decision_reasons: string | null;
  materials: Record<string, { ok: boolean; note?: string }>;
  pledge_accepted: boolean;
}

/** The operator "uploads" a material (a storage object row as Storage writes it) and registers it. */
export async function uploadMaterial(
  db: Database,
  ownerId: string,
  filing: Pick<Filing, 'id' | 'county_code' | 'institution_id'>,
  material: string,
  mimetype = 'application/pdf',
): Promise<{ id: string; storage_path: string; mime_type: string; size_bytes: number }> {
  const name = `${filing.county_code}/${filing.institution_id}/${filing.id}/${material}-${randomUUID().slice(0, 8)}.pdf`;
  return actAs(db, ownerId, async (q) => {
    await q.query(`insert into storage.objects (bucket_id, name, owner, metadata) values ('filing-documents', $1, $2, $3)`,
      [name, ownerId, JSON.stringify({ mimetype, size: 2048 })]);
    const { rows } = await q.query<{ id: string; storage_path: string; mime_type: string; size_bytes: number }>(
      `select id, storage_path, mime_type, size_bytes from public.attach_filing_document($1, $2, $3, $4)`,
      [filing.id, material, name, `${material}.pdf`]);
    return rows[0]!;
  });
}

/** A new institution with a submitted new filing (every required material, pledge signed). */
export async function submittedFiling(db: Database, name: string, street?: string): Promise<NewInstitution & { filing: Filing }> {
  const inst = await createInstitution(db, { name, street });
  const draft = await rpc<Filing>(db, inst.ownerId, `select * from public.create_filing_draft($1, 'new')`, [inst.institutionId]);
  for (const m of REQUIRED) await uploadMaterial(db, inst.ownerId, draft, m);
  const filing = await rpc<Filing>(db, inst.ownerId, `select * from public.submit_filing($1, true)`, [draft.id]);
  return { ...inst, filing };
}

export const ALL_OK = Object.fromEntries(REQUIRED.map((m) => [m, { ok: true }]));
