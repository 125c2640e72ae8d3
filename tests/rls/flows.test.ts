/**
 * Behaviour behind the policies: permissions RPC, public surface and geo search, class limits,
 * the filing state machine end to end (committed steps across personas), audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@tuoyu/local-supabase/testing.ts';
import { runAs } from '@tuoyu/local-supabase/request-context.ts';
import type { Queryable } from '@tuoyu/local-supabase/db/types.ts';
import { permissionsFor, type Role } from '@tuoyu/domain';
import { DEMO_ACCOUNTS, F, I, P, PERSONAS, as, run, type PersonaName } from './personas.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
});
afterAll(async () => {
  await t?.drop();
});

/** Committed statement(s) as a persona (for multi-step flows). */
function act<T>(who: Exclude<PersonaName, 'anon' | 'service'>, fn: (q: Queryable) => Promise<T>): Promise<T> {
  return runAs(t.db, { role: 'authenticated', claims: { sub: P[who], role: 'authenticated' } }, fn);
}

interface Permissions {
  user_id: string | null;
  roles: string[];
  scopes: { role: string; region_code: string; region_name: string; level: string }[];
  institution_ids: string[];
  permissions: string[];
}

async function permissionsOf(who: PersonaName): Promise<Permissions> {
  const o = await run<{ p: Permissions }>(t.db, who, 'select public.get_my_permissions() as p');
  if (o.error) throw new Error(o.error.message);
  return o.rows[0]!.p;
}

describe('demo accounts', () => {
  it('every account in demo-accounts.json signs in with its password and has its role', async () => {
    for (const a of DEMO_ACCOUNTS) {
      const { rows } = await t.db.query<{ ok: boolean; confirmed: boolean; identities: number }>(
        `select u.encrypted_password = extensions.crypt($2, u.encrypted_password) as ok,
                u.email_confirmed_at is not null as confirmed,
                (select count(*)::int from auth.identities i where i.user_id = u.id) as identities
           from auth.users u where u.email = $1 and u.id = $3`,
        [a.email, a.password, a.user_id],
      );
      expect(rows[0], a.email).toEqual({ ok: true, confirmed: true, identities: 1 });
      const p = await permissionsOf(
        (Object.entries(P).find(([, id]) => id === a.user_id)?.[0] ?? 'anon') as PersonaName,
      );
      if (a.role === 'family') expect(p.roles).toEqual([]);
      else expect(p.roles, a.email).toContain(a.role);
      if (a.institution) expect(p.institution_ids).toEqual([a.institution.id]);
      if (!['operator', 'family'].includes(a.role)) {
        expect(p.scopes).toEqual([expect.objectContaining({ role: a.role, region_code: a.region_code, region_name: a.region_name })]);
      }
    }
  });
});

describe('get_my_permissions()', () => {
  it('gives each persona only what it may do', async () => {
    const wenshang = await permissionsOf('wenshang');
    expect(wenshang.permissions).toEqual(expect.arrayContaining(['filing.review', 'institution.edit', 'scope.manage']));
    expect(wenshang.permissions).not.toContain('institution.create');
    const jining = await permissionsOf('jining');
    expect(jining.permissions).toContain('stats.overview');
    expect(jining.permissions).not.toContain('filing.review');
    const op = await permissionsOf('opWenshang');
    expect(op.roles).toEqual(['operator']);
    expect(op.permissions).toEqual(expect.arrayContaining(['filing.submit', 'institution.edit', 'class.manage']));
    expect(op.permissions).not.toContain('filing.review');
    const family = await permissionsOf('familyZhang');
    expect(family.permissions).toEqual(['institution.create', 'profile.edit']);
    // issue 14: admins author content, community workers and families do not
    expect(wenshang.permissions).toContain('content.manage');
    expect((await permissionsOf('community')).permissions).not.toContain('content.manage');
    // the SQL grants and the shared TS rules (@tuoyu/domain) agree for every persona
    for (const who of PERSONAS.filter((p) => p !== 'anon' && p !== 'service')) {
      const p = await permissionsOf(who);
      expect(p.permissions, who).toEqual(permissionsFor(p.roles as Role[]));
    }
    const anon = await permissionsOf('anon');
    expect(anon).toMatchObject({ user_id: null, roles: [], permissions: [] });
  });
});

describe('public surface and geo search', () => {
  it('anon finds filed institutions near 汶上 by distance; home-based points show the area only', async () => {
    const o = await run<{ id: string; public_address: string; public_lat: string; distance_m: number; capacity: string }>(
      t.db, 'anon', 'select * from public.nearby_institutions(35.7300, 116.4950, 3000)');
    expect(o.error).toBeUndefined();
    // exactly the filed institutions whose public point is within 3 km (the demo registry), nearest first
    const expected = await t.db.query<{ id: string }>(
      `select id from public.institutions
        where status = 'filed'
          and private.earth_distance_m(private.earth_point(35.73, 116.495), private.earth_point(public_lat::float8, public_lng::float8)) <= 3000
        order by private.earth_distance_m(private.earth_point(35.73, 116.495), private.earth_point(public_lat::float8, public_lng::float8))`);
    expect(o.rows.map((r) => r.id)).toEqual(expected.rows.map((r) => r.id));
    expect(o.rows.map((r) => r.distance_m)).toEqual([...o.rows.map((r) => r.distance_m)].sort((a, b) => a - b));
    const aiXin = o.rows.find((r) => r.id === I.aiXin)!;
    expect(aiXin.distance_m).toBeLessThan(400);
    expect(Number(aiXin.capacity)).toBe(45);
    const home = o.rows.find((r) => r.id === I.homeBased)!;
    expect(home.public_address).toBe('汶上街道');
    expect(home.public_lat).toMatch(/^35\.72(0000)?$/);
    // draft 南站 (3 km away) is not public
    const wide = await run<{ id: string }>(t.db, 'anon', 'select id from public.nearby_institutions(35.7300, 116.4950, 20000)');
    expect(wide.rows.map((r) => r.id)).not.toContain(I.nanZhan);
  });

  it('filters by affordable, age in months and service type', async () => {
    const infant = await run<{ id: string }>(t.db, 'anon', 'select id from public.nearby_institutions(35.73, 116.495, 5000, age_months => 8)');
    expect(infant.rows.map((r) => r.id)).toContain(I.aiXin);
    const admitting8 = await t.db.query<{ n: number }>(
      `select count(distinct institution_id)::int as n from public.classes where institution_id = any($1) and min_age_months <= 8 and max_age_months >= 8`,
      [infant.rows.map((r) => r.id)]);
    expect(admitting8.rows[0]!.n).toBe(infant.rows.length);
    const temporary = await run<{ id: string }>(t.db, 'anon', `select id from public.nearby_institutions(35.73, 116.495, 5000, service_types => '{temporary}')`);
    expect(temporary.rows.map((r) => r.id)).toContain(I.homeBased);
    const withTemporary = await t.db.query<{ n: number }>(
      `select count(*)::int as n from public.institutions where id = any($1) and 'temporary' = any(services)`, [temporary.rows.map((r) => r.id)]);
    expect(withTemporary.rows[0]!.n).toBe(temporary.rows.length);
    const affordable = await run<{ id: string }>(t.db, 'anon', 'select id from public.nearby_institutions(35.73, 116.495, 5000, affordable_only => true)');
    const notAffordable = await t.db.query<{ n: number }>(
      `select count(*)::int as n from public.institutions where id = any($1) and not affordable`, [affordable.rows.map((r) => r.id)]);
    expect(affordable.rows.length).toBeGreaterThan(0);
    expect(notAffordable.rows[0]!.n).toBe(0);
  });

  it('rejects invalid coordinates and radius in Chinese', async () => {
    const bad = await run(t.db, 'anon', 'select * from public.nearby_institutions(91, 116, 1000)');
    expect(bad.error?.message).toContain('位置无效');
    const far = await run(t.db, 'anon', 'select * from public.nearby_institutions(35.7, 116.5, 100000)');
    expect(far.error?.message).toContain('搜索半径');
  });

  it('anon and families never read exact addresses; the operator and county do', async () => {
    for (const who of ['anon', 'familyZhang', 'familyLi', 'community'] as const) {
      const o = await run<{ n: number }>(t.db, who, 'select count(*)::int as n from public.institution_sites');
      expect(o.error ? 0 : o.rows[0]!.n, who).toBe(0);
    }
    const county = await run<{ address: string }>(t.db, 'wenshang', 'select address from public.institution_sites where institution_id = $1', [I.homeBased]);
    expect(county.rows[0]!.address).toContain('泉河小区');
  });

  it('uses the GiST index for the distance search', async () => {
    const plan = await as(t.db, 'anon', async (q) => {
      await q.query('set local enable_seqscan = off');
      const r = await q.query<{ 'QUERY PLAN': string }>(
        `explain select id from public.institutions
          where status = 'filed'
            and private.earth_box_m(private.earth_point(35.73, 116.495), 3000) operator(extensions.@>)
                private.earth_point(public_lat::double precision, public_lng::double precision)`);
      return r.rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('institutions_public_point_idx');
  });
});

describe('class limits (托育机构设置标准)', () => {
  const insertClass = (type: string, min: number, max: number, capacity: number, enrolled: number, carers: number, inst: string = I.aiXin) =>
    // the county admin: 爱心 is filed, so its operator adds classes only through a change filing
    run(t.db, 'wenshang', `insert into public.classes (institution_id, name, class_type, min_age_months, max_age_months, capacity, enrolled, carers)
                             values ($1, '测试班', $2, $3, $4, $5, $6, $7)`, [inst, type, min, max, capacity, enrolled, carers]);
  it('refuses oversize classes and too few carers with Chinese messages', async () => {
    expect((await insertClass('infant', 6, 12, 11, 0, 0)).error?.message).toContain('乳儿班每班不超过10人');
    expect((await insertClass('infant', 6, 12, 10, 10, 3)).error?.message).toContain('1:3');
    expect((await insertClass('toddler', 12, 24, 16, 0, 0)).error?.message).toContain('托小班每班不超过15人');
    expect((await insertClass('older_toddler', 24, 36, 20, 15, 2)).error?.message).toContain('1:7');
    expect((await insertClass('mixed_age', 12, 36, 10, 0, 0)).error?.message).toContain('混龄班仅招收18');
    expect((await insertClass('older_toddler', 24, 36, 20, 14, 2)).error).toBeUndefined();
  });
  it('family childcare points: at most 5 children, 1 carer per 3', async () => {
    const home = (capacity: number, enrolled: number, carers: number) =>
      run(t.db, 'wenshang', `insert into public.classes (institution_id, name, class_type, min_age_months, max_age_months, capacity, enrolled, carers)
                             values ($1, '测试组', 'mixed_age', 18, 36, $2, $3, $4)`, [I.homeBased, capacity, enrolled, carers]);
    expect((await home(1, 0, 0)).error?.message).toContain('不超过5人'); // 5 already seeded
    const o = await run(t.db, 'wenshang', `update public.classes set enrolled = 5, carers = 1 where institution_id = $1`, [I.homeBased]);
    expect(o.error?.message).toContain('3名婴幼儿');
  });
  it('a region may override the mixed-age ratio', async () => {
    await t.db.query(`insert into public.class_type_rules (class_type, region_code, min_age_months, max_age_months, max_size, children_per_carer)
                      values ('mixed_age', '370830000000', 18, 36, 18, 5)`);
    expect((await insertClass('mixed_age', 18, 36, 18, 6, 1)).error?.message).toContain('1:5');
    await t.db.query(`delete from public.class_type_rules where region_code = '370830000000'`);
    expect((await insertClass('mixed_age', 18, 36, 18, 6, 1)).error).toBeUndefined();
  });
});

describe('working days', () => {
  it('counts 5 working days over holidays and adjusted working days', async () => {
    const { rows } = await t.db.query<{ a: string; b: string; c: string }>(
      `select public.add_working_days('2025-09-30', 5)::text as a,
              public.add_working_days('2026-02-12', 5)::text as b,
              public.add_working_days('2026-11-23', 5)::text as c`);
    // 2025-10-01..08 off, 10-11 (Sat) is a working day: 9, 10, 11, 13, 14
    // 2026-02-14 (Sat) works, 15..23 off: 13, 14, 24, 25, 26
    expect(rows[0]).toEqual({ a: '2025-10-14', b: '2026-02-26', c: '2026-11-30' });
  });
});

describe('filing: operator submits, county reviews', () => {
  it('runs draft → submitted → under_review → returned → submitted → approved with the right people', async () => {
    // a family registers an institution in 汶上 and becomes its owner
    const inst = await act('familyLi', async (q) => {
      const { rows } = await q.query<{ id: string }>(
        `insert into public.institutions (name, ownership, operating_model, street_code, meals_served)
         values ('汶上县阳光宝贝托育园', 'private', 'standalone', '370830002000', false) returning id`);
      await q.query(`insert into public.institution_sites (institution_id, address, lat, lng) values ($1, '汶上县汶上街道宁民路9号', 35.7301, 116.4890)`, [rows[0]!.id]);
      return rows[0]!.id;
    });
    const filing = await act('familyLi', async (q) => {
      const { rows } = await q.query<{ id: string; county_code: string }>(
        `insert into public.filings (institution_id, kind, form) values ($1, 'new', '{"total_slots":20}') returning id, county_code`, [inst]);
      return rows[0]!;
    });
    expect(filing.county_code).toBe('370830000000');
    const submit = () => act('familyLi', (q) => q.query(`update public.filings set status = 'submitted', pledge_accepted = true where id = $1`, [filing.id]));
    await expect(submit()).rejects.toThrow(/缺少备案材料：备案表、营业执照或法人证书/);
    await act('familyLi', async (q) => {
      for (const m of ['filing_form', 'business_licence', 'premises_proof', 'staff_certificates', 'health_evaluation', 'fire_safety']) {
        const name = `370830000000/${inst}/${filing.id}/${m}.pdf`;
        await q.query(`insert into storage.objects (bucket_id, name, metadata) values ('filing-documents', $1, '{"mimetype":"application/pdf","size":1000}')`, [name]);
        await q.query(`insert into public.filing_documents (filing_id, material_type, storage_path, file_name, mime_type, size_bytes)
                       values ($1, $2, $3, $4, 'application/pdf', 1000)`, [filing.id, m, name, `${m}.pdf`]);
      }
    });
    await submit();
    const submitted = await t.db.query<{ status: string; deadline_ok: boolean }>(
      `select status, deadline_on = public.add_working_days((submitted_at at time zone 'Asia/Shanghai')::date, 5) as deadline_ok from public.filings where id = $1`, [filing.id]);
    expect(submitted.rows[0]).toEqual({ status: 'submitted', deadline_ok: true });
    // the operator cannot approve; other counties and the city cannot act
    await expect(act('familyLi', (q) => q.query(`update public.filings set status = 'under_review' where id = $1`, [filing.id]))).rejects.toThrow(/只有属地县级卫健部门/);
    expect((await act('rencheng', (q) => q.query(`update public.filings set status = 'under_review' where id = $1`, [filing.id]))).rowCount).toBe(0);
    expect((await act('jining', (q) => q.query(`update public.filings set status = 'under_review' where id = $1`, [filing.id]))).rowCount).toBe(0);
    // materials are frozen once submitted
    await expect(act('familyLi', (q) => q.query(`delete from public.filing_documents where filing_id = $1`, [filing.id]))).rejects.toThrow(/不能再增删材料/);
    await act('wenshang', (q) => q.query(`update public.filings set status = 'under_review' where id = $1`, [filing.id]));
    await expect(act('wenshang', (q) => q.query(`update public.filings set status = 'returned' where id = $1`, [filing.id]))).rejects.toThrow(/须填写理由/);
    await expect(act('wenshang', (q) => q.query(`update public.filings set status = 'submitted' where id = $1`, [filing.id]))).rejects.toThrow(/不能从 under_review 变为 submitted/);
    await act('wenshang', (q) => q.query(`update public.filings set status = 'returned', decision_reasons = '场所证明不清晰，请重新上传' where id = $1`, [filing.id]));
    await act('familyLi', (q) => q.query(`update public.filings set form = '{"total_slots":18}' where id = $1`, [filing.id]));
    await submit();
    await act('wenshang', (q) => q.query(`update public.filings set status = 'under_review' where id = $1`, [filing.id]));
    // approving needs every required material marked 审核合格, also by a direct update
    await expect(act('wenshang', (q) => q.query(`update public.filings set status = 'approved' where id = $1`, [filing.id]))).rejects.toThrow(/以下材料尚未审核合格/);
    await act('wenshang', (q) => q.query(`update public.filings set status = 'approved', materials = $2 where id = $1`, [filing.id,
      JSON.stringify(Object.fromEntries(['filing_form', 'business_licence', 'premises_proof', 'staff_certificates', 'health_evaluation', 'fire_safety'].map((m) => [m, { ok: true }])))]));
    const { rows } = await t.db.query<{ status: string; filing_no: string; inst_status: string; inst_no: string; reviewer_id: string }>(
      `select f.status, f.filing_no, i.status as inst_status, i.filing_no as inst_no, f.reviewer_id
         from public.filings f join public.institutions i on i.id = f.institution_id where f.id = $1`, [filing.id]);
    const year = new Date().getFullYear();
    expect(rows[0]).toMatchObject({ status: 'approved', inst_status: 'filed', reviewer_id: P.wenshang });
    expect(rows[0]!.filing_no).toMatch(new RegExp(`^370830${year}\\d{4}$`));
    expect(rows[0]!.inst_no).toBe(rows[0]!.filing_no);
    // now public
    const pub = await run<{ id: string }>(t.db, 'anon', 'select id from public.institutions where id = $1', [inst]);
    expect(pub.rows).toHaveLength(1);
    // and every step is in the audit log, visible to the county, with the actors
    const audit = await run<{ actor_id: string; new_status: string }>(t.db, 'wenshang',
      `select actor_id, new_data ->> 'status' as new_status from public.audit_log
        where table_name = 'filings' and row_id = $1 and action = 'UPDATE' and new_data ? 'status' order by id`, [filing.id]);
    expect(audit.rows.map((r) => r.new_status)).toEqual(['submitted', 'under_review', 'returned', 'submitted', 'under_review', 'approved']);
    expect(audit.rows[5]!.actor_id).toBe(P.wenshang);
    const otherCounty = await run<{ n: number }>(t.db, 'yuzhong', `select count(*)::int as n from public.audit_log where row_id = $1`, [filing.id]);
    expect(otherCounty.rows[0]!.n).toBe(0);
  });

  it('an operator cannot file for another institution or forge a filed state', async () => {
    await expect(act('opWenshang', (q) => q.query(`insert into public.filings (institution_id) values ($1)`, [I.jinCheng]))).rejects.toThrow(/^机构不存在$/);
    await expect(act('opWenshang', (q) => q.query(`update public.institutions set status = 'filed', filing_no = 'X' where id = $1`, [I.aiXin]))).rejects.toThrow(/县级卫健部门/);
    await expect(act('familyZhang', (q) => q.query(
      `insert into public.institutions (name, ownership, operating_model, street_code, status) values ('假机构', 'private', 'standalone', '370830001000', 'filed')`))).rejects.toThrow(/未备案/);
    const f = await run(t.db, 'opWenshang', `update public.filings set status = 'approved' where id = $1`, [F.aiXinChangeDraft]);
    expect(f.error?.message).toMatch(/只有属地县级卫健部门/);
  });
});

describe('audit log is append-only', () => {
  it('refuses updates, deletes and truncation even for the service role and the owner', async () => {
    for (const sql of ['update public.audit_log set actor_id = null', 'delete from public.audit_log', 'truncate public.audit_log',
      `insert into public.audit_log (actor_role, table_name, row_id, action) values ('x', 'x', 'x', 'INSERT')`]) {
      const o = await run(t.db, 'service', sql);
      expect(o.error, sql).toBeDefined();
    }
    await expect(t.db.query('delete from public.audit_log')).rejects.toThrow(/只能追加/);
    await expect(t.db.query('truncate public.audit_log')).rejects.toThrow(/只能追加/);
    const { rows } = await t.db.query<{ n: number }>('select count(*)::int as n from public.audit_log');
    expect(rows[0]!.n).toBeGreaterThan(50);
  });

  it('records who changed what (only the changed columns)', async () => {
    await act('opWenshang', (q) => q.query(`update public.institutions set opening_hours = '周一至周六 7:30-17:30' where id = $1`, [I.aiXin]));
    const { rows } = await t.db.query<{ actor_id: string; actor_role: string; old_data: unknown; new_data: unknown; region_code: string }>(
      `select actor_id, actor_role, old_data, new_data, region_code from public.audit_log
        where table_name = 'institutions' and row_id = $1 order by id desc limit 1`, [I.aiXin]);
    expect(rows[0]).toEqual({
      actor_id: P.opWenshang, actor_role: 'authenticated', region_code: '370830000000',
      old_data: { opening_hours: '周一至周五 7:30-17:30' }, new_data: { opening_hours: '周一至周六 7:30-17:30' },
    });
  });
});
