/**
 * Staff registry (issue 15 §6): national ID numbers readable only by the institution and its
 * county (keyed HMAC for duplicates, encrypted full number, masked for lists), the duplicate
 * warning for the county, certificate expiry and the certified-staff rate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@tuoyu/local-supabase/testing.ts';
import { I, P, R } from '../../support/fixtures.ts';
import { actAs, anon, refused, rpc } from '../filings/support.ts';

let t: TestDatabase;
const STAFF = {
  zhaoLi: '30000000-0000-4000-8000-000000000001', // 爱心 director
  sunMei: '30000000-0000-4000-8000-000000000002', // 爱心 carer, also listed at 小太阳 (seed)
  zhouFang: '30000000-0000-4000-8000-000000000003', // 爱心 carer
  wangQiang: '30000000-0000-4000-8000-000000000004', // 爱心 cook, no ID number yet
} as const;
const SUN_MEI_ID = '370830199003122422';
const WANG_QIANG_ID = '37083019751111207X';

beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
});
afterAll(async () => {
  await t?.drop();
});

const setId = (who: string, staff: string, id: string) =>
  rpc<{ m: string }>(t.db, who, 'select public.set_staff_id_number($1, $2) as m', [staff, id]);
const fullId = (who: string, staff: string) => rpc<{ n: string }>(t.db, who, 'select public.staff_id_number($1) as n', [staff]);

describe('ID numbers', () => {
  it('the institution and its county set them (checked, masked); others are told the staff does not exist', async () => {
    await refused(setId(P.opWenshang, STAFF.wangQiang, '370830197511112031'), '22023', /身份证号格式不正确/);
    expect((await setId(P.opWenshang, STAFF.wangQiang, WANG_QIANG_ID.toLowerCase())).m).toBe('370830********207X');
    expect((await setId(P.wenshang, STAFF.wangQiang, WANG_QIANG_ID)).m).toBe('370830********207X');
    for (const who of [P.opRencheng, P.rencheng, P.jining, P.province, P.inspector, P.familyZhang]) {
      await refused(setId(who, STAFF.wangQiang, WANG_QIANG_ID), 'P0002', /从业人员不存在/);
    }
    await expect(anon(t.db, (q) => q.query('select public.set_staff_id_number($1, $2)', [STAFF.wangQiang, WANG_QIANG_ID])))
      .rejects.toMatchObject({ code: '42501' });
  });

  it('the full number: the institution and its county only (audited); never another institution, the city or anon', async () => {
    expect((await fullId(P.opWenshang, STAFF.sunMei)).n).toBe(SUN_MEI_ID);
    expect((await fullId(P.wenshang, STAFF.sunMei)).n).toBe(SUN_MEI_ID);
    for (const who of [P.opRencheng, P.rencheng, P.jining, P.province, P.inspector, P.yuzhong, P.familyZhang]) {
      await refused(fullId(who, STAFF.sunMei), 'P0002', /从业人员不存在/);
    }
    await expect(anon(t.db, (q) => q.query('select public.staff_id_number($1)', [STAFF.sunMei]))).rejects.toMatchObject({ code: '42501' });
    const audit = await t.db.query<{ n: number; leaked: number }>(
      `select count(*)::int as n, count(*) filter (where new_data::text like '%${SUN_MEI_ID}%')::int as leaked
         from public.audit_log where table_name = 'staff_identities' and row_id = $1`, [STAFF.sunMei]);
    expect(audit.rows[0]).toEqual({ n: 2, leaked: 0 });
  });

  it('is stored keyed-hashed and encrypted, never in clear, in a table no API role reads', async () => {
    const stored = await t.db.query<{ plain_hash: boolean; clear: boolean }>(
      `select i.id_hash = encode(extensions.digest($2, 'sha256'), 'hex') as plain_hash,
              position(convert_to($2, 'UTF8') in i.id_cipher) > 0 as clear
         from private.staff_identities i where i.staff_id = $1`, [STAFF.sunMei, SUN_MEI_ID]);
    expect(stored.rows[0]).toEqual({ plain_hash: false, clear: false });
    for (const who of [P.opWenshang, P.wenshang]) {
      await expect(actAs(t.db, who, (q) => q.query('select * from private.staff_identities'))).rejects.toMatchObject({ code: '42501' });
      await expect(actAs(t.db, who, (q) => q.query('select * from private.secrets'))).rejects.toMatchObject({ code: '42501' });
    }
  });
});

describe('duplicates', () => {
  it('the county is warned when one person is listed at two institutions at once; the operator is not told', async () => {
    const warnings = await actAs(t.db, P.wenshang, async (q) =>
      (await q.query<{ staff_name: string; institution_id: string; other_institution_id: string; id_number_masked: string }>(
        'select staff_name, institution_id, other_institution_id, id_number_masked from public.staff_duplicate_warnings() order by institution_id')).rows);
    expect(warnings).toEqual([
      { staff_name: '孙梅', institution_id: I.aiXin, other_institution_id: I.homeBased, id_number_masked: '370830********2422' },
      { staff_name: '孙梅', institution_id: I.homeBased, other_institution_id: I.aiXin, id_number_masked: '370830********2422' },
    ]);
    // across counties: 任城's 金城 lists the same person; both counties are warned
    const newStaff = await actAs(t.db, P.opRencheng, async (q) =>
      (await q.query<{ id: string }>(`insert into public.staff (institution_id, name, role) values ($1, '孙梅', 'carer') returning id`, [I.jinCheng])).rows[0]!.id);
    await setId(P.opRencheng, newStaff, SUN_MEI_ID);
    const rencheng = await actAs(t.db, P.rencheng, async (q) =>
      (await q.query<{ other_institution_id: string; other_county_name: string }>(
        'select other_institution_id, other_county_name from public.staff_duplicate_warnings() order by other_institution_id')).rows);
    expect(rencheng).toEqual([
      { other_institution_id: I.aiXin, other_county_name: '汶上县' },
      { other_institution_id: I.homeBased, other_county_name: '汶上县' },
    ]);
    const overview = (who: string) => actAs(t.db, who, async (q) =>
      (await q.query<{ listed_elsewhere: number | null }>('select listed_elsewhere from public.staff_id_overview($1) where staff_id = $2', [I.jinCheng, newStaff])).rows);
    expect(await overview(P.rencheng)).toEqual([{ listed_elsewhere: 2 }]);
    expect(await overview(P.opRencheng)).toEqual([{ listed_elsewhere: null }]);
    for (const who of [P.opWenshang, P.opRencheng, P.jining, P.province, P.inspector]) {
      const seen = await actAs(t.db, who, async (q) => (await q.query('select * from public.staff_duplicate_warnings()')).rows);
      expect(seen, who).toEqual([]);
    }
  });
});

describe('certified-staff rate', () => {
  it('care staff with a valid care certificate ÷ care staff, per institution and region', async () => {
    const rates = (who: string, region: string, on: string) => actAs(t.db, who, async (q) =>
      (await q.query<Record<string, unknown>>(
        `select institution_id, care_staff, certified_staff, certified_staff_rate::text as rate
           from public.staff_certification_rates($1, $2::date) order by institution_name`, [region, on])).rows);
    await t.db.query(`update public.staff set certificate_expires_on = '2026-06-30' where id = $1`, [STAFF.zhouFang]);
    // the demo registry of seeds/40_figures.sql adds many 汶上 institutions: look at the fixtures'
    const fixtures = (rows: Record<string, unknown>[]) => rows.filter((r) => String(r.institution_id).startsWith('10000000-0000-4000-8000-'));
    expect(fixtures(await rates(P.wenshang, R.wenshang, '2026-06-30'))).toEqual([
      { institution_id: I.homeBased, care_staff: 2, certified_staff: 2, rate: '1.0000' },
      { institution_id: I.aiXin, care_staff: 2, certified_staff: 2, rate: '1.0000' },
    ]);
    const all = await rates(P.wenshang, R.wenshang, '2026-07-01');
    expect(fixtures(all)).toEqual([
      { institution_id: I.homeBased, care_staff: 2, certified_staff: 2, rate: '1.0000' },
      { institution_id: I.aiXin, care_staff: 2, certified_staff: 1, rate: '0.5000' },
    ]);
    // the region's rate is the sum over its institutions (not the mean of their rates)
    const care = all.reduce((n, r) => n + Number(r.care_staff), 0);
    const certified = all.reduce((n, r) => n + Number(r.certified_staff), 0);
    const region = await actAs(t.db, P.wenshang, async (q) =>
      (await q.query<{ care_staff: number; certified_staff: number; rate: string }>(
        `select care_staff, certified_staff, certified_staff_rate::text as rate from public.certified_staff_rate($1, '2026-07-01')`, [R.wenshang])).rows);
    expect(region).toHaveLength(1);
    expect(region[0]).toMatchObject({ care_staff: care, certified_staff: certified });
    expect(Number(region[0]!.rate)).toBeCloseTo(certified / care, 4);
    // an empty region (nothing the caller may see there): no care staff, no rate (not a division by zero)
    const empty = await rpc(t.db, P.wenshang, `select care_staff, certified_staff_rate from public.certified_staff_rate('500103001000')`);
    expect(empty).toEqual({ care_staff: 0, certified_staff_rate: null });
  });

  it('region_indicators shows the same rate as certified_staff_rate (one formula), on hand-made data', async () => {
    // a filed and a draft institution in 渝中 解放碑 street, with staff of every kind
    const street = '500103001000';
    const ids = (await t.db.query<{ id: string; status: string }>(
      `insert into public.institutions (name, ownership, operating_model, street_code, status, filing_no, filed_at)
       values ('解放碑持证测试托育园', 'private', 'standalone', $1, 'filed', '50010320209901', now()),
              ('解放碑草稿测试托育园', 'private', 'standalone', $1, 'draft', null, null)
       returning id, status`, [street])).rows;
    const filed = ids.find((r) => r.status === 'filed')!.id;
    const draft = ids.find((r) => r.status === 'draft')!.id;
    await t.db.query(
      `insert into public.staff (institution_id, name, role, certificate_type, certificate_no, certificate_expires_on) values
         ($1, '甲', 'carer', 'nursery_carer', 'A1', null),          -- care, certified (no expiry)
         ($1, '乙', 'carer', 'infant_carer', 'A2', '2099-12-31'),   -- care, certified
         ($1, '丙', 'teacher', 'kindergarten_teacher', 'A3', null), -- care, certified
         ($1, '丁', 'carer', 'nursery_carer', 'A4', '2020-01-01'),  -- care, expired: not certified
         ($1, '戊', 'carer', null, null, null),                     -- care, no certificate
         ($1, '己', 'teacher', 'nurse', 'A6', null),                -- care, not a care certificate
         ($1, '庚', 'carer', null, null, null),                     -- care, no certificate
         ($1, '辛', 'director', 'kindergarten_teacher', 'A8', null),-- not care staff
         ($1, '壬', 'cook', null, null, null),                      -- not care staff
         ($2, '癸', 'carer', 'nursery_carer', 'A10', null)          -- a draft institution: not counted`, [filed, draft]);
    const agree = async (region: string, who: string = P.yuzhong) => {
      const fromRegistry = await rpc<{ care_staff: number; certified_staff: number; rate: string }>(t.db, who,
        `select care_staff, certified_staff, certified_staff_rate::text as rate from public.certified_staff_rate($1, private.today_cn())`, [region]);
      const fromFigures = await rpc<{ care_staff: number; certified_staff: number; rate: string }>(t.db, who,
        `select care_staff, certified_staff, certified_staff_rate::text as rate from public.region_indicators($1, 2026)`, [region]);
      expect(fromFigures).toMatchObject({ care_staff: fromRegistry.care_staff, certified_staff: fromRegistry.certified_staff });
      expect(Number(fromFigures.rate)).toBe(Math.round(Number(fromRegistry.rate) * 100 * 100) / 100);
      return { fromRegistry, fromFigures };
    };
    const { fromRegistry, fromFigures } = await agree(street);
    expect(fromRegistry).toEqual({ care_staff: 7, certified_staff: 3, rate: '0.4286' });
    expect(fromFigures).toEqual({ care_staff: 7, certified_staff: 3, rate: '42.86' });
    await agree('500103000000'); // the county: with 渝中's demo institutions
    await agree(R.wenshang, P.wenshang); // 汶上: the seeds' registry (100%)
    // the same refusal on both sides: other admins see no staff figures of 渝中
    const outside = await rpc<{ care_staff: number | null }>(t.db, P.wenshang, `select care_staff from public.region_indicators($1, 2026)`, [street]);
    expect(outside.care_staff).toBeNull();
  });
});
