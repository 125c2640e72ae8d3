/**
 * Expert consultations (issue 14, F7): the capacity guarantee under parallel bookings, promotion of
 * exactly one on cancellation, the expert (or the region's admin) records that it took place.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '@tuoyu/local-supabase/db/postgres.ts';
import { createTestDatabase, type TestDatabase } from '@tuoyu/local-supabase/testing.ts';
import { runAs } from '@tuoyu/local-supabase/request-context.ts';
import { permissionsFor } from '@tuoyu/domain';
import { actAs, createUser, refused, rpc, U } from '../filings/support.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
});
afterAll(async () => {
  await t?.drop();
});

const LIU = '55000000-0000-4000-8000-000000000002'; // 刘护士长, 汶上
interface Booking { id: string; status: string; waitlist_position: number | null }

async function newSlot(capacity: number): Promise<string> {
  return actAs(t.db, U.wenshang, async (q) => (await q.query<{ id: string }>(
    `insert into public.consultation_slots (expert_id, starts_at, ends_at, mode, capacity)
     values ($1, now() + interval '2 days', now() + interval '2 days 1 hour', 'phone', $2) returning id`, [LIU, capacity])).rows[0]!.id);
}

describe('consultation slots', () => {
  it('admins of the expert’s region publish slots; another county’s admin and families may not', async () => {
    await newSlot(2);
    await refused(actAs(t.db, U.rencheng, (q) => q.query(`insert into public.consultation_slots (expert_id, starts_at, ends_at, capacity) values ($1, now() + interval '1 day', now() + interval '1 day 1 hour', 1)`, [LIU])),
      '42501', /row-level security/);
    await refused(actAs(t.db, U.familyZhang, (q) => q.query(`insert into public.consultation_slots (expert_id, starts_at, ends_at, capacity) values ($1, now() + interval '1 day', now() + interval '1 day 1 hour', 1)`, [LIU])),
      '42501', /row-level security/);
  });

  it('the expert with an account manages their own slots and records bookings', async () => {
    const expertUser = await createUser(t.db, '刘护士长');
    await t.db.query(`update public.experts set user_id = $1 where id = $2`, [expertUser, LIU]);
    try {
      // the admin shows 专家咨询 to the expert (role derived from experts.user_id), not to a family
      type Perms = { roles: string[]; permissions: string[] };
      const mine = await rpc<{ p: Perms }>(t.db, expertUser, `select public.get_my_permissions() as p`);
      expect(mine.p.roles).toEqual(['expert']);
      expect(mine.p.permissions).toEqual(permissionsFor(['expert']));
      expect(mine.p.permissions).toContain('consultation.manage');
      const family = await rpc<{ p: Perms }>(t.db, U.familyZhang, `select public.get_my_permissions() as p`);
      expect(family.p.permissions).not.toContain('consultation.manage');
      const slot = await actAs(t.db, expertUser, async (q) => (await q.query<{ id: string }>(
        `insert into public.consultation_slots (expert_id, starts_at, ends_at, capacity) values ($1, now() + interval '1 day', now() + interval '1 day 1 hour', 1) returning id`, [LIU])).rows[0]!.id);
      const fam = await createUser(t.db, '预约家长');
      const b = await rpc<Booking>(t.db, fam, `select * from public.book_consultation($1, '<b>宝宝夜醒</b>多次')`, [slot]);
      const seen = await actAs(t.db, expertUser, async (q) => (await q.query<{ question: string }>(`select question from public.consultation_bookings where slot_id = $1`, [slot])).rows);
      expect(seen).toEqual([{ question: '宝宝夜醒多次' }]);
      const done = await rpc<Booking>(t.db, expertUser, `select * from public.record_consultation($1, true)`, [b.id]);
      expect(done.status).toBe('attended');
      await refused(rpc(t.db, U.rencheng, `select * from public.record_consultation($1, false)`, [b.id]), 'P0002', /预约不存在/);
      await refused(rpc(t.db, fam, `select * from public.cancel_consultation($1)`, [b.id]), '23514', /咨询已结束/);
    } finally {
      await t.db.query(`update public.experts set user_id = null where id = $1`, [LIU]);
    }
  });

  it('bookings: twice refused, waitlist, cancellation promotes one', async () => {
    const slot = await newSlot(1);
    const [a, b, c] = await Promise.all([createUser(t.db, '甲'), createUser(t.db, '乙'), createUser(t.db, '丙')]);
    const ba = await rpc<Booking>(t.db, a, `select * from public.book_consultation($1)`, [slot]);
    await refused(rpc(t.db, a, `select * from public.book_consultation($1)`, [slot]), '23505', /请勿重复预约/);
    const bb = await rpc<Booking>(t.db, b, `select * from public.book_consultation($1)`, [slot]);
    const bc = await rpc<Booking>(t.db, c, `select * from public.book_consultation($1)`, [slot]);
    expect([ba.status, bb.status, bb.waitlist_position, bc.waitlist_position]).toEqual(['confirmed', 'waitlisted', 1, 2]);
    await rpc(t.db, a, `select * from public.cancel_consultation($1)`, [ba.id]);
    const rows = (await t.db.query<{ id: string; status: string; waitlist_position: number | null }>(
      `select id, status, waitlist_position from public.consultation_bookings where slot_id = $1`, [slot])).rows;
    expect(rows.find((r) => r.id === bb.id)).toMatchObject({ status: 'confirmed', waitlist_position: null });
    expect(rows.find((r) => r.id === bc.id)).toMatchObject({ status: 'waitlisted', waitlist_position: 1 });
    await refused(rpc(t.db, b, `select * from public.cancel_consultation($1)`, [bc.id]), 'P0002', /预约不存在/);
    // the family moved up is told (once); the others are not
    const kinds = async (u: string) => (await t.db.query<{ kind: string; booking: string }>(
      `select kind, data ->> 'booking_id' as booking from public.notices where recipient_id = $1`, [u])).rows;
    expect(await kinds(b)).toEqual([{ kind: 'consultation_promoted', booking: bb.id }]);
    expect(await kinds(a)).toEqual([]);
    expect(await kinds(c)).toEqual([]);
  });

  it('reminder the day before: once per confirmed booking, through the service role', async () => {
    const slot = await newSlot(1);
    const fam = await createUser(t.db, '提醒家长');
    const booking = await rpc<Booking>(t.db, fam, `select * from public.book_consultation($1)`, [slot]);
    await t.db.query(`update public.consultation_slots set starts_at = now() + interval '3 hours', ends_at = now() + interval '4 hours' where id = $1`, [slot]);
    await refused(rpc(t.db, fam, `select public.queue_content_reminders()`), '42501', /permission denied/);
    for (let i = 0; i < 2; i++) {
      await runAs(t.db, { role: 'service_role', claims: { role: 'service_role' } }, (q) => q.query(`select public.queue_content_reminders()`));
    }
    const told = (await t.db.query<{ kind: string; booking: string }>(
      `select kind, data ->> 'booking_id' as booking from public.notices where recipient_id = $1`, [fam])).rows;
    expect(told).toEqual([{ kind: 'consultation_reminder', booking: booking.id }]);
  });

  it('200 parallel bookings for 10 places: exactly 10 confirmed, 190 waitlisted 1…190', async () => {
    const slot = await newSlot(10);
    const users: string[] = [];
    for (let i = 0; i < 200; i++) users.push(await createUser(t.db, `并发${i}`));
    const pool = t.url ? await openPostgres({ connectionString: t.url, max: 10 }) : undefined;
    try {
      const results = await Promise.all(users.map((u) => rpc<Booking>(pool ?? t.db, u, `select * from public.book_consultation($1)`, [slot])));
      expect(results.filter((r) => r.status === 'confirmed')).toHaveLength(10);
      expect(results.filter((r) => r.status === 'waitlisted').map((r) => r.waitlist_position).sort((x, y) => x! - y!))
        .toEqual(Array.from({ length: 190 }, (_, i) => i + 1));
      const s = (await t.db.query(`select confirmed_count, waitlist_count, free_places from public.consultation_slots where id = $1`, [slot])).rows[0];
      expect(s).toEqual({ confirmed_count: 10, waitlist_count: 190, free_places: 0 });
    } finally {
      await pool?.close();
    }
  }, 120_000);
});
