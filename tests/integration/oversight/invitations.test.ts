/**
 * Issue 13 §1: the county enters an institution and invites its operator with a one-time code;
 * the invitee signs up, redeems the code and becomes the owner (files the new filing); owners
 * invite staff; codes work once, expire, and nobody else can invite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@tuoyu/local-supabase/testing.ts';
import { U, SEEDED, ZHONGDU_STREET, actAs, createUser, refused, rpc } from '../filings/support.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
});
afterAll(async () => {
  await t?.drop();
});

const invite = (who: string, institution: string, role = 'owner') =>
  rpc<{ invitation_id: string; code: string }>(t.db, who, `select * from public.create_institution_invitation($1, '13900001111', $2)`, [institution, role]);

describe('institution invitations', () => {
  it('county creates an institution, invites the operator; the code makes the invitee owner once', async () => {
    const inst = await rpc<{ id: string }>(t.db, U.wenshang,
      `insert into public.institutions (name, ownership, operating_model, street_code) values ('汶上县县建托育园', 'public', 'community', $1) returning id`, [ZHONGDU_STREET]);
    // the county admin did not become a member
    expect((await t.db.query(`select user_id from public.institution_members where institution_id = $1`, [inst.id])).rows).toEqual([]);
    for (const who of [U.rencheng, U.opWenshang, U.inspector, U.jining, U.familyZhang]) {
      await refused(invite(who, inst.id), 'P0002', /机构不存在/);
    }
    const { code } = await invite(U.wenshang, inst.id);
    expect(code).toMatch(/^[0-9A-F]{12}$/);
    // only the hash is stored, and nobody reads it through the API
    expect((await t.db.query(`select count(*)::int as n from public.institution_invitations where code_hash = $1`, [code])).rows[0]).toEqual({ n: 0 });
    await refused(actAs(t.db, U.wenshang, (q) => q.query(`select code_hash from public.institution_invitations`)), '42501', /permission denied/);

    const operator = await createUser(t.db, '县建托育园 园长');
    await refused(rpc(t.db, operator, `select public.accept_institution_invitation('WRONG')`), 'P0002', /邀请码无效/);
    await refused(rpc(t.db, U.inspector, `select public.accept_institution_invitation($1)`, [code]), '42501', /监管部门工作人员/);
    expect(await rpc(t.db, operator, `select public.accept_institution_invitation($1) as id`, [code.toLowerCase()])).toEqual({ id: inst.id });
    await refused(rpc(t.db, await createUser(t.db, '第二人'), `select public.accept_institution_invitation($1)`, [code]), '23514', /已使用/);
    expect((await t.db.query(`select member_role from public.institution_members where institution_id = $1 and user_id = $2`, [inst.id, operator])).rows)
      .toEqual([{ member_role: 'owner' }]);
    // the new owner works on the institution: a new filing draft
    const draft = await rpc<{ status: string }>(t.db, operator, `select * from public.create_filing_draft($1, 'new')`, [inst.id]);
    expect(draft.status).toBe('draft');

    // the owner invites staff, not owners
    await refused(invite(operator, inst.id, 'owner'), '42501', /由县级卫健部门邀请/);
    const staffInvite = await invite(operator, inst.id, 'staff');
    const staff = await createUser(t.db, '保育员');
    await rpc(t.db, staff, `select public.accept_institution_invitation($1)`, [staffInvite.code]);
    expect((await t.db.query(`select member_role from public.institution_members where institution_id = $1 and user_id = $2`, [inst.id, staff])).rows)
      .toEqual([{ member_role: 'staff' }]);
    // a staff member cannot invite
    await refused(invite(staff, inst.id, 'staff'), 'P0002', /机构不存在/);
  });

  it('expired codes are refused; the invitations are visible to the county and the owner only', async () => {
    const { invitation_id, code } = await invite(U.opWenshang, SEEDED.aiXin, 'staff');
    await t.db.query(`update public.institution_invitations set expires_at = now() - interval '1 minute' where id = $1`, [invitation_id]);
    await refused(rpc(t.db, await createUser(t.db, '迟到者'), `select public.accept_institution_invitation($1)`, [code]), '23514', /已过期/);
    const sees = (who: string) => actAs(t.db, who, async (q) => (await q.query(`select id from public.institution_invitations where id = $1`, [invitation_id])).rows.length);
    expect(await sees(U.wenshang)).toBe(1);
    expect(await sees(U.opWenshang)).toBe(1);
    expect(await sees(U.rencheng)).toBe(0);
    expect(await sees(U.opRencheng)).toBe(0);
  });
});
