/**
 * Issue 13 §3: complaints (投诉举报马上查). Idempotent submission (50 parallel retries → one row),
 * the public timeline without personal data, the county queue (accept, assign, note, close),
 * the institution's view and answer, the complainant's rating, rate limits and refusals.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@tuoyu/local-supabase/testing.ts';
import { U, SEEDED, actAs, anon, demo, refused, rpc } from '../filings/support.ts';

const FAMILY_LI = demo('family.li@demo.tuoyu.cn').user_id;

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
});
afterAll(async () => {
  await t?.drop();
});

interface Submitted { id: string; tracking_no: string; status: string }
const SUBMIT = `select * from public.submit_complaint(idempotency_key => $1, category => $2, description => $3,
  institution_id => $4, reported_address => $5, county_code => $6, contact_mobile => $7, anonymous => $8, photo_paths => $9)`;
function submit(who: string | null, o: { key?: string; category?: string; description?: string; institution?: string | null;
  address?: string | null; county?: string | null; mobile?: string | null; anonymous?: boolean; photos?: string[] } = {}) {
  return rpc<Submitted>(t.db, who, SUBMIT, [o.key ?? randomUUID(), o.category ?? 'fee_dispute',
    o.description ?? '退费迟迟不办理，已经拖了两个月', o.institution === undefined ? SEEDED.aiXin : o.institution,
    o.address ?? null, o.county ?? null, o.mobile === undefined ? '13800001111' : o.mobile, o.anonymous ?? false, o.photos ?? []]);
}
const count = async (sql: string, params: unknown[] = []) => Number((await t.db.query<{ n: string }>(sql, params)).rows[0]!.n);

describe('submit_complaint', () => {
  it('the same key gives the same complaint and tracking number, also for 50 retries at once', async () => {
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 50 }, () => submit(null, { key, mobile: '13900002222' })));
    const ids = new Set(results.map((r) => r.id));
    const numbers = new Set(results.map((r) => r.tracking_no));
    expect(ids.size).toBe(1);
    expect(numbers.size).toBe(1);
    expect(await count(`select count(*) as n from public.complaints where idempotency_key = $1`, [key])).toBe(1);
    expect(await count(`select count(*) as n from public.complaint_contacts c join public.complaints x on x.id = c.complaint_id where x.idempotency_key = $1`, [key])).toBe(1);
    expect(results[0]!.tracking_no).toMatch(/^TS\d{8}[0-9A-F]{8}$/);
  });

  it('an urgent complaint (虐童/伤害) must be accepted within 2 hours; others within a working day, closed within 15', async () => {
    const urgent = await submit(U.familyZhang, { category: 'abuse_injury', description: '孩子身上多处淤青，怀疑被老师打', mobile: null });
    const row = (await t.db.query<{ urgent: boolean; hours: number; close_by: string; expected: string }>(
      `select urgent, extract(epoch from accept_by - created_at) / 3600 as hours, close_by::text,
              public.add_working_days((created_at at time zone 'Asia/Shanghai')::date, 15)::text as expected
         from public.complaints where id = $1`, [urgent.id])).rows[0]!;
    expect(row.urgent).toBe(true);
    expect(Number(row.hours)).toBeCloseTo(2, 3);
    expect(row.close_by).toBe(row.expected);
  });

  it('无证办托 may name an address instead of an institution; other categories need an institution', async () => {
    const r = await submit(null, { category: 'unlicensed', institution: null, address: '汶上县中都街道幸福小区5号楼2单元', county: '370830001000', mobile: '13700003333' });
    expect((await t.db.query(`select county_code, institution_id, reported_address from public.complaints where id = $1`, [r.id])).rows[0])
      .toEqual({ county_code: '370830000000', institution_id: null, reported_address: '汶上县中都街道幸福小区5号楼2单元' });
    await refused(submit(null, { category: 'unlicensed', institution: null, address: '汶上县某处', county: null }), '22023', /所在的县区/);
    await refused(submit(null, { category: 'safety_hazard', institution: null }), '22023', /请选择被投诉的机构/);
  });

  it('bad input: clear Chinese errors and nothing written', async () => {
    const before = await count(`select count(*) as n from public.complaints`);
    await refused(submit(null, { mobile: null }), '22023', /请留下手机号/);
    await refused(submit(null, { mobile: '12345' }), '22023', /手机号格式不正确/);
    await refused(submit(null, { category: 'gossip' }), '22023', /投诉类别无效/);
    await refused(submit(null, { description: '太差' }), '22023', /10～2000字/);
    await refused(submit(null, { institution: '10000000-0000-4000-8000-000000000003' }), 'P0002', /机构不存在/); // draft 南站
    await refused(submit(null, { photos: ['pending/x/a.jpg'] }), '22023', /照片未上传或不符合要求/);
    const key = randomUUID();
    await t.db.query(`insert into storage.objects (bucket_id, name, metadata) values ('complaint-photos', $1, $2)`,
      [`pending/${key}/big.jpg`, JSON.stringify({ mimetype: 'image/jpeg', size: 6 * 1024 * 1024 })]);
    await refused(submit(null, { key, photos: [`pending/${key}/big.jpg`] }), '22023', /每张不超过5MB/);
    expect(await count(`select count(*) as n from public.complaints`)).toBe(before);
  });

  it('photos uploaded under the key travel with the complaint; the folder closes once submitted', async () => {
    const key = randomUUID();
    const name = `pending/${key}/scene.jpg`;
    await anon(t.db, (q) => q.query(`insert into storage.objects (bucket_id, name, metadata) values ('complaint-photos', $1, $2)`,
      [name, JSON.stringify({ mimetype: 'image/jpeg', size: 200_000 })]));
    const r = await submit(null, { key, photos: [name], mobile: '13600004444' });
    expect((await t.db.query(`select photo_paths from public.complaints where id = $1`, [r.id])).rows[0]).toEqual({ photo_paths: [name] });
    await expect(anon(t.db, (q) => q.query(`insert into storage.objects (bucket_id, name) values ('complaint-photos', $1)`, [`pending/${key}/more.jpg`])))
      .rejects.toMatchObject({ code: '42501' });
    // the county sees the photo, another county does not
    const sees = (who: string) => actAs(t.db, who, async (q) => (await q.query(`select name from storage.objects where bucket_id = 'complaint-photos' and name = $1`, [name])).rows.length);
    expect(await sees(U.wenshang)).toBe(1);
    expect(await sees(U.rencheng)).toBe(0);
  });

  it('anonymous complaints are limited per mobile and per reported address (5 a day)', async () => {
    for (let i = 0; i < 5; i++) await submit(null, { mobile: '13500005555' });
    await refused(submit(null, { mobile: '13500005555' }), '54000', /已达上限/);
    const address = '汶上县南站镇某村12号院子里';
    for (let i = 0; i < 5; i++) await submit(null, { category: 'unlicensed', institution: null, address, county: '370830000000', mobile: `1330000${1000 + i}` });
    await refused(submit(null, { category: 'unlicensed', institution: null, address, county: '370830000000', mobile: '13300009999' }), '54000', /较多举报/);
    // a signed-in family is not limited by the anonymous quota
    await submit(U.familyZhang, { mobile: '13500005555' });
  });
});

describe('handling, timeline, visibility', () => {
  it('county accepts, assigns to the inspector, the inspector records, county closes; public timeline; rating', async () => {
    const c = await submit(null, { mobile: '13811112222', anonymous: true, description: '收费清单外额外收取材料费500元' });
    // only the county admin of 汶上 may handle it
    for (const who of [U.rencheng, U.jining, U.inspector, U.opWenshang, U.familyZhang]) {
      await refused(rpc(t.db, who, `select public.accept_complaint($1)`, [c.id]), 'P0002', /投诉不存在/);
    }
    await refused(rpc(t.db, null, `select public.accept_complaint($1)`, [c.id]), '42501', /permission denied/);
    await refused(rpc(t.db, U.wenshang, `select public.close_complaint($1, '答复', '结果')`, [c.id]), '23514', /请先受理/);
    await rpc(t.db, U.wenshang, `select public.accept_complaint($1)`, [c.id]);
    await refused(rpc(t.db, U.wenshang, `select public.assign_complaint($1, $2)`, [c.id, U.familyZhang]), '22023', /本县区的检查人员/);
    // the inspector sees nothing before the assignment
    const inspectorSees = () => actAs(t.db, U.inspector, async (q) => (await q.query(`select id from public.complaints where id = $1`, [c.id])).rows.length);
    expect(await inspectorSees()).toBe(0);
    await refused(rpc(t.db, U.inspector, `select public.note_complaint($1, '现场核查')`, [c.id]), 'P0002', /投诉不存在/);
    await rpc(t.db, U.wenshang, `select public.assign_complaint($1, $2, '市场监管局', '请三日内核查')`, [c.id, U.inspector]);
    expect(await inspectorSees()).toBe(1);
    await rpc(t.db, U.inspector, `select public.note_complaint($1, '已现场核查，确有清单外收费')`, [c.id]);
    // the institution sees the complaint and the public steps, not who complained (anonymous) nor internal notes, and answers
    const inst = await actAs(t.db, U.opWenshang, async (q) => ({
      complaint: (await q.query(`select id, description from public.complaints where id = $1`, [c.id])).rows.length,
      contact: (await q.query(`select mobile from public.complaint_contacts where complaint_id = $1`, [c.id])).rows.length,
      internal: (await q.query(`select id from public.complaint_events where complaint_id = $1 and visibility = 'internal'`, [c.id])).rows.length,
    }));
    expect(inst).toEqual({ complaint: 1, contact: 0, internal: 0 });
    await rpc(t.db, U.opWenshang, `select public.answer_complaint($1, '材料费已全部退还')`, [c.id]);
    await refused(rpc(t.db, U.opRencheng, `select public.answer_complaint($1, '不是我们')`, [c.id]), 'P0002', /投诉不存在/);
    // 任城 and 济南 never see it; 济宁 (city) does
    const sees = (who: string) => actAs(t.db, who, async (q) => (await q.query(`select id from public.complaints where id = $1`, [c.id])).rows.length);
    expect(await sees(U.rencheng)).toBe(0);
    expect(await sees(U.jinan)).toBe(0);
    expect(await sees(U.jining)).toBe(1);
    expect(await sees(U.familyZhang)).toBe(0);

    await rpc(t.db, U.wenshang, `select public.close_complaint($1, '经核查，机构已退还您500元材料费，并被责令整改。', '属实，已责令退费并整改')`, [c.id]);
    const track = await rpc<{ status: string; public_result: string; timeline: { status: string }[] } & Record<string, unknown>>(
      t.db, null, `select * from public.track_complaint($1)`, [c.tracking_no.toLowerCase()]);
    expect(track.status).toBe('closed');
    expect(track.public_result).toBe('属实，已责令退费并整改');
    expect(track.timeline.map((e) => e.status)).toEqual(['submitted', 'accepted', 'assigned', 'in_progress', 'closed']);
    expect(JSON.stringify(track)).not.toMatch(/13811112222|退还您|现场核查|材料费已全部退还/);
    expect(await rpc(t.db, null, `select * from public.track_complaint('TS2026NOSUCH')`)).toBeUndefined();
    // anon cannot read the tables directly
    await expect(anon(t.db, (q) => q.query(`select id from public.complaints`))).rejects.toMatchObject({ code: '42501' });
    await expect(anon(t.db, (q) => q.query(`select id from public.complaint_events`))).rejects.toMatchObject({ code: '42501' });

    // the complainant rates with the tracking number and mobile; a stranger cannot
    // a wrong mobile answers null (and counts towards the lookup limit: complaint-lookups.test.ts)
    expect(await rpc(t.db, null, `select id from public.rate_complaint($1, 5, null, '13899990000')`, [c.tracking_no])).toEqual({ id: null });
    await refused(rpc(t.db, null, `select id from public.rate_complaint($1, 9, null, '13811112222')`, [c.tracking_no]), '22023', /1～5星/);
    await rpc(t.db, null, `select id from public.rate_complaint($1, 4, '处理及时', '13811112222')`, [c.tracking_no]);
    expect((await t.db.query(`select rating from public.complaints where id = $1`, [c.id])).rows[0]).toEqual({ rating: 4 });
  });

  it('a signed-in complainant sees their complaint and the reply; the queue shows deadlines', async () => {
    const c = await submit(U.familyZhang, { category: 'hygiene_health', description: '午餐饭菜发馊，多名孩子腹泻', mobile: null });
    const mine = await actAs(t.db, U.familyZhang, async (q) => (await q.query(`select id from public.complaints where id = $1`, [c.id])).rows.length);
    expect(mine).toBe(1);
    expect(await actAs(t.db, FAMILY_LI, async (q) => (await q.query(`select id from public.complaints where id = $1`, [c.id])).rows.length)).toBe(0);
    const queue = await actAs(t.db, U.wenshang, async (q) => (await q.query<{ accept_overdue: boolean; close_overdue: boolean; institution_name: string }>(
      `select accept_overdue, close_overdue, institution_name from public.complaint_queue where id = $1`, [c.id])).rows[0]);
    expect(queue).toEqual({ accept_overdue: false, close_overdue: false, institution_name: '汶上县爱心托育中心' });
    // the institution (not anonymous) sees who to call
    expect(await actAs(t.db, U.opWenshang, async (q) => (await q.query(`select complainant_id from public.complaint_contacts where complaint_id = $1`, [c.id])).rows.length)).toBe(1);
  });
});
