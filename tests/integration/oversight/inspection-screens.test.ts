/**
 * Issue 13 §3 §4, the screens' backend (20261204008000_create_inspection_screens.sql): the menu
 * permissions of inspectors, county admins and operators; inspection and rectification photos
 * (who may upload and read, only photos of the own folder); the recording screen's checklist; the
 * complainant's full reply. Each on the allowed and the forbidden path.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@tuoyu/local-supabase/testing.ts';
import { U, SEEDED, WENSHANG, actAs, anon, createUser, refused, rpc } from '../filings/support.ts';

let t: TestDatabase;
let secondInspector: string;
beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
  secondInspector = await createUser(t.db, '消防大队 检查员');
  await t.db.query(`insert into public.staff_scopes (user_id, region_code, role) values ($1, $2, 'inspector')`, [secondInspector, WENSHANG]);
});
afterAll(async () => {
  await t?.drop();
});

const ITEMS = ['premises', 'staff_certificates', 'staff_ratio', 'cctv', 'food_safety', 'fire_safety', 'fee_list', 'health_checks'];
const JPEG = JSON.stringify({ mimetype: 'image/jpeg', size: 120_000 });

const permissionsOf = async (who: string | null) =>
  (await rpc<{ p: { permissions: string[] } }>(t.db, who, `select public.get_my_permissions() as p`)).p.permissions;
const upload = (who: string, name: string, metadata = JPEG) =>
  actAs(t.db, who, (q) => q.query(`insert into storage.objects (bucket_id, name, metadata) values ('inspection-photos', $1, $2)`, [name, metadata]));
const sees = (who: string, name: string) =>
  actAs(t.db, who, async (q) => (await q.query(`select 1 from storage.objects where bucket_id = 'inspection-photos' and name = $1`, [name])).rows.length);
const newInspection = async () => (await rpc<{ id: string }>(t.db, U.wenshang,
  `insert into public.inspections (institution_id, inspector_ids, departments, scheduled_on) values ($1, $2, '{卫健,消防}', current_date) returning id`,
  [SEEDED.aiXin, [U.inspector]])).id;

describe('menu permissions', () => {
  it('inspectors record and handle what is assigned; county admins plan and re-check; operators report and answer', async () => {
    expect(await permissionsOf(U.inspector)).toEqual(expect.arrayContaining(['inspection.record', 'complaint.handle_assigned']));
    expect(await permissionsOf(U.inspector)).not.toEqual(expect.arrayContaining(['inspection.plan']));
    expect(await permissionsOf(U.wenshang)).toEqual(expect.arrayContaining(['inspection.plan', 'rectification.recheck', 'complaint.handle', 'inspection.view_region']));
    expect(await permissionsOf(U.wenshang)).not.toContain('inspection.record');
    expect(await permissionsOf(U.jining)).toContain('inspection.view_region');
    expect(await permissionsOf(U.jining)).not.toContain('inspection.plan');
    expect(await permissionsOf(U.opWenshang)).toEqual(expect.arrayContaining(['rectification.report', 'complaint.answer']));
    expect(await permissionsOf(U.opWenshang)).not.toContain('rectification.recheck');
    for (const who of [U.familyZhang, null]) {
      const p = await permissionsOf(who);
      for (const name of ['inspection.record', 'inspection.plan', 'rectification.report', 'complaint.answer', 'complaint.handle_assigned']) {
        expect(p).not.toContain(name);
      }
    }
  });

  it('an inspector reads only the complaints assigned to them and their own inspections', async () => {
    const complaints = await actAs(t.db, secondInspector, async (q) => (await q.query(`select id from public.complaint_queue`)).rows);
    expect(complaints).toEqual([]);
    const mine = await actAs(t.db, U.inspector, async (q) => (await q.query<{ id: string }>(`select id from public.complaint_queue`)).rows);
    expect(mine.length).toBeGreaterThan(0);
    const assigned = (await t.db.query<{ id: string }>(`select id from public.complaints where assigned_to = $1`, [U.inspector])).rows;
    expect(mine.map((r) => r.id).sort()).toEqual(assigned.map((r) => r.id).sort());
    expect(await actAs(t.db, secondInspector, async (q) => (await q.query(`select id from public.inspections`)).rows)).toEqual([]);
  });
});

describe('inspection photos', () => {
  it('the team uploads under its planned inspection; others may not; findings name only their own uploaded photos', async () => {
    const id = await newInspection();
    const other = await newInspection();
    const photo = `findings/${id}/cctv-1.jpg`;
    await upload(U.inspector, photo);
    for (const who of [secondInspector, U.wenshang, U.opWenshang, U.familyZhang]) {
      await expect(upload(who, `findings/${id}/${randomUUID()}.jpg`)).rejects.toMatchObject({ code: '42501' });
    }
    await expect(anon(t.db, (q) => q.query(`insert into storage.objects (bucket_id, name, metadata) values ('inspection-photos', $1, $2)`,
      [`findings/${id}/anon.jpg`, JPEG]))).rejects.toMatchObject({ code: '42501' });
    await upload(U.inspector, `findings/${other}/elsewhere.jpg`);
    const findings = (photos: string[]) => ITEMS.map((item_code) => item_code === 'cctv'
      ? { item_code, passed: false, note: '午睡室无监控', photo_paths: photos } : { item_code, passed: true });
    const record = (photos: string[]) => rpc(t.db, U.inspector,
      `select public.record_inspection($1, $2, 'rectify', '限期整改', '2099-12-31'::date)`, [id, JSON.stringify(findings(photos))]);
    await refused(record([`findings/${other}/elsewhere.jpg`]), '22023', /照片未上传或不符合要求/);
    await refused(record([`findings/${id}/never-uploaded.jpg`]), '22023', /照片未上传或不符合要求/);
    expect((await t.db.query(`select 1 from public.inspection_findings where inspection_id = $1`, [id])).rows).toEqual([]);
    await record([photo]);
    expect((await t.db.query(`select photo_paths from public.inspection_findings where inspection_id = $1 and item_code = 'cctv'`, [id])).rows[0])
      .toEqual({ photo_paths: [photo] });
    // once recorded the folder closes
    await expect(upload(U.inspector, `findings/${id}/late.jpg`)).rejects.toMatchObject({ code: '42501' });
    // readers: the team, the county (and above), the institution; not another county, operator or inspector
    for (const who of [U.inspector, U.wenshang, U.jining, U.opWenshang]) expect(await sees(who, photo)).toBe(1);
    for (const who of [U.rencheng, U.opRencheng, secondInspector, U.familyZhang]) expect(await sees(who, photo)).toBe(0);

    // rectification evidence: the institution's members upload and report; others may not
    const rect = (await t.db.query<{ id: string }>(`select id from public.rectifications where inspection_id = $1`, [id])).rows[0]!.id;
    const evidence = `rectifications/${rect}/camera.png`;
    await upload(U.opWenshang, evidence, JSON.stringify({ mimetype: 'image/png', size: 80_000 }));
    for (const who of [U.opRencheng, U.inspector, U.wenshang]) {
      await expect(upload(who, `rectifications/${rect}/${randomUUID()}.png`)).rejects.toMatchObject({ code: '42501' });
    }
    await refused(rpc(t.db, U.opWenshang, `select public.report_rectification($1, '已加装摄像头', $2)`, [rect, [`findings/${id}/cctv-1.jpg`]]),
      '22023', /佐证照片未上传或不符合要求/);
    await refused(rpc(t.db, U.opRencheng, `select public.report_rectification($1, '已加装摄像头', $2)`, [rect, [evidence]]), 'P0002', /不存在/);
    await rpc(t.db, U.opWenshang, `select public.report_rectification($1, '午睡室已加装摄像头', $2)`, [rect, [evidence]]);
    for (const who of [U.opWenshang, U.wenshang, U.inspector]) expect(await sees(who, evidence)).toBe(1);
    for (const who of [U.rencheng, U.opRencheng, secondInspector]) expect(await sees(who, evidence)).toBe(0);
  });

  it('the bucket refuses other types and oversized files', async () => {
    const bucket = (await t.db.query<{ file_size_limit: string; allowed_mime_types: string[]; public: boolean }>(
      `select file_size_limit, allowed_mime_types, public from storage.buckets where id = 'inspection-photos'`)).rows[0]!;
    expect(bucket).toMatchObject({ public: false, allowed_mime_types: ['image/jpeg', 'image/png'] });
    expect(Number(bucket.file_size_limit)).toBe(5 * 1024 * 1024);
  });
});

describe('checklist and complainant reply', () => {
  it('the recording screen gets the county checklist for the team and the county only', async () => {
    const id = await newInspection();
    const items = async (who: string) => (await actAs(t.db, who, (q) => q.query<{ code: string }>(`select code from public.inspection_checklist($1)`, [id]))).rows.map((r) => r.code);
    expect(await items(U.inspector)).toEqual(ITEMS);
    expect(await items(U.wenshang)).toEqual(ITEMS);
    for (const who of [secondInspector, U.rencheng, U.opWenshang, U.familyZhang]) expect(await items(who)).toEqual([]);
    await expect(anon(t.db, (q) => q.query(`select * from public.inspection_checklist($1)`, [id]))).rejects.toMatchObject({ code: '42501' });
  });

  it('the complainant reads the full reply by tracking number and mobile; a wrong mobile reads nothing', async () => {
    // seeded: TS20261130A1B2C3D4 filed signed in by 张女士; TS20261201E5F6A7B8 anonymous with 13853712345
    const reply = (who: string | null, no: string, mobile?: string) =>
      rpc<{ r: { replies: { note: string }[]; status: string } | null }>(t.db, who, `select public.complaint_reply($1, $2) as r`, [no, mobile ?? null]).then((x) => x.r);
    expect((await reply(U.familyZhang, 'TS20261130A1B2C3D4'))?.replies[0]?.note).toMatch(/退还您剩余保育费2400元/);
    expect(await reply(U.familyLi, 'TS20261130A1B2C3D4')).toBeNull();
    expect(await reply(null, 'TS20261130A1B2C3D4')).toBeNull();
    expect(await reply(U.opWenshang, 'TS20261130A1B2C3D4')).toBeNull();
    expect((await reply(null, 'ts20261201e5f6a7b8', '13853712345'))?.status).toBe('in_progress');
    expect(await reply(null, 'TS20261201E5F6A7B8', '13800000000')).toBeNull();
  });
});
