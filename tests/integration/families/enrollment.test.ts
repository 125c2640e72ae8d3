/**
 * Issue 12 in SQL, on PGlite and Postgres: consent, children, the enrollment state machine through
 * its RPCs (allowed and refused paths, Chinese errors, nothing half-written, idempotent retries),
 * the capacity guarantee under 200 simultaneous acceptances, consent withdrawal, reviews, notices.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@tuoyu/local-supabase/testing.ts';
import { openPostgres } from '@tuoyu/local-supabase/db/postgres.ts';
import type { Database } from '@tuoyu/local-supabase/db/types.ts';
import {
  CHILD_NOTICE, CLASS, INST, SEEDED_CHILD, USERS, act, birthDateMonthsAgo, familyWithChild, newFamily, refused,
} from './support.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
});
afterAll(async () => {
  await t?.drop();
});

const nextMonth = () => {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
};

async function requestPlace(user: string, child: string, institution: string, classType = 'toddler') {
  const [r] = await act<{ id: string; status: string }>(t.db, user,
    `select id, status from public.request_enrollment($1, $2, $3, 'full_day', $4)`, [child, institution, classType, nextMonth()]);
  return r!;
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const r = await t.db.query<{ n: number }>(sql, params);
  return Number(r.rows[0]!.n);
}

describe('consent and children', () => {
  it('refuses a child before consent, stores it after, keeps the consent record', async () => {
    const user = await newFamily(t.db);
    const e = await refused(t.db, user, `insert into public.children (name, birth_date, sex) values ('小明', $1, 'male')`, [birthDateMonthsAgo(20)]);
    expect(e.message).toContain('请先阅读并同意《儿童个人信息处理告知书》');
    expect(await count(`select count(*) as n from public.children where created_by = $1`, [user])).toBe(0);

    const old = await refused(t.db, user, `select public.give_consent('child-2025.0')`);
    expect(old.message).toContain('告知书已更新');
    const [c1] = await act<{ id: number }>(t.db, user, `select (public.give_consent($1)).id`, [CHILD_NOTICE]);
    const [c2] = await act<{ id: number }>(t.db, user, `select (public.give_consent($1)).id`, [CHILD_NOTICE]);
    expect(c2!.id).toBe(c1!.id); // double tap

    const [child] = await act<{ id: string }>(t.db, user,
      `insert into public.children (name, birth_date, sex, id_number, health_notes) values ('小明', $1, 'male', '370830202401011234', '花生过敏') returning id`,
      [birthDateMonthsAgo(20)]);
    const [mine] = await act<{ age: number; masked: string; primary: boolean }>(t.db, user,
      `select public.age_in_months(c.birth_date) as age, c.id_number_masked as masked, g.is_primary as primary
         from public.children c join public.child_guardians g on g.child_id = c.id where c.id = $1`, [child!.id]);
    expect(mine).toEqual({ age: 20, masked: '370830********1234', primary: true });
    // the full number only through the guardian's function, never as a column
    const col = await refused(t.db, user, `select id_number from public.children where id = $1`, [child!.id]);
    expect(col.code).toBe('42501');
    const [full] = await act<{ n: string }>(t.db, user, `select public.child_id_number($1) as n`, [child!.id]);
    expect(full!.n).toBe('370830202401011234');
    const other = await refused(t.db, USERS.familyLi, `select public.child_id_number($1)`, [child!.id]);
    expect(other.message).toContain('只有监护人');
  });

  it('a second guardian joins by invite code (after consenting); others cannot invite', async () => {
    const { user, child } = await familyWithChild(t.db, 15);
    const second = await newFamily(t.db, '第二监护人');
    const [inv] = await act<{ code: string }>(t.db, user, `select code from public.invite_guardian($1, 'father')`, [child]);
    const [again] = await act<{ code: string }>(t.db, user, `select code from public.invite_guardian($1, 'father')`, [child]);
    expect(again!.code).toBe(inv!.code);
    const noConsent = await refused(t.db, second, `select public.accept_guardian_invite($1)`, [inv!.code]);
    expect(noConsent.message).toContain('请先阅读并同意');
    await act(t.db, second, `select public.give_consent($1)`, [CHILD_NOTICE]);
    await act(t.db, second, `select public.accept_guardian_invite($1)`, [inv!.code]);
    await act(t.db, second, `select public.accept_guardian_invite($1)`, [inv!.code]); // retry
    const seen = await act(t.db, second, `select id from public.children where id = $1`, [child]);
    expect(seen).toHaveLength(1);
    const third = await newFamily(t.db);
    await act(t.db, third, `select public.give_consent($1)`, [CHILD_NOTICE]);
    expect((await refused(t.db, third, `select public.accept_guardian_invite($1)`, [inv!.code])).message).toContain('已被使用');
    expect((await refused(t.db, second, `select public.invite_guardian($1)`, [child])).message).toContain('只有第一监护人');
    expect(await refused(t.db, user, `select public.invite_guardian($1, 'uncle')`, [child])).toEqual({ code: '22023', message: '请选择与孩子的关系' });
  });
});

describe('enrollment state machine', () => {
  it('request → offer → accept places the child, withdraws the other requests and tells each institution', async () => {
    const { user, child } = await familyWithChild(t.db, 18);
    const a = await requestPlace(user, child, INST.aiXin);
    const retry = await requestPlace(user, child, INST.aiXin);
    expect(retry.id).toBe(a.id); // double tap
    const b = await requestPlace(user, child, INST.jinCheng);
    expect(a.status).toBe('pending');

    // only 爱心's operator offers 爱心's request
    const foreign = await refused(t.db, USERS.opRencheng, `select public.offer_place($1, $2)`, [a.id, CLASS.jinChengToddler]);
    expect(foreign.message).toContain('不属于本机构');
    const wrongClass = await refused(t.db, USERS.opWenshang, `select public.offer_place($1, $2)`, [a.id, CLASS.jinChengToddler]);
    expect(wrongClass.message).toContain('班级不存在或不属于本机构');
    const [offer] = await act<{ status: string; hours: number }>(t.db, USERS.opWenshang,
      `select status, round(extract(epoch from offer_expires_at - now()) / 3600)::int as hours from public.offer_place($1, $2)`, [a.id, CLASS.aiXinToddler]);
    expect(offer).toEqual({ status: 'offered', hours: 72 });
    await act(t.db, USERS.opWenshang, `select public.offer_place($1, $2)`, [a.id, CLASS.aiXinToddler]); // retry
    expect(await count(`select count(*) as n from public.notices where request_id = $1 and kind = 'offer_received'`, [a.id])).toBe(1);

    // a stranger cannot accept it
    expect((await refused(t.db, USERS.familyLi, `select public.accept_offer($1)`, [a.id])).message).toContain('入托申请不存在');
    const before = await count(`select enrolled as n from public.classes where id = $1`, [CLASS.aiXinToddler]);
    const [placement] = await act<{ id: string; started_on: string }>(t.db, user,
      `select id, started_on::text from public.accept_offer($1)`, [a.id]);
    const [again] = await act<{ id: string }>(t.db, user, `select id from public.accept_offer($1)`, [a.id]);
    expect(again!.id).toBe(placement!.id);
    expect(await count(`select enrolled as n from public.classes where id = $1`, [CLASS.aiXinToddler])).toBe(before + 1);
    const [vacancy] = await act<{ vacancies: number }>(t.db, 'anon', `select vacancies from public.class_vacancies where class_id = $1`, [CLASS.aiXinToddler]);
    expect(vacancy!.vacancies).toBe(15 - before - 1);

    const [other] = await t.db.query<{ status: string; reason: string }>(`select status, reason from public.enrollment_requests where id = $1`, [b.id]).then((r) => r.rows);
    expect(other).toEqual({ status: 'withdrawn', reason: '孩子已在其他机构入托' });
    expect(await count(`select count(*) as n from public.notices where institution_id = $1 and request_id = $2 and kind = 'request_withdrawn'`,
      [INST.jinCheng, b.id])).toBe(1);

    // a new request while placed is refused; the institution ends the placement
    expect((await refused(t.db, user, `select public.request_enrollment($1, $2, 'toddler', 'full_day', $3)`, [child, INST.zhengzhou, nextMonth()])).message)
      .toContain('孩子已在托');
    const today = placement!.started_on; // the day it starts: left before starting
    await act(t.db, USERS.opWenshang, `select public.end_placement($1, $2, 'left')`, [placement!.id, today]);
    await act(t.db, USERS.opWenshang, `select public.end_placement($1, $2, 'left')`, [placement!.id, today]); // retry
    expect(await count(`select enrolled as n from public.classes where id = $1`, [CLASS.aiXinToddler])).toBe(before);
    expect((await refused(t.db, USERS.opRencheng, `select public.end_placement($1, $2, 'left')`, [placement!.id, today])).message)
      .toContain('不属于本机构');
  });

  it('refuses bad requests with clear Chinese messages and writes nothing', async () => {
    const { user, child } = await familyWithChild(t.db, 8);
    const n0 = await count(`select count(*) as n from public.enrollment_requests where child_id = $1`, [child]);
    const old = await refused(t.db, user, `select public.request_enrollment($1, $2, 'older_toddler', 'full_day', $3)`, [child, INST.aiXin, nextMonth()]);
    expect(old.message).toMatch(/托大班招收24～36月龄婴幼儿，孩子届时9个月/);
    const draft = await refused(t.db, user, `select public.request_enrollment($1, $2, 'infant', 'full_day', $3)`, [child, INST.nanZhan, nextMonth()]);
    expect(draft.message).toContain('该机构未备案或已暂停服务');
    const notMine = await refused(t.db, USERS.familyLi, `select public.request_enrollment($1, $2, 'infant', 'full_day', $3)`, [child, INST.aiXin, nextMonth()]);
    expect(notMine.message).toContain('您不是其监护人');
    const past = await refused(t.db, user, `select public.request_enrollment($1, $2, 'infant', 'full_day', '2020-01-01')`, [child, INST.aiXin]);
    expect(past.message).toContain('希望入托月份');
    expect(await count(`select count(*) as n from public.enrollment_requests where child_id = $1`, [child])).toBe(n0);
    expect(await count(`select count(*) as n from public.notices where kind = 'request_received' and request_id is null`)).toBe(0);
  });

  it('limits open requests per child by the region setting', async () => {
    const { user, child } = await familyWithChild(t.db, 18);
    await t.db.query(`insert into public.enrollment_settings (region_code, max_open_requests) values ('410000000000', 2)`); // 河南省
    await requestPlace(user, child, INST.aiXin);
    await requestPlace(user, child, INST.jinCheng);
    const fourth = await refused(t.db, user, `select public.request_enrollment($1, $2, 'toddler', 'full_day', $3)`, [child, INST.zhengzhou, nextMonth()]);
    expect(fourth.message).toBe('每名儿童最多同时有2份进行中的入托申请，请先撤回其他申请');
    await t.db.query(`delete from public.enrollment_settings where region_code = '410000000000'`);
    await requestPlace(user, child, INST.zhengzhou); // the national default (3)
  });

  it('an offer lapses at its deadline; accepting a lapsed offer is refused; decline and withdraw are idempotent', async () => {
    const { user, child } = await familyWithChild(t.db, 18);
    const a = await requestPlace(user, child, INST.aiXin);
    await act(t.db, USERS.opWenshang, `select public.offer_place($1, $2)`, [a.id, CLASS.aiXinToddler]);
    await t.db.query(`update public.enrollment_requests set offer_expires_at = now() - interval '1 minute' where id = $1`, [a.id]);
    const lapsed = await refused(t.db, user, `select public.accept_offer($1)`, [a.id]);
    expect(lapsed.message).toContain('录取已过期');
    await act(t.db, 'service', `select public.lapse_overdue_offers()`);
    expect((await t.db.query(`select status from public.enrollment_requests where id = $1`, [a.id])).rows[0]).toEqual({ status: 'lapsed' });
    expect((await refused(t.db, user, `select public.lapse_overdue_offers()`)).code).toBe('42501');

    const b = await requestPlace(user, child, INST.jinCheng);
    await act(t.db, USERS.opRencheng, `select public.offer_place($1, $2)`, [b.id, CLASS.jinChengToddler]);
    await act(t.db, user, `select public.decline_offer($1, '离家太远')`, [b.id]);
    await act(t.db, user, `select public.decline_offer($1, '离家太远')`, [b.id]);
    expect((await refused(t.db, user, `select public.accept_offer($1)`, [b.id])).message).toContain('没有待确认的录取');

    const c = await requestPlace(user, child, INST.zhengzhou);
    await act(t.db, user, `select public.withdraw_request($1)`, [c.id]);
    await act(t.db, user, `select public.withdraw_request($1)`, [c.id]);
    const decline = await refused(t.db, USERS.opWenshang, `select public.decline_request($1, '名额已满')`, [c.id]);
    expect(decline.message).toContain('不属于本机构');
  });

  it('visits: booked by the family, marked done by the institution', async () => {
    const { user, child } = await familyWithChild(t.db, 18);
    const [v] = await act<{ id: string }>(t.db, user, `select id from public.request_visit($1, $2, current_date + 3)`, [child, INST.aiXin]);
    const early = await refused(t.db, USERS.opWenshang, `select public.mark_visit_done($1)`, [v!.id]);
    expect(early.message).toContain('参观日期未到');
    await t.db.query(`update public.enrollment_requests set visit_date = current_date where id = $1`, [v!.id]);
    await act(t.db, USERS.opWenshang, `select public.mark_visit_done($1)`, [v!.id]);
    await act(t.db, USERS.opWenshang, `select public.mark_visit_done($1)`, [v!.id]);
    expect((await refused(t.db, USERS.opWenshang, `select public.offer_place($1, $2)`, [v!.id, CLASS.aiXinToddler])).message).toContain('参观预约不能录取');
  });
});

describe('deleted accounts', () => {
  it('the institution still ends the placement of a family whose account was deleted', async () => {
    const { user, child } = await familyWithChild(t.db, 18);
    const a = await requestPlace(user, child, INST.jinCheng);
    await act(t.db, USERS.opRencheng, `select public.offer_place($1, $2)`, [a.id, CLASS.jinChengToddler]);
    await t.db.query(`update public.classes set enrolled = 0 where id = $1`, [CLASS.jinChengToddler]);
    const [p] = await act<{ id: string; started_on: string }>(t.db, user, `select id, started_on::text from public.accept_offer($1)`, [a.id]);
    await t.db.query(`delete from auth.users where id = $1`, [user]);
    await act(t.db, USERS.opRencheng, `select public.end_placement($1, $2, 'left')`, [p!.id, p!.started_on]);
    expect((await t.db.query(`select ended_on is not null as ended from public.placements where id = $1`, [p!.id])).rows[0]).toEqual({ ended: true });
  });
});

describe('who reads children', () => {
  it('guardians read their own, institutions only with a request there, county only counts', async () => {
    const zhang = await act(t.db, USERS.familyZhang, `select id from public.children order by name`);
    expect(zhang).toHaveLength(2);
    expect(await act(t.db, USERS.familyLi, `select id from public.children where id = $1`, [SEEDED_CHILD.xiaoman])).toHaveLength(0);
    expect(await act(t.db, 'anon', `select id from public.enrollment_requests`).catch((e: Error) => e.message)).toMatch(/permission denied/);
    // 爱心 has requests/placements for both of 张女士's children; 金城 has none of them
    const aiXin = await act<{ name: string }>(t.db, USERS.opWenshang, `select name from public.children where id = any($1::uuid[]) order by name`,
      [[SEEDED_CHILD.xiaoman, SEEDED_CHILD.xiaohe]]);
    expect(aiXin.map((r) => r.name)).toEqual(['张小满', '张小禾']);
    expect(await act(t.db, USERS.opRencheng, `select id from public.children where id = $1`, [SEEDED_CHILD.xiaoman])).toHaveLength(0);
    expect((await refused(t.db, USERS.opWenshang, `select id_number from public.children`)).code).toBe('42501');
    // the county sees no child rows, only counts
    expect(await act(t.db, USERS.wenshang, `select id from public.children`)).toHaveLength(0);
    expect(await act(t.db, USERS.wenshang, `select id from public.enrollment_requests`)).toHaveLength(0);
    const counts = await act<{ institution_name: string; pending: number; placed: number }>(t.db, USERS.wenshang,
      `select institution_name, pending::int, placed::int from public.enrollment_counts() where institution_id = $1`, [INST.aiXin]);
    expect(counts[0]!.institution_name).toBe('汶上县爱心托育中心');
    expect(await act(t.db, USERS.rencheng, `select * from public.enrollment_counts() where institution_id = $1`, [INST.aiXin])).toHaveLength(0);
  });
});

describe('consent withdrawal', () => {
  it('removes the children’s personal data, withdraws open requests, keeps anonymised statistics', async () => {
    const { user, child } = await familyWithChild(t.db, 18, '王小宝');
    await act(t.db, user, `update public.children set health_notes = '牛奶过敏', id_number = '370830202401019999' where id = $1`, [child]);
    const a = await requestPlace(user, child, INST.aiXin);
    const [res] = await act<{ r: { children_anonymised: number } }>(t.db, user, `select public.withdraw_consent() as r`);
    expect(res!.r.children_anonymised).toBe(1);
    const [row] = (await t.db.query(`select name, id_number, health_notes, extract(day from birth_date)::int as day, anonymised_at is not null as anon, sex
      from public.children where id = $1`, [child])).rows;
    expect(row).toEqual({ name: '已删除', id_number: null, health_notes: null, day: 1, anon: true, sex: 'female' });
    expect((await t.db.query(`select status from public.enrollment_requests where id = $1`, [a.id])).rows[0]).toEqual({ status: 'withdrawn' });
    expect(await act(t.db, user, `select id from public.children`)).toHaveLength(0);
    expect(await act(t.db, USERS.opWenshang, `select id from public.children where id = $1`, [child])).toHaveLength(0);
    // no new child without consent again
    const e = await refused(t.db, user, `insert into public.children (name, birth_date, sex) values ('再来', $1, 'male')`, [birthDateMonthsAgo(10)]);
    expect(e.message).toContain('请先阅读并同意');
  });
});

describe('reviews', () => {
  it('only after a placement or a visit, once a year; one reply; county moderation; public averages', async () => {
    const { user, child } = await familyWithChild(t.db, 18);
    const early = await refused(t.db, user, `select public.submit_review($1, $2, 5, 5, 5, 5, 5, '环境很好，老师耐心')`, [child, INST.aiXin]);
    expect(early.message).toContain('入托（或离园12个月内）或参观后才能评价');
    const a = await requestPlace(user, child, INST.aiXin);
    await act(t.db, USERS.opWenshang, `select public.offer_place($1, $2)`, [a.id, CLASS.aiXinToddler]);
    await t.db.query(`update public.classes set enrolled = 0 where id = $1`, [CLASS.aiXinToddler]);
    await act(t.db, user, `select public.accept_offer($1)`, [a.id]);
    const bad = await refused(t.db, user, `select public.submit_review($1, $2, 6, 5, 5, 5, 5, '环境很好，老师耐心')`, [child, INST.aiXin]);
    expect(bad.message).toContain('1～5星');
    const [r] = await act<{ id: string }>(t.db, user, `select public.submit_review($1, $2, 4, 4, 4, 4, 4, '环境很好，老师耐心') as id`, [child, INST.aiXin]);
    expect((await refused(t.db, user, `select public.submit_review($1, $2, 4, 4, 4, 4, 4, '再评一次可以吗')`, [child, INST.aiXin])).message).toContain('今年已评价过');

    expect((await refused(t.db, USERS.opRencheng, `select public.reply_review($1, '谢谢')`, [r!.id])).message).toContain('不属于本机构');
    await act(t.db, USERS.opWenshang, `select public.reply_review($1, '感谢认可')`, [r!.id]);
    expect((await refused(t.db, USERS.opWenshang, `select public.reply_review($1, '再回复一次')`, [r!.id])).message).toContain('只能回复一次');

    const [pub] = await act<{ reviews: number; care: string }>(t.db, 'anon', `select reviews::int, care::text from public.institution_rating($1)`, [INST.aiXin]);
    expect(pub!.reviews).toBe(2); // the seeded one and this one
    expect((await refused(t.db, 'anon', `select author_id from public.reviews`)).code).toBe('42501');

    expect((await refused(t.db, USERS.rencheng, `select public.moderate_review($1, true, '含不实信息')`, [r!.id])).message).toContain('不在您的管辖范围');
    expect((await refused(t.db, USERS.wenshang, `select public.moderate_review($1, true, null)`, [r!.id])).message).toContain('须填写理由');
    await act(t.db, USERS.wenshang, `select public.moderate_review($1, true, '含不实信息')`, [r!.id]);
    expect(await act(t.db, 'anon', `select id from public.reviews where id = $1`, [r!.id])).toHaveLength(0);
    const mine = await act<{ hidden_reason: string }>(t.db, user, `select hidden_reason from public.reviews where id = $1`, [r!.id]);
    expect(mine[0]!.hidden_reason).toBe('含不实信息');
    const [after] = await act<{ reviews: number }>(t.db, 'anon', `select reviews::int from public.institution_rating($1)`, [INST.aiXin]);
    expect(after!.reviews).toBe(1);
  });
});

describe('notices outbox', () => {
  it('is drained only by the service role, retried with backoff, never lost', async () => {
    const { user, child } = await familyWithChild(t.db, 18);
    const a = await requestPlace(user, child, INST.jinCheng);
    await act(t.db, USERS.opRencheng, `select public.offer_place($1, $2)`, [a.id, CLASS.jinChengToddler]);
    expect((await refused(t.db, user, `select * from public.claim_notices(10)`)).code).toBe('42501');
    const claimed = await act<{ id: number; kind: string; attempts: number }>(t.db, 'service', `select id, kind, attempts from public.claim_notices(200)`);
    const mine = claimed.filter((c) => c.kind === 'offer_received');
    expect(mine.length).toBeGreaterThan(0);
    const id = (await t.db.query<{ id: number }>(`select id from public.notices where request_id = $1 and kind = 'offer_received'`, [a.id])).rows[0]!.id;
    // leased: a second drain does not get it
    expect((await act<{ id: number }>(t.db, 'service', `select id from public.claim_notices(200)`)).map((c) => c.id)).not.toContain(id);
    const [r1] = await act<{ s: string }>(t.db, 'service', `select public.complete_notice($1, 45011, 'rate limited') as s`, [id]);
    expect(r1!.s).toBe('retrying');
    const [row] = (await t.db.query(`select attempts, round(extract(epoch from next_attempt_at - now()) / 60) as minutes from public.notices where id = $1`, [id])).rows;
    expect(row).toEqual({ attempts: 1, minutes: '1' });
    await t.db.query(`update public.notices set next_attempt_at = now() where id = $1`, [id]);
    await act(t.db, 'service', `select id from public.claim_notices(200)`);
    const [r2] = await act<{ s: string }>(t.db, 'service', `select public.complete_notice($1, 0) as s`, [id]);
    expect(r2!.s).toBe('sent');
    const listed = await act<{ delivery_status: string }>(t.db, user, `select delivery_status from public.notices where id = $1`, [id]);
    expect(listed).toEqual([{ delivery_status: 'sent' }]);
    expect(await act(t.db, USERS.familyLi, `select id from public.notices where id = $1`, [id])).toHaveLength(0);
    expect(await act<{ n: number }>(t.db, user, `select public.mark_notices_read($1::bigint[]) as n`, [[id]])).toEqual([{ n: 1 }]);
  });
});

describe('capacity under concurrency', () => {
  it('200 families accepting offers for 10 free places at the same moment: exactly 10 placed, the rest get 名额已满 and keep their offer', async () => {
    const classId = (await t.db.query<{ id: string }>(
      `insert into public.classes (institution_id, name, class_type, min_age_months, max_age_months, capacity, enrolled, carers)
       values ($1, '并发测试托小班', 'toddler', 12, 24, 15, 5, 3) returning id`, [INST.aiXin])).rows[0]!.id;
    // 200 families with a child of 18 months and an offer for this class (set up in bulk)
    const families = (await t.db.query<{ user_id: string; request_id: string }>(`
      with users as (
        insert into auth.users (instance_id, id, aud, role, email, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
        select '00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated',
               'rush-' || g || '-' || substr(md5(random()::text), 1, 6) || '@families.test', '{}', '{}', now(), now()
          from generate_series(1, 200) g
        returning id
      ), kids as (
        insert into public.children (name, birth_date, sex, created_by)
        select '并发宝宝', (date_trunc('month', current_date) - interval '18 months')::date, 'male', id from users
        returning id, created_by
      )
      insert into public.enrollment_requests (child_id, institution_id, county_code, kind, class_type, service, wished_start,
                                              status, class_id, offered_at, offer_expires_at, requested_by)
      select k.id, $1, '370830000000', 'place', 'toddler', 'full_day', date_trunc('month', current_date)::date,
             'offered', $2, now(), now() + interval '3 days', k.created_by from kids k
      returning requested_by as user_id, id as request_id`, [INST.aiXin, classId])).rows;
    expect(families).toHaveLength(200);

    // Postgres: a pool of 40 connections, so acceptances really overlap; PGlite runs them one by one
    let db: Database = t.db;
    if (t.kind === 'postgres') db = await openPostgres({ connectionString: t.url!, max: 40 });
    try {
      const results = await Promise.allSettled(families.map((f) =>
        act(db, f.user_id, `select id from public.accept_offer($1)`, [f.request_id])));
      const placed = results.filter((r) => r.status === 'fulfilled');
      const full = results.filter((r) => r.status === 'rejected' && String((r.reason as Error).message).startsWith('名额已满'));
      expect(placed).toHaveLength(10);
      expect(full).toHaveLength(190);
    } finally {
      if (db !== t.db) await db.close();
    }
    const [cls] = (await t.db.query<{ enrolled: number }>(`select enrolled from public.classes where id = $1`, [classId])).rows;
    expect(cls!.enrolled).toBe(15);
    expect(await count(`select count(*) as n from public.placements where class_id = $1`, [classId])).toBe(10);
    expect(await count(`select count(*) as n from public.enrollment_requests where class_id = $1 and status = 'offered'`, [classId])).toBe(190);
  }, 120_000);
});
