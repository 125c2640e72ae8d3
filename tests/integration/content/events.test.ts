/**
 * Campaign events (issue 14): street scoping for community workers, publication review per county,
 * sign-up rules with Chinese messages, the capacity guarantee under parallel sign-ups (a pool of
 * real connections on Postgres), promotion of exactly one on cancellation, check-in and no-shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '@tuoyu/local-supabase/db/postgres.ts';
import type { Database } from '@tuoyu/local-supabase/db/types.ts';
import { createTestDatabase, type TestDatabase } from '@tuoyu/local-supabase/testing.ts';
import { runAs } from '@tuoyu/local-supabase/request-context.ts';
import { actAs, anon, createUser, refused, rpc, U, WENSHANG, ZHONGDU_STREET, demo } from '../filings/support.ts';

const COMMUNITY = demo('community.zhongdu@demo.tuoyu.cn').user_id;
const OTHER_STREET = '370830002000'; // 汶上县汶上街道 (not the worker's street)

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
});
afterAll(async () => {
  await t?.drop();
});

interface EventRow { id: string; status: string; county_code: string; published_at: string | null }
interface Signup { id: string; status: string; waitlist_position: number | null; short_code: string }

/** An event posted by `who` (status as given), starting tomorrow, sign-up open now. */
async function postEvent(db: Database, who: string, opts: { street?: string | null; county?: string; status?: string; capacity?: number; title?: string } = {}): Promise<EventRow> {
  return actAs(db, who, async (q) => (await q.query<EventRow>(
    `insert into public.events (title, kind, street_code, county_code, starts_at, ends_at, venue, lat, lng, capacity, status, signup_opens_at)
     values ($1, 'open_day', $2, $3, now() + interval '1 day', now() + interval '1 day 2 hours', '中都街道社区服务中心', 35.73, 116.49, $4, $5, now() - interval '1 hour')
     returning id, status, county_code, published_at`,
    [opts.title ?? '托育机构开放日', opts.street === undefined ? ZHONGDU_STREET : opts.street, opts.county ?? null, opts.capacity ?? 10, opts.status ?? 'pending_review'])).rows[0]!);
}

async function publish(db: Database, id: string): Promise<EventRow> {
  return actAs(db, U.wenshang, async (q) => (await q.query<EventRow>(
    `update public.events set status = 'published' where id = $1 returning id, status, county_code, published_at`, [id])).rows[0]!);
}

const signUp = (db: Database, who: string, id: string) => rpc<Signup>(db, who, `select * from public.sign_up_for_event($1)`, [id]);

describe('posting: community workers in their street, county admins in their county', () => {
  it('the 中都街道 worker posts in 中都街道; the county is derived from the street', async () => {
    const e = await postEvent(t.db, COMMUNITY, { status: 'draft' });
    expect(e).toMatchObject({ status: 'draft', county_code: WENSHANG });
  });
  it('the worker may not post in another street, nor county-wide', async () => {
    await refused(postEvent(t.db, COMMUNITY, { street: OTHER_STREET }), '42501', /只能在本人负责的街道/);
    await refused(postEvent(t.db, COMMUNITY, { street: null, county: WENSHANG }), '42501', /只能在本人负责的街道/);
  });
  it('another county’s admin, a family and anon may not post in 汶上', async () => {
    await refused(postEvent(t.db, U.rencheng), '42501', /只能在本人负责的街道/);
    await refused(postEvent(t.db, U.familyZhang), '42501', /只能在本人负责的街道/);
    await expect(anon(t.db, (q) => q.query(`insert into public.events (title, kind, street_code, county_code, starts_at, ends_at, venue, capacity)
      values ('匿名活动', 'lecture', $1, $2, now(), now() + interval '1 hour', '某地点', 5)`, [ZHONGDU_STREET, WENSHANG]))).rejects.toThrow();
  });
  it('the worker may not move someone else’s street event into theirs (old place checked too)', async () => {
    const other = await postEvent(t.db, U.wenshang, { street: OTHER_STREET, status: 'draft' });
    const n = await actAs(t.db, COMMUNITY, async (q) => (await q.query(`update public.events set street_code = $2 where id = $1`, [other.id, ZHONGDU_STREET])).rowCount);
    expect(n).toBe(0);
  });
  it('rich text is stored as plain text', async () => {
    const e = await actAs(t.db, COMMUNITY, async (q) => (await q.query<{ description: string; title: string }>(
      `insert into public.events (title, kind, street_code, county_code, starts_at, ends_at, venue, capacity, description)
       values ('<b>科学育儿讲座</b>', 'lecture', $1, $2, now() + interval '2 days', now() + interval '2 days 1 hour', '社区活动室', 30,
               '<p>欢迎<script>alert(1)</script>家长<img src=x onerror=alert(1)>参加</p>') returning title, description`,
      [ZHONGDU_STREET, WENSHANG])).rows[0]!);
    expect(e).toEqual({ title: '科学育儿讲座', description: '欢迎家长参加' });
  });
});

describe('publication review per county', () => {
  it('submitted events wait for the county; anon sees them only once published', async () => {
    const e = await postEvent(t.db, COMMUNITY);
    expect(e.status).toBe('pending_review');
    const seen = async () => (await anon(t.db, (q) => q.query(`select id from public.events where id = $1`, [e.id]))).rows.length;
    expect(await seen()).toBe(0);
    await refused(actAs(t.db, COMMUNITY, (q) => q.query(`update public.events set status = 'published' where id = $1`, [e.id])),
      '42501', /只有本县区卫健部门可以发布或退回活动/);
    const other = await actAs(t.db, U.rencheng, async (q) => (await q.query(`update public.events set status = 'published' where id = $1`, [e.id])).rowCount);
    expect(other).toBe(0); // another county's admin does not even see it
    const published = await publish(t.db, e.id);
    expect(published.status).toBe('published');
    expect(published.published_at).not.toBeNull();
    expect(await seen()).toBe(1);
  });
  it('returning needs a reason; the worker resubmits', async () => {
    const e = await postEvent(t.db, COMMUNITY);
    await refused(actAs(t.db, U.wenshang, (q) => q.query(`update public.events set status = 'returned' where id = $1`, [e.id])), '23514', /退回原因/);
    await actAs(t.db, U.wenshang, (q) => q.query(`update public.events set status = 'returned', review_note = '请补充活动地点' where id = $1`, [e.id]));
    const again = await actAs(t.db, COMMUNITY, async (q) => (await q.query<EventRow>(
      `update public.events set status = 'pending_review', venue = '中都街道社区服务中心二楼' where id = $1 returning status`, [e.id])).rows[0]!);
    expect(again.status).toBe('pending_review');
  });
  it('a county without review publishes on submission', async () => {
    const n = await actAs(t.db, U.wenshang, async (q) => (await q.query(`update public.event_review_settings set review_required = false where county_code = $1`, [WENSHANG])).rowCount);
    expect(n).toBe(1);
    try {
      const e = await postEvent(t.db, COMMUNITY);
      expect(e.status).toBe('published');
    } finally {
      await t.db.query(`update public.event_review_settings set review_required = true where county_code = $1`, [WENSHANG]);
    }
  });
  it('another county’s admin may not change 汶上’s review setting', async () => {
    const n = await actAs(t.db, U.rencheng, async (q) => (await q.query(`update public.event_review_settings set review_required = false where county_code = $1`, [WENSHANG])).rowCount);
    expect(n).toBe(0);
    await refused(actAs(t.db, U.rencheng, (q) => q.query(`insert into public.event_review_settings (county_code, review_required) values ('370831000000', false)`)),
      '42501', /row-level security/);
  });
});

describe('sign-up, waiting list, cancellation, check-in', () => {
  it('confirmed until full, then waitlisted with positions; cancellation promotes exactly one', async () => {
    const e = await publish(t.db, (await postEvent(t.db, COMMUNITY, { capacity: 2 })).id);
    const users = await Promise.all([1, 2, 3, 4].map((i) => createUser(t.db, `家长${i}`)));
    const s: Signup[] = [];
    for (const u of users) s.push(await signUp(t.db, u, e.id));
    expect(s.map((x) => [x.status, x.waitlist_position])).toEqual([['confirmed', null], ['confirmed', null], ['waitlisted', 1], ['waitlisted', 2]]);
    await refused(signUp(t.db, users[0]!, e.id), '23505', /请勿重复报名/);

    await rpc(t.db, users[1]!, `select * from public.cancel_event_signup($1)`, [s[1]!.id]);
    const after = (await t.db.query<{ user_id: string; status: string; waitlist_position: number | null }>(
      `select user_id, status, waitlist_position from public.event_signups where event_id = $1 order by created_at`, [e.id])).rows;
    expect(after.map((r) => [r.status, r.waitlist_position])).toEqual([['confirmed', null], ['cancelled', null], ['confirmed', null], ['waitlisted', 1]]);
    const counts = (await t.db.query(`select confirmed_count, waitlist_count, free_places from public.events where id = $1`, [e.id])).rows[0];
    expect(counts).toEqual({ confirmed_count: 2, waitlist_count: 1, free_places: 0 });
    // somebody else's sign-up reads as missing
    await refused(rpc(t.db, users[0]!, `select * from public.cancel_event_signup($1)`, [s[3]!.id]), 'P0002', /报名不存在/);
  });
  it('clear Chinese messages: window closed, not open yet, cancelled event, not signed in', async () => {
    const e = await publish(t.db, (await postEvent(t.db, COMMUNITY)).id);
    const fam = await createUser(t.db, '家长窗口');
    await t.db.query(`update public.events set signup_closes_at = now() - interval '1 minute', signup_opens_at = now() - interval '2 days' where id = $1`, [e.id]);
    await refused(signUp(t.db, fam, e.id), '23514', /报名已截止/);
    await t.db.query(`update public.events set signup_opens_at = now() + interval '1 hour', signup_closes_at = now() + interval '2 hours' where id = $1`, [e.id]);
    await refused(signUp(t.db, fam, e.id), '23514', /报名尚未开始/);
    await actAs(t.db, COMMUNITY, (q) => q.query(`update public.events set status = 'cancelled' where id = $1`, [e.id]));
    await refused(signUp(t.db, fam, e.id), '23514', /活动已取消/);
    await expect(anon(t.db, (q) => q.query(`select public.sign_up_for_event($1)`, [e.id]))).rejects.toThrow(/permission denied/);
    const draft = await postEvent(t.db, COMMUNITY, { status: 'draft' });
    await refused(signUp(t.db, fam, draft.id), 'P0002', /活动不存在/);
  });
  it('check-in by short code in the worker’s street; no-shows recorded after the start', async () => {
    const e = await publish(t.db, (await postEvent(t.db, COMMUNITY, { capacity: 1 })).id);
    const [a, b] = await Promise.all([createUser(t.db, '家长甲'), createUser(t.db, '家长乙')]);
    const sa = await signUp(t.db, a, e.id);
    const sb = await signUp(t.db, b, e.id);
    await refused(rpc(t.db, U.rencheng, `select * from public.check_in_event_signup($1, $2)`, [e.id, sa.short_code]), 'P0002', /活动不存在/);
    await refused(rpc(t.db, a, `select * from public.check_in_event_signup($1, $2)`, [e.id, sa.short_code]), 'P0002', /活动不存在/);
    await refused(rpc(t.db, COMMUNITY, `select * from public.check_in_event_signup($1, $2)`, [e.id, sb.short_code]), '23514', /候补/);
    const unknown = ['000000', '000001', '000002'].find((c) => c !== sa.short_code && c !== sb.short_code)!;
    await refused(rpc(t.db, COMMUNITY, `select * from public.check_in_event_signup($1, $2)`, [e.id, unknown]), 'P0002', /签到码无效/);
    const checked = await rpc<Signup>(t.db, COMMUNITY, `select * from public.check_in_event_signup($1, $2)`, [e.id, sa.short_code]);
    expect(checked.status).toBe('attended');
    await refused(rpc(t.db, COMMUNITY, `select * from public.check_in_event_signup($1, $2)`, [e.id, sa.short_code]), '23505', /已签到/);
    await refused(rpc(t.db, COMMUNITY, `select public.record_event_no_shows($1)`, [e.id]), '23514', /活动开始后/);
  });
  it('no-shows: confirmed sign-ups without check-in after the start', async () => {
    const e = await publish(t.db, (await postEvent(t.db, COMMUNITY, { capacity: 3 })).id);
    const fam = await createUser(t.db, '家长丙');
    await signUp(t.db, fam, e.id);
    await t.db.query(`update public.events set starts_at = now() - interval '1 hour', signup_closes_at = now() - interval '1 hour', signup_opens_at = now() - interval '2 hours' where id = $1`, [e.id]);
    const n = await rpc<{ n: number }>(t.db, U.wenshang, `select public.record_event_no_shows($1) as n`, [e.id]);
    expect(n.n).toBe(1);
  });
});

describe('notices: moved up from the waiting list, reminders the day before, audit', () => {
  const asService = <T>(sql: string, params: unknown[] = []) =>
    runAs(t.db, { role: 'service_role', claims: { role: 'service_role' } }, async (q) => (await q.query<T>(sql, params)).rows);
  const noticesOf = async (user: string) => (await t.db.query<{ kind: string; body: string; page: string; data: { signup_id?: string } }>(
    `select kind, body, page, data from public.notices where recipient_id = $1 order by id`, [user])).rows;

  it('the family moved up is told through the outbox (WeChat + 我的), the others are not', async () => {
    const e = await publish(t.db, (await postEvent(t.db, COMMUNITY, { capacity: 1, title: '候补通知测试' })).id);
    const [a, b, c] = await Promise.all([createUser(t.db, '候补甲'), createUser(t.db, '候补乙'), createUser(t.db, '候补丙')]);
    const sa = await signUp(t.db, a, e.id);
    const sb = await signUp(t.db, b, e.id);
    await signUp(t.db, c, e.id);
    await rpc(t.db, a, `select * from public.cancel_event_signup($1)`, [sa.id]);
    const told = await noticesOf(b);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ kind: 'event_promoted', page: `features/events/pages/detail/index?id=${e.id}`, data: { signup_id: sb.id } });
    expect(told[0]!.body).toContain(sb.short_code);
    expect(await noticesOf(a)).toEqual([]);
    expect(await noticesOf(c)).toEqual([]);
    // leaving the waiting list promotes nobody and tells nobody
    const sc = (await t.db.query<{ id: string }>(`select id from public.event_signups where event_id = $1 and user_id = $2`, [e.id, c])).rows[0]!;
    await rpc(t.db, c, `select * from public.cancel_event_signup($1)`, [sc.id]);
    expect(await noticesOf(c)).toEqual([]);
    expect((await t.db.query(`select count(*)::int as n from public.notices where kind = 'event_promoted' and data ->> 'event_id' = $1`, [e.id])).rows[0]).toEqual({ n: 1 });
  });

  it('reminders the day before: queued once per confirmed sign-up, not for the waiting list; service role only', async () => {
    const e = await publish(t.db, (await postEvent(t.db, COMMUNITY, { capacity: 1, title: '提醒测试' })).id);
    const [a, b] = await Promise.all([createUser(t.db, '提醒甲'), createUser(t.db, '提醒乙')]);
    const sa = await signUp(t.db, a, e.id);
    await signUp(t.db, b, e.id); // waitlisted
    // a family or a worker may not run the schedule
    await refused(rpc(t.db, a, `select public.queue_content_reminders()`), '42501', /permission denied/);
    await refused(rpc(t.db, COMMUNITY, `select public.queue_content_reminders()`), '42501', /permission denied/);
    await expect(anon(t.db, (q) => q.query(`select public.queue_content_reminders()`))).rejects.toThrow(/permission denied/);
    // more than a day ahead: nothing yet
    await t.db.query(`update public.events set starts_at = now() + interval '3 days', ends_at = now() + interval '3 days 2 hours' where id = $1`, [e.id]);
    await asService(`select public.queue_content_reminders()`);
    expect(await noticesOf(a)).toEqual([]);
    // within 24 hours: one reminder, and the next runs do not repeat it
    await t.db.query(`update public.events set starts_at = now() + interval '20 hours', ends_at = now() + interval '22 hours', signup_closes_at = now() + interval '20 hours' where id = $1`, [e.id]);
    await asService(`select public.queue_content_reminders()`);
    await asService(`select public.queue_content_reminders()`);
    const told = await noticesOf(a);
    expect(told.map((n) => [n.kind, n.data.signup_id])).toEqual([['event_reminder', sa.id]]);
    expect(told[0]!.body).toContain(sa.short_code);
    expect(await noticesOf(b)).toEqual([]);
    const delivery = (await t.db.query(`select channel, delivery_status from public.notices where recipient_id = $1`, [a])).rows;
    expect(delivery).toEqual([{ channel: 'wechat', delivery_status: 'pending' }]);
  });

  it('staff writes on events are audited; the sign-up counters are not', async () => {
    const e = await postEvent(t.db, COMMUNITY, { title: '审计测试活动' });
    await publish(t.db, e.id);
    const fam = await createUser(t.db, '审计家长');
    await signUp(t.db, fam, e.id);
    const log = (await t.db.query<{ action: string; actor_id: string; region_code: string; status: string | null }>(
      `select action, actor_id, region_code, new_data ->> 'status' as status from public.audit_log where table_name = 'events' and row_id = $1 order by id`, [e.id])).rows;
    expect(log).toEqual([
      { action: 'INSERT', actor_id: COMMUNITY, region_code: WENSHANG, status: 'pending_review' },
      { action: 'UPDATE', actor_id: U.wenshang, region_code: WENSHANG, status: 'published' },
    ]);
  });
});

describe('capacity guarantee under parallel sign-ups', () => {
  it('200 families sign up at once for 10 places: exactly 10 confirmed, 190 waitlisted in arrival order; a cancellation promotes one', async () => {
    const e = await publish(t.db, (await postEvent(t.db, COMMUNITY, { capacity: 10, title: '热门亲子活动' })).id);
    const users: string[] = [];
    for (let i = 0; i < 200; i++) users.push(await createUser(t.db, `并发家长${i}`));
    // On Postgres: a pool of 10 real connections racing; on PGlite the single connection serialises.
    const pool = t.url ? await openPostgres({ connectionString: t.url, max: 10 }) : undefined;
    const db = pool ?? t.db;
    try {
      const results = await Promise.all(users.map((u) => signUp(db, u, e.id)));
      const confirmed = results.filter((r) => r.status === 'confirmed');
      const waitlisted = results.filter((r) => r.status === 'waitlisted');
      expect(confirmed).toHaveLength(10);
      expect(waitlisted).toHaveLength(190);
      expect(waitlisted.map((r) => r.waitlist_position).sort((x, y) => x! - y!)).toEqual(Array.from({ length: 190 }, (_, i) => i + 1));
      // arrival order: the first ten through the lock are confirmed, the rest queue in the order they got it
      const rows = (await t.db.query<{ status: string; waitlist_position: number | null }>(
        `select status, waitlist_position from public.event_signups where event_id = $1 order by created_at`, [e.id])).rows;
      expect(rows.slice(0, 10).every((r) => r.status === 'confirmed')).toBe(true);
      expect(rows.slice(10).map((r) => r.waitlist_position)).toEqual(Array.from({ length: 190 }, (_, i) => i + 1));
      // ten cancellations at once promote exactly ten, the first ten of the list
      const firstTen = confirmed.slice(0, 10);
      const owner = (id: string) => users[results.findIndex((r) => r.id === id)]!;
      await Promise.all(firstTen.map((s) => rpc(db, owner(s.id), `select * from public.cancel_event_signup($1)`, [s.id])));
      const after = (await t.db.query<{ confirmed: number; waitlisted: number; min: number; max: number }>(
        `select count(*) filter (where status = 'confirmed')::int as confirmed, count(*) filter (where status = 'waitlisted')::int as waitlisted,
                min(waitlist_position)::int as min, max(waitlist_position)::int as max
           from public.event_signups where event_id = $1`, [e.id])).rows[0]!;
      expect(after).toEqual({ confirmed: 10, waitlisted: 180, min: 1, max: 180 });
      const promoted = (await t.db.query<{ id: string }>(
        `select id from public.event_signups where event_id = $1 and promoted_at is not null`, [e.id])).rows.map((r) => r.id).sort();
      expect(promoted).toEqual(waitlisted.filter((w) => w.waitlist_position! <= 10).map((w) => w.id).sort());
      const ev = (await t.db.query(`select confirmed_count, waitlist_count from public.events where id = $1`, [e.id])).rows[0];
      expect(ev).toEqual({ confirmed_count: 10, waitlist_count: 180 });
    } finally {
      await pool?.close();
    }
  }, 120_000);
});
