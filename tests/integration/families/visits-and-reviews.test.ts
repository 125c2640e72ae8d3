/**
 * Issue 12 on PGlite and Postgres: 参观日期 published by the institution (a visit request must be
 * for one of them and takes one of its places; withdrawing gives it back), 我的评价 (the author's
 * own reviews, hidden ones with the reason, nobody else's) and the admin menu grants.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@tuoyu/local-supabase/testing.ts';
import { INST, SEEDED_CHILD, USERS, act, familyWithChild, refused } from './support.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
});
afterAll(async () => {
  await t?.drop();
});

const booked = async (institution: string, days: number) =>
  Number((await t.db.query<{ booked: number }>(
    `select booked from public.visit_slots where institution_id = $1 and visit_on = current_date + $2::int`, [institution, days])).rows[0]?.booked);

describe('visit slots', () => {
  it('a visit is only for a date the institution offers, and a full date is refused', async () => {
    const { user, child } = await familyWithChild(t.db, 18);
    const none = await refused(t.db, user, `select public.request_visit($1, $2, current_date + 4)`, [child, INST.aiXin]);
    expect(none).toMatchObject({ code: '23514', message: '机构当天未开放参观，请选择机构公布的参观日期' });

    // the operator publishes a date with one place; another institution's operator cannot
    await act(t.db, USERS.opWenshang,
      `insert into public.visit_slots (institution_id, visit_on, time_label, capacity) values ($1, current_date + 4, '上午 9:00–10:00', 1)`, [INST.aiXin]);
    const foreign = await refused(t.db, USERS.opRencheng,
      `insert into public.visit_slots (institution_id, visit_on) values ($1, current_date + 6)`, [INST.aiXin]);
    expect(foreign.code).toBe('42501');

    const [v] = await act<{ id: string }>(t.db, user, `select id from public.request_visit($1, $2, current_date + 4)`, [child, INST.aiXin]);
    expect(await booked(INST.aiXin, 4)).toBe(1);
    // a retry returns the same visit and books nothing more
    const [again] = await act<{ id: string }>(t.db, user, `select id from public.request_visit($1, $2, current_date + 4)`, [child, INST.aiXin]);
    expect(again!.id).toBe(v!.id);
    expect(await booked(INST.aiXin, 4)).toBe(1);

    const other = await familyWithChild(t.db, 20);
    const full = await refused(t.db, other.user, `select public.request_visit($1, $2, current_date + 4)`, [other.child, INST.aiXin]);
    expect(full.message).toBe('该参观日期已约满，请选择其他日期');
    expect(Number((await t.db.query<{ n: number }>(
      `select count(*)::int as n from public.enrollment_requests where child_id = $1`, [other.child])).rows[0]!.n)).toBe(0);

    // a booked date cannot be removed; withdrawing the visit gives the place back
    const gone = await refused(t.db, USERS.opWenshang,
      `delete from public.visit_slots where institution_id = $1 and visit_on = current_date + 4`, [INST.aiXin]);
    expect(gone.message).toBe('已有1个家庭预约该日期参观，请先处理这些预约');
    await act(t.db, user, `select public.withdraw_request($1)`, [v!.id]);
    expect(await booked(INST.aiXin, 4)).toBe(0);
    await act(t.db, other.user, `select public.request_visit($1, $2, current_date + 4)`, [other.child, INST.aiXin]);
    expect(await booked(INST.aiXin, 4)).toBe(1);
  });

  it('families and visitors read future dates only, not who published them', async () => {
    const rows = await act<{ visit_on: string }>(t.db, 'anon', `select visit_on from public.visit_slots where institution_id = $1`, [INST.aiXin]);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    await t.db.query(`insert into public.visit_slots (institution_id, visit_on) values ($1, current_date - 2)`, [INST.aiXin]);
    const publicPast = await act(t.db, 'anon', `select 1 from public.visit_slots where visit_on < current_date`);
    expect(publicPast).toHaveLength(0);
    const memberPast = await act(t.db, USERS.opWenshang, `select 1 from public.visit_slots where visit_on < current_date`);
    expect(memberPast).toHaveLength(1);
  });
});

describe('my reviews', () => {
  it('the author reads their reviews, a hidden one with its reason; nobody else does', async () => {
    const mine = await act<{ institution_name: string; reply: string; hidden: boolean }>(t.db, USERS.familyZhang, `select * from public.my_reviews()`);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ institution_name: '汶上县爱心托育中心', reply: '感谢张女士的信任，我们会继续努力！', hidden: false });
    expect(await act(t.db, USERS.familyLi, `select * from public.my_reviews()`)).toHaveLength(0);
    expect(await act(t.db, USERS.opWenshang, `select * from public.my_reviews()`)).toHaveLength(0);
    expect((await refused(t.db, 'anon', `select * from public.my_reviews()`)).code).toBe('42501');

    const [review] = await act<{ id: string }>(t.db, USERS.familyZhang, `select id from public.my_reviews()`);
    await act(t.db, USERS.wenshang, `select public.moderate_review($1, true, '含有未经核实的指控')`, [review!.id]);
    const hidden = await act<{ hidden: boolean; hidden_reason: string }>(t.db, USERS.familyZhang, `select hidden, hidden_reason from public.my_reviews()`);
    expect(hidden[0]).toEqual({ hidden: true, hidden_reason: '含有未经核实的指控' });
    expect(await act(t.db, 'anon', `select 1 from public.reviews where id = $1`, [review!.id])).toHaveLength(0);
    // 任城's admin does not moderate 汶上's reviews
    expect((await refused(t.db, USERS.rencheng, `select public.moderate_review($1, false)`, [review!.id])).code).toBe('P0002');
    await act(t.db, USERS.wenshang, `select public.moderate_review($1, false)`, [review!.id]);
    expect(SEEDED_CHILD.xiaohe).toBeTruthy();
  });

  it('menu grants: operators reply, county admins moderate and see the counts', async () => {
    const perms = async (who: string) =>
      ((await act<{ p: { permissions: string[] } }>(t.db, who, `select public.get_my_permissions() as p`))[0]!.p.permissions);
    expect(await perms(USERS.opWenshang)).toContain('review.reply');
    expect(await perms(USERS.opWenshang)).not.toContain('review.moderate');
    expect(await perms(USERS.wenshang)).toEqual(expect.arrayContaining(['review.moderate', 'enrollment.stats']));
    expect(await perms(USERS.familyZhang)).not.toContain('enrollment.stats');
    const counts = await act<{ institution_name: string; placed: number }>(t.db, USERS.wenshang, `select * from public.enrollment_counts()`);
    expect(counts.some((c) => c.institution_name === '汶上县爱心托育中心' && Number(c.placed) >= 1)).toBe(true);
    expect(await act(t.db, USERS.opWenshang, `select * from public.enrollment_counts()`)).toHaveLength(0);
  });
});
