/**
 * Filing RPCs in SQL, as PostgREST runs them (runAs: role + JWT claims per transaction), on the demo
 * seed: permissions for every persona (allowed AND refused), the state machine, idempotent double
 * clicks, concurrent approvals, status history, public verification, review queue and overview.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@tuoyu/local-supabase/testing.ts';
import { addWorkingDays, chinaToday, workingCalendar, workingDaysBetween, workingDaysLeft } from '../../../packages/domain/src/filings/index.ts';
import {
  ALL_OK, REQUIRED, RENCHENG, SEEDED, U, WENSHANG, JINCHENG_STREET,
  actAs, anon, createInstitution, refused, rpc, submittedFiling, uploadMaterial, type Filing,
} from './support.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
});
afterAll(async () => {
  await t?.drop();
});

const statusOf = async (id: string) =>
  (await t.db.query<Filing>(`select * from public.filings where id = $1`, [id])).rows[0]!;
const eventsOf = async (id: string) =>
  (await t.db.query<{ from_status: string | null; to_status: string; actor_kind: string; actor_id: string | null; reasons: string | null; checklist: unknown }>(
    `select from_status, to_status, actor_kind, actor_id, reasons, checklist from public.filing_events where filing_id = $1 order by occurred_at, id`, [id])).rows;

describe('create_filing_draft', () => {
  it('returns the same open draft on a double click, also when both clicks arrive at once', async () => {
    const inst = await createInstitution(t.db, { name: '汶上县双击测试托育园' });
    const [a, b] = await Promise.all([
      rpc<Filing>(t.db, inst.ownerId, `select * from public.create_filing_draft($1, 'new')`, [inst.institutionId]),
      rpc<Filing>(t.db, inst.ownerId, `select * from public.create_filing_draft($1, 'new')`, [inst.institutionId]),
    ]);
    expect(a.id).toBe(b.id);
    const again = await rpc<Filing>(t.db, inst.ownerId, `select * from public.create_filing_draft($1)`, [inst.institutionId]);
    expect(again).toMatchObject({ id: a.id, status: 'draft', county_code: WENSHANG });
    const { rows } = await t.db.query(`select id from public.filings where institution_id = $1`, [inst.institutionId]);
    expect(rows).toHaveLength(1);
    // another kind while one is open: a clear refusal
    await refused(rpc(t.db, inst.ownerId, `select * from public.create_filing_draft($1, 'cancel')`, [inst.institutionId]),
      '23514', /已有一份进行中的新办备案（草稿）/);
  });

  it('refuses other people, unknown kinds and kinds that do not fit the institution', async () => {
    const inst = await createInstitution(t.db, { name: '汶上县权限测试托育园' });
    for (const who of [U.opWenshang, U.wenshang, U.familyZhang]) {
      await refused(rpc(t.db, who, `select * from public.create_filing_draft($1, 'new')`, [inst.institutionId]), '42501', /只有本机构账号/);
    }
    await refused(rpc(t.db, null, `select * from public.create_filing_draft($1, 'new')`, [inst.institutionId]), '42501', /permission denied/);
    await refused(rpc(t.db, inst.ownerId, `select * from public.create_filing_draft($1, 'renew')`, [inst.institutionId]), '22023', /备案类型无效/);
    await refused(rpc(t.db, inst.ownerId, `select * from public.create_filing_draft($1, 'change')`, [inst.institutionId]), '23514', /尚未备案/);
    // a filed institution with an open change draft: asking for the change again returns it
    const change = await rpc<Filing>(t.db, U.opWenshang, `select * from public.create_filing_draft($1, 'change')`, [SEEDED.aiXin]);
    expect(change.id).toBe('40000000-0000-4000-8000-000000000002');
  });
});

describe('materials and submit', () => {
  it('refuses a submission with missing materials or without the pledge and writes nothing', async () => {
    const inst = await createInstitution(t.db, { name: '汶上县材料测试托育园' });
    const draft = await rpc<Filing>(t.db, inst.ownerId, `select * from public.create_filing_draft($1, 'new')`, [inst.institutionId]);
    await refused(rpc(t.db, inst.ownerId, `select * from public.submit_filing($1, true)`, [draft.id]), '23514',
      /^缺少备案材料：备案表、营业执照或法人证书、场所证明、从业人员资格证和健康证、卫生评价报告（合格）、消防安全证明$/);
    expect(await statusOf(draft.id)).toMatchObject({ status: 'draft', pledge_accepted: false, submitted_at: null });

    for (const m of REQUIRED.slice(0, 5)) await uploadMaterial(t.db, inst.ownerId, draft, m);
    await refused(rpc(t.db, inst.ownerId, `select * from public.submit_filing($1, true)`, [draft.id]), '23514', /^缺少备案材料：消防安全证明$/);
    await uploadMaterial(t.db, inst.ownerId, draft, 'fire_safety');
    await refused(rpc(t.db, inst.ownerId, `select * from public.submit_filing($1)`, [draft.id]), '23514', /请先阅读并签署承诺书/);
    expect((await statusOf(draft.id)).status).toBe('draft');
    expect((await eventsOf(draft.id)).map((e) => e.to_status)).toEqual(['draft']);
  });

  it('registers only real uploads of allowed types, idempotently', async () => {
    const inst = await createInstitution(t.db, { name: '汶上县上传测试托育园' });
    const draft = await rpc<Filing>(t.db, inst.ownerId, `select * from public.create_filing_draft($1, 'new')`, [inst.institutionId]);
    const missingPath = `${WENSHANG}/${inst.institutionId}/${draft.id}/nothing.pdf`;
    await refused(rpc(t.db, inst.ownerId, `select * from public.attach_filing_document($1, 'filing_form', $2)`, [draft.id, missingPath]),
      '23514', /没有找到已上传的文件/);
    await refused(uploadMaterial(t.db, inst.ownerId, draft, 'filing_form', 'text/plain'), '23514', /文件类型不支持（text\/plain）/);
    await refused(uploadMaterial(t.db, inst.ownerId, draft, 'licence'), '22023', /材料类型无效/);
    const doc = await uploadMaterial(t.db, inst.ownerId, draft, 'business_licence');
    expect(doc).toMatchObject({ mime_type: 'application/pdf', size_bytes: 2048 });
    const again = await rpc<{ id: string }>(t.db, inst.ownerId,
      `select * from public.attach_filing_document($1, 'business_licence', $2)`, [draft.id, doc.storage_path]);
    expect(again.id).toBe(doc.id);
    // another operator cannot register into this filing
    await refused(rpc(t.db, U.opRencheng, `select * from public.attach_filing_document($1, 'business_licence', $2)`, [draft.id, doc.storage_path]),
      '42501', /备案不存在或无权查看/);
  });

  it('submits once: a second submit (double click, retry, concurrent) returns the same filing', async () => {
    const { ownerId, filing } = await submittedFiling(t.db, '汶上县重复提交测试托育园');
    expect(filing.status).toBe('submitted');
    const today = chinaToday();
    const { rows } = await t.db.query<{ d: string }>(`select public.add_working_days($1::date, 5)::text as d`, [today]);
    expect((await t.db.query<{ d: string }>(`select deadline_on::text as d from public.filings where id = $1`, [filing.id])).rows[0]!.d).toBe(rows[0]!.d);
    const [a, b] = await Promise.all([
      rpc<Filing>(t.db, ownerId, `select * from public.submit_filing($1, true)`, [filing.id]),
      rpc<Filing>(t.db, ownerId, `select * from public.submit_filing($1)`, [filing.id]),
    ]);
    expect(a.submitted_at).toEqual(filing.submitted_at);
    expect(b.submitted_at).toEqual(filing.submitted_at);
    expect((await eventsOf(filing.id)).map((e) => `${e.from_status}→${e.to_status}:${e.actor_kind}`))
      .toEqual(['null→draft:operator', 'draft→submitted:operator']);
    // no more materials once submitted
    await refused(uploadMaterial(t.db, ownerId, filing, 'other'), '42501', /不能再增删材料|row-level security/);
  });
});

describe('review: only the county admin of the filing county acts', () => {
  it('refuses the operator, another county, the city and province admins, the inspector and anon', async () => {
    const { ownerId, filing } = await submittedFiling(t.db, '汶上县审核权限测试托育园');
    const notVisible = [U.rencheng, U.yuzhong, U.opRencheng, U.familyZhang];
    const readOnly = [U.jining, U.province, U.inspector];
    for (const call of [
      `select * from public.start_filing_review($1)`,
      `select * from public.approve_filing($1, '{}')`,
      `select * from public.return_filing($1, '材料不全请补充')`,
      `select * from public.reject_filing($1, '不符合条件')`,
    ]) {
      for (const who of notVisible) await refused(rpc(t.db, who, call, [filing.id]), '42501', /备案不存在或无权查看/);
      for (const who of readOnly) await refused(rpc(t.db, who, call, [filing.id]), '42501', /只有属地县级卫健部门可以审核备案/);
      await refused(rpc(t.db, ownerId, call, [filing.id]), '42501', /只有属地县级卫健部门可以审核备案/);
      await refused(rpc(t.db, null, call, [filing.id]), '42501', /permission denied/);
    }
    expect((await statusOf(filing.id)).status).toBe('submitted');
    // the table path is closed too: an operator cannot approve by updating the row
    await refused(actAs(t.db, ownerId, (q) => q.query(`update public.filings set status = 'approved' where id = $1`, [filing.id])),
      '42501', /只有属地县级卫健部门/);
  });

  it('runs submit → start → return → correct → resubmit → approve with a filing number and history', async () => {
    const { ownerId, institutionId, filing } = await submittedFiling(t.db, '汶上县完整流程测试托育园');
    await refused(rpc(t.db, U.wenshang, `select * from public.approve_filing($1, $2)`, [filing.id, ALL_OK]), '23514', /不能准予备案，请先开始审核/);
    const started = await rpc<Filing>(t.db, U.wenshang, `select * from public.start_filing_review($1)`, [filing.id]);
    expect(started).toMatchObject({ status: 'under_review', reviewer_id: U.wenshang });
    expect((await rpc<Filing>(t.db, U.wenshang, `select * from public.start_filing_review($1)`, [filing.id])).status).toBe('under_review');

    await refused(rpc(t.db, U.wenshang, `select * from public.return_filing($1, ' 差 ')`, [filing.id]), '23514', /请填写退回理由（至少2个字）/);
    await refused(rpc(t.db, U.wenshang, `select * from public.return_filing($1, '场所证明不清晰', '{"premises_proof": {"ok": "no"}}')`, [filing.id]),
      '22023', /场所证明.*的审核结果应为/);
    await refused(rpc(t.db, U.wenshang, `select * from public.return_filing($1, '场所证明不清晰', '{"garden": {"ok": true}}')`, [filing.id]),
      '22023', /未知的材料类型：garden/);
    const returned = await rpc<Filing>(t.db, U.wenshang, `select * from public.return_filing($1, $2, $3)`,
      [filing.id, ' 场所证明不清晰，请重新上传 ', { premises_proof: { ok: false, note: '照片模糊' }, filing_form: { ok: true } }]);
    expect(returned).toMatchObject({ status: 'returned', decision_reasons: '场所证明不清晰，请重新上传' });
    expect(returned.materials).toEqual({ premises_proof: { ok: false, note: '照片模糊' }, filing_form: { ok: true } });
    // the operator can neither erase nor forge the reviewer's checklist: not while editing…
    const marks = { premises_proof: { ok: false, note: '照片模糊' }, filing_form: { ok: true } };
    const edit = await actAs(t.db, ownerId, (q) => q.query(`update public.filings set materials = $2 where id = $1`, [filing.id, ALL_OK]));
    expect(edit.rowCount).toBe(1); // the update itself is allowed (draft/returned); the checklist stays
    expect((await statusOf(filing.id)).materials).toEqual(marks);
    // double click on return: same result, no second event
    expect((await rpc<Filing>(t.db, U.wenshang, `select * from public.return_filing($1, '别的理由')`, [filing.id])).decision_reasons)
      .toBe('场所证明不清晰，请重新上传');

    // the operator corrects and resubmits
    await uploadMaterial(t.db, ownerId, filing, 'premises_proof');
    // …nor in the update that resubmits (the submit RPC then returns the submitted row as it is)
    const submit = await actAs(t.db, ownerId, (q) =>
      q.query(`update public.filings set status = 'submitted', materials = $2 where id = $1`, [filing.id, ALL_OK]));
    expect(submit.rowCount).toBe(1);
    expect((await statusOf(filing.id)).materials).toEqual(marks);
    const resubmitted = await rpc<Filing>(t.db, ownerId, `select * from public.submit_filing($1)`, [filing.id]);
    expect(resubmitted).toMatchObject({ status: 'submitted', decision_reasons: null });
    await rpc(t.db, U.wenshang, `select * from public.start_filing_review($1)`, [filing.id]);
    // the earlier 不合格 mark blocks approval until the reviewer marks the material 合格
    await refused(rpc(t.db, U.wenshang, `select * from public.approve_filing($1)`, [filing.id]), '23514',
      /^以下材料尚未审核合格：营业执照或法人证书、消防安全证明、卫生评价报告（合格）、场所证明、从业人员资格证和健康证$/);
    const approved = await rpc<Filing>(t.db, U.wenshang, `select * from public.approve_filing($1, $2)`, [filing.id, ALL_OK]);
    const year = Number(chinaToday().slice(0, 4)); // filing numbers use the year in China
    expect(approved.status).toBe('approved');
    expect(approved.filing_no).toMatch(new RegExp(`^370830${year}\\d{4}$`));
    const again = await rpc<Filing>(t.db, U.wenshang, `select * from public.approve_filing($1, $2)`, [filing.id, ALL_OK]);
    expect(again.filing_no).toBe(approved.filing_no);
    const inst = (await t.db.query<{ status: string; filing_no: string }>(`select status, filing_no from public.institutions where id = $1`, [institutionId])).rows[0]!;
    expect(inst).toEqual({ status: 'filed', filing_no: approved.filing_no });
    await refused(rpc(t.db, U.wenshang, `select * from public.reject_filing($1, '不符合条件')`, [filing.id]), '23514', /当前状态为“已备案”/);
    await refused(rpc(t.db, ownerId, `select * from public.submit_filing($1)`, [filing.id]), '23514', /备案已办结（已备案）/);

    const events = await eventsOf(filing.id);
    expect(events.map((e) => `${e.from_status}→${e.to_status}:${e.actor_kind}`)).toEqual([
      'null→draft:operator', 'draft→submitted:operator', 'submitted→under_review:reviewer', 'under_review→returned:reviewer',
      'returned→submitted:operator', 'submitted→under_review:reviewer', 'under_review→approved:reviewer',
    ]);
    expect(events[3]).toMatchObject({ actor_id: U.wenshang, reasons: '场所证明不清晰，请重新上传', checklist: { premises_proof: { ok: false, note: '照片模糊' } } });
  });

  it('rejects with reasons, idempotently', async () => {
    await rpc(t.db, U.wenshang, `select * from public.start_filing_review($1)`, [SEEDED.nanZhanSubmitted]);
    const rejected = await rpc<Filing>(t.db, U.wenshang, `select * from public.reject_filing($1, $2, $3)`,
      [SEEDED.nanZhanSubmitted, '卫生评价报告结论为不合格', { health_evaluation: { ok: false, note: '结论不合格' } }]);
    expect(rejected).toMatchObject({ status: 'rejected', decision_reasons: '卫生评价报告结论为不合格', filing_no: null });
    expect((await rpc<Filing>(t.db, U.wenshang, `select * from public.reject_filing($1, '再次点击')`, [SEEDED.nanZhanSubmitted])).decision_reasons)
      .toBe('卫生评价报告结论为不合格');
    await refused(rpc(t.db, U.wenshang, `select * from public.approve_filing($1, $2)`, [SEEDED.nanZhanSubmitted, ALL_OK]), '23514', /不予备案/);
  });

  it('never gives two institutions of one county the same number, even when approved at the same moment', async () => {
    const filings = [];
    for (const n of ['甲', '乙', '丙']) filings.push((await submittedFiling(t.db, `汶上县并发审核测试${n}托育园`)).filing);
    const other = (await submittedFiling(t.db, '任城区并发审核测试托育园', JINCHENG_STREET)).filing;
    expect(other.county_code).toBe(RENCHENG);
    for (const f of filings) await rpc(t.db, U.wenshang, `select * from public.start_filing_review($1)`, [f.id]);
    await rpc(t.db, U.rencheng, `select * from public.start_filing_review($1)`, [other.id]);
    const results = await Promise.all([
      ...filings.map((f) => rpc<Filing>(t.db, U.wenshang, `select * from public.approve_filing($1, $2)`, [f.id, ALL_OK])),
      rpc<Filing>(t.db, U.rencheng, `select * from public.approve_filing($1, $2)`, [other.id, ALL_OK]),
    ]);
    const wenshangNos = results.slice(0, 3).map((r) => r.filing_no!);
    expect(new Set(wenshangNos).size).toBe(3);
    const seqs = wenshangNos.map((no) => Number(no.slice(-4))).sort((a, b) => a - b);
    expect(seqs[2]! - seqs[0]!).toBe(2);
    expect(results[3]!.filing_no).toMatch(/^370811\d{4}\d{4}$/);
    const { rows } = await t.db.query<{ n: number }>(
      `select count(*)::int as n from (select filing_no from public.institutions where filing_no is not null group by filing_no having count(*) > 1) d`);
    expect(rows[0]!.n).toBe(0);
  });
});

describe('status history (filing_events)', () => {
  it('is readable by the operator and the county and above, by nobody else, and written only by the trigger', async () => {
    const count = (who: string | null) =>
      rpc<{ n: number }>(t.db, who, `select count(*)::int as n from public.filing_events where filing_id = $1`, [SEEDED.jinChengUnderReview]);
    expect((await count(U.opRencheng)).n).toBe(3); // seeded: created, submitted, under review
    expect((await count(U.rencheng)).n).toBe(3);
    expect((await count(U.jining)).n).toBe(3);
    expect((await count(U.province)).n).toBe(3);
    expect((await count(U.wenshang)).n).toBe(0);
    expect((await count(U.opWenshang)).n).toBe(0);
    expect((await count(U.jinan)).n).toBe(0);
    await refused(count(null), '42501', /permission denied/);
    await refused(actAs(t.db, U.rencheng, (q) => q.query(
      `insert into public.filing_events (filing_id, institution_id, county_code, to_status, actor_kind) values ($1, $2, $3, 'approved', 'reviewer')`,
      [SEEDED.jinChengUnderReview, SEEDED.jinCheng, RENCHENG])), '42501', /permission denied/);
    await refused(actAs(t.db, U.rencheng, (q) => q.query(`delete from public.filing_events where filing_id = $1`, [SEEDED.jinChengUnderReview])),
      '42501', /permission denied/);
  });
});

describe('verify_filing (certificate QR, anon)', () => {
  it('returns the public fields of a filed institution and nothing for unknown numbers', async () => {
    const found = await anon(t.db, async (q) => (await q.query(`select * from public.verify_filing($1)`, [' 37083020240001 '])).rows);
    expect(found).toEqual([{
      institution_name: '汶上县爱心托育中心', institution_type: 'center', county_code: WENSHANG, county_name: '汶上县',
      filing_no: '37083020240001', status: 'filed', status_label: '已备案', filed_on: expect.anything(), affordable: true,
    }]);
    for (const no of ['37083020249999', 'not-a-number', '', '%']) {
      expect(await anon(t.db, async (q) => (await q.query(`select * from public.verify_filing($1)`, [no])).rows)).toEqual([]);
    }
  });
});

describe('review queue view', () => {
  it('lists the caller county’s filings (no drafts) with a working-day countdown and overdue flag', async () => {
    const { filing } = await submittedFiling(t.db, '汶上县超期测试托育园');
    await t.db.query(`update public.filings set deadline_on = '2026-11-02' where id = $1`, [filing.id]); // service-side backdating
    const queue = (who: string) => actAs(t.db, who, async (q) => (await q.query<{
      id: string; county_code: string; status: string; institution_name: string; working_days_left: number | null; overdue: boolean;
    }>(`select * from public.filing_review_queue order by deadline_on nulls last`)).rows);
    const wenshang = await queue(U.wenshang);
    expect(wenshang.length).toBeGreaterThan(3);
    expect(new Set(wenshang.map((r) => r.county_code))).toEqual(new Set([WENSHANG]));
    expect(wenshang.some((r) => r.status === 'draft')).toBe(false);
    const late = wenshang.find((r) => r.id === filing.id)!;
    const today = chinaToday();
    const { rows } = await t.db.query<{ n: number }>(`select public.working_days_between($1::date, '2026-11-02') as n`, [today]);
    expect(late).toMatchObject({ institution_name: '汶上县超期测试托育园', overdue: true, working_days_left: Math.min(rows[0]!.n, -1) });
    const decided = wenshang.find((r) => r.status === 'approved')!;
    expect(decided).toMatchObject({ working_days_left: null, overdue: false });
    expect((await queue(U.rencheng)).some((r) => r.county_code === WENSHANG)).toBe(false);
    // the city: its counties only (the fixtures' 汶上 and 任城, and the generated registry's approved filings of the others)
    const city = new Set((await queue(U.jining)).map((r) => r.county_code));
    expect([...city].every((c) => c.startsWith('3708'))).toBe(true);
    expect(city.has(WENSHANG) && city.has(RENCHENG)).toBe(true);
    expect(await queue(U.yuzhong)).toEqual([expect.objectContaining({ county_code: '500103000000' })]);
    expect((await queue(U.opRencheng)).every((r) => r.county_code === RENCHENG)).toBe(true);
    await refused(anon(t.db, (q) => q.query(`select * from public.filing_review_queue`)), '42501', /permission denied/);
  });
});

describe('filing_overview', () => {
  interface Row { county_code: string; city_code: string; filings_total: number; filings_approved: number; filings_submitted: number;
    filings_under_review: number; overdue_reviews: number; institutions_total: number; institutions_filed: number;
    institutions_affordable: number; slots: number; affordable_slots: number; enrolled: number }
  const overview = (who: string, region?: string) => actAs(t.db, who, async (q) =>
    (await q.query<Row>(`select * from public.filing_overview($1)`, [region ?? null])).rows);

  it('gives each admin one row per county of their scope, with counts matching the tables', async () => {
    const jining = await overview(U.jining);
    expect(jining.length).toBeGreaterThanOrEqual(11);
    expect(jining.every((r) => r.city_code === '370800000000')).toBe(true);
    const ws = jining.find((r) => r.county_code === WENSHANG)!;
    const truth = (await t.db.query<Row>(`
      select (select count(*)::int from public.filings where county_code = $1) as filings_total,
             (select count(*)::int from public.filings where county_code = $1 and status = 'approved') as filings_approved,
             (select count(*)::int from public.filings where county_code = $1 and status in ('submitted','under_review')
                and deadline_on < (now() at time zone 'Asia/Shanghai')::date) as overdue_reviews,
             (select count(*)::int from public.institutions where county_code = $1) as institutions_total,
             (select count(*)::int from public.institutions where county_code = $1 and status = 'filed') as institutions_filed,
             (select count(*)::int from public.institutions where county_code = $1 and status = 'filed' and affordable) as institutions_affordable,
             (select coalesce(sum(c.capacity), 0)::int from public.classes c join public.institutions i on i.id = c.institution_id
               where c.county_code = $1 and i.status = 'filed') as slots`, [WENSHANG])).rows[0]!;
    expect(ws).toMatchObject(truth);
    expect(ws.overdue_reviews).toBeGreaterThanOrEqual(1);
    expect(ws.slots).toBeGreaterThanOrEqual(50); // seeded 爱心 45 + 小太阳 5, plus institutions filed by the tests
    const province = await overview(U.province);
    expect(province.every((r) => r.county_code.startsWith('37'))).toBe(true);
    expect(province.find((r) => r.county_code === WENSHANG)).toEqual(ws);
    expect((await overview(U.province, '370800000000')).map((r) => r.county_code)).toEqual(jining.map((r) => r.county_code));
    expect((await overview(U.jinan)).some((r) => r.county_code.startsWith('3708'))).toBe(false);
    expect((await overview(U.jinan, '370800000000'))).toEqual([]);
    expect((await overview(U.wenshang)).map((r) => r.county_code)).toEqual([WENSHANG]);
    expect(await overview(U.opWenshang)).toEqual([]);
    await refused(anon(t.db, (q) => q.query(`select * from public.filing_overview()`)), '42501', /permission denied/);
    // the unchecked aggregation behind it is for the service role only
    await refused(actAs(t.db, U.jinan, (q) => q.query(`select * from private.filing_overview_for(array[$1])`, [WENSHANG])), '42501', /permission denied/);
  });
});

describe('public classes follow the institution being filed (migration 20261125000100)', () => {
  it('hidden until approval, shown after it, hidden again when the institution stops being filed; the flag cannot be forged', async () => {
    const { ownerId, institutionId, filing } = await submittedFiling(t.db, '汶上县班级公开测试托育园');
    const publicClasses = async () => (await anon(t.db, (q) =>
      q.query<{ name: string }>(`select name from public.classes where institution_id = $1`, [institutionId]))).rows;
    expect(await publicClasses()).toEqual([]);
    await actAs(t.db, ownerId, (q) => q.query(`update public.classes set institution_filed = true where institution_id = $1`, [institutionId]));
    await actAs(t.db, ownerId, (q) => q.query(
      `insert into public.classes (institution_id, name, class_type, min_age_months, max_age_months, capacity, enrolled, carers, institution_filed)
       values ($1, '托大一班', 'older_toddler', 24, 36, 20, 10, 2, true)`, [institutionId]));
    expect(await publicClasses()).toEqual([]);

    await rpc(t.db, U.wenshang, `select * from public.start_filing_review($1)`, [filing.id]);
    await rpc(t.db, U.wenshang, `select * from public.approve_filing($1, $2)`, [filing.id, ALL_OK]);
    expect((await publicClasses()).map((c) => c.name).sort()).toEqual(['托大一班', '托小一班']);

    await t.db.query(`update public.institutions set status = 'suspended' where id = $1`, [institutionId]);
    expect(await publicClasses()).toEqual([]);
  });
});

describe('public location of institutions registered through the API (migration 0800)', () => {
  it('centres show their site, 家庭托育点 only the street and a ~1 km point; clients cannot write it', async () => {
    const center = await createInstitution(t.db, { name: '汶上县位置测试托育园', lat: 35.731234, lng: 116.491234 });
    const loc = async (id: string) => (await t.db.query<{ public_address: string; public_lat: string; public_lng: string }>(
      `select public_address, public_lat::text, public_lng::text from public.institutions where id = $1`, [id])).rows[0]!;
    expect(await loc(center.institutionId)).toEqual({ public_address: '汶上县位置测试托育园所在地址88号', public_lat: '35.731234', public_lng: '116.491234' });
    // a home point holds at most 5 places, so the class shrinks before the type changes
    await actAs(t.db, center.ownerId, async (q) => {
      await q.query(`update public.classes set capacity = 5, enrolled = 5 where institution_id = $1`, [center.institutionId]);
      await q.query(`update public.institutions set type = 'home_based' where id = $1`, [center.institutionId]);
    });
    expect(await loc(center.institutionId)).toEqual({ public_address: '中都街道', public_lat: '35.730000', public_lng: '116.490000' });
    await actAs(t.db, center.ownerId, (q) => q.query(`update public.institutions set public_lat = 30, public_address = '伪造' where id = $1`, [center.institutionId]));
    expect(await loc(center.institutionId)).toEqual({ public_address: '中都街道', public_lat: '35.730000', public_lng: '116.490000' });
    await actAs(t.db, center.ownerId, (q) => q.query(`update public.institution_sites set lat = 35.7422 where institution_id = $1`, [center.institutionId]));
    expect((await loc(center.institutionId)).public_lat).toBe('35.740000');
  });
});

describe('working days in SQL and in @tuoyu/domain agree', () => {
  it('for deadlines and countdowns across the calendar years', async () => {
    const calendar = workingCalendar((await t.db.query<{ day: string; kind: string }>(`select day::text as day, kind from public.calendar_days`)).rows);
    const { rows } = await t.db.query<{ d: string; deadline: string; between: number; left: number }>(`
      select d::date::text as d, public.add_working_days(d::date, 5)::text as deadline,
             public.working_days_between(d::date, (d + interval '17 days')::date) as between,
             public.working_days_left(d::date, (d + interval '9 days')::date) as left
        from generate_series(date '2025-01-01', date '2027-12-31', interval '3 days') d`);
    for (const r of rows) {
      expect(addWorkingDays(r.d, 5, calendar), r.d).toBe(r.deadline);
      const later = new Date(Date.parse(`${r.d}T00:00:00Z`) + 17 * 86_400_000).toISOString().slice(0, 10);
      expect(workingDaysBetween(r.d, later, calendar), r.d).toBe(r.between);
      const today = new Date(Date.parse(`${r.d}T00:00:00Z`) + 9 * 86_400_000).toISOString().slice(0, 10);
      expect(workingDaysLeft(r.d, today, calendar), r.d).toBe(r.left);
    }
  });
});
