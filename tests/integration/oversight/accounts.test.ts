/**
 * Issue 13 §1 accounts: invitations resent and revoked, the accept page's preview, owners managing
 * their institution's accounts (staff cannot), scope grants by the level directly above (revoking
 * holds from the next statement on), the audit trail of all of it, a self-registered institution
 * unlisted until its first filing is approved — and (§2) the classes of a filed institution
 * changing only through a change filing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@tuoyu/local-supabase/testing.ts';
import {
  ALL_OK, REQUIRED, U, SEEDED, ZHONGDU_STREET, actAs, anon, createUser, refused, rpc, submittedFiling, uploadMaterial, type Filing,
} from '../filings/support.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
});
afterAll(async () => {
  await t?.drop();
});

const invite = (who: string, institution: string, role = 'owner', invitee = 'new.owner@example.cn') =>
  rpc<{ invitation_id: string; code: string }>(t.db, who, `select * from public.create_institution_invitation($1, $2, $3)`, [institution, invitee, role]);
const preview = (code: string) =>
  rpc<{ institution_name: string; member_role: string; invitee: string; status: string } | undefined>(t.db, null,
    `select * from public.preview_institution_invitation($1)`, [code]);
const members = (who: string, institution: string) =>
  actAs(t.db, who, async (q) => (await q.query<{ user_id: string; member_role: string; display_name: string }>(
    `select user_id, member_role, display_name from public.list_institution_members($1)`, [institution])).rows);

async function countyInstitution(name: string): Promise<string> {
  const row = await rpc<{ id: string }>(t.db, U.wenshang,
    `insert into public.institutions (name, ownership, operating_model, street_code) values ($1, 'public', 'community', $2) returning id`, [name, ZHONGDU_STREET]);
  return row.id;
}

describe('invitations: preview, resend, revoke', () => {
  it('the accept page previews a code without sign-in; resend replaces the code; revoke ends it', async () => {
    const inst = await countyInstitution('汶上县邀请管理托育园');
    const first = await invite(U.wenshang, inst);
    expect(await preview(first.code)).toMatchObject({ institution_name: '汶上县邀请管理托育园', member_role: 'owner', invitee: 'new.owner@example.cn', status: 'pending' });
    expect(await preview('NOSUCHCODE00')).toBeUndefined();

    // only the county of the institution resends or revokes an owner invitation
    for (const who of [U.rencheng, U.opWenshang, U.inspector, U.jining, U.familyZhang]) {
      await refused(rpc(t.db, who, `select * from public.resend_institution_invitation($1)`, [first.invitation_id]), 'P0002', /邀请不存在/);
      await refused(rpc(t.db, who, `select public.revoke_institution_invitation($1)`, [first.invitation_id]), 'P0002', /邀请不存在/);
    }
    const second = await rpc<{ code: string }>(t.db, U.wenshang, `select * from public.resend_institution_invitation($1)`, [first.invitation_id]);
    expect(second.code).not.toBe(first.code);
    expect(await preview(first.code)).toBeUndefined();
    await refused(rpc(t.db, await createUser(t.db, '旧码持有人'), `select public.accept_institution_invitation($1)`, [first.code]), 'P0002', /邀请码无效/);

    await rpc(t.db, U.wenshang, `select public.revoke_institution_invitation($1)`, [first.invitation_id]);
    expect((await preview(second.code))?.status).toBe('revoked');
    await refused(rpc(t.db, await createUser(t.db, '撤回后'), `select public.accept_institution_invitation($1)`, [second.code]), 'P0002', /邀请码无效/);
    await refused(rpc(t.db, U.wenshang, `select * from public.resend_institution_invitation($1)`, [first.invitation_id]), '23514', /已撤回/);

    // an accepted invitation cannot be revoked; the owner manages staff invitations
    const third = await invite(U.wenshang, inst);
    const owner = await createUser(t.db, '邀请管理园长');
    await rpc(t.db, owner, `select public.accept_institution_invitation($1)`, [third.code]);
    expect((await preview(third.code))?.status).toBe('accepted');
    await refused(rpc(t.db, U.wenshang, `select public.revoke_institution_invitation($1)`, [third.invitation_id]), '23514', /已被接受/);
    const staffInvite = await invite(owner, inst, 'staff', '13900002222');
    await rpc(t.db, owner, `select * from public.resend_institution_invitation($1)`, [staffInvite.invitation_id]);
    await rpc(t.db, owner, `select public.revoke_institution_invitation($1)`, [staffInvite.invitation_id]);
    // the owner cannot touch the county's owner invitation
    const fourth = await invite(U.wenshang, inst);
    await refused(rpc(t.db, owner, `select public.revoke_institution_invitation($1)`, [fourth.invitation_id]), 'P0002', /邀请不存在/);

    // the invitations' history is in the audit log, for the county, without the code hash visible to anyone but the log
    const logged = await actAs(t.db, U.wenshang, async (q) => (await q.query<{ action: string; new_data: Record<string, unknown> }>(
      `select action, new_data from public.audit_log where table_name = 'institution_invitations' and row_id = $1 order by id`, [first.invitation_id])).rows);
    expect(logged.map((r) => r.action)).toEqual(['INSERT', 'UPDATE', 'UPDATE']);
    expect(logged[2]!.new_data).toHaveProperty('revoked_at');
  });
});

describe('institution members (owner / staff)', () => {
  it('owners list and remove accounts; staff manage nothing; the last owner stays', async () => {
    const inst = await countyInstitution('汶上县账号管理托育园');
    const owner = await createUser(t.db, '账号管理园长');
    await rpc(t.db, owner, `select public.accept_institution_invitation($1)`, [(await invite(U.wenshang, inst)).code]);
    const staff = await createUser(t.db, '保育员甲');
    await rpc(t.db, staff, `select public.accept_institution_invitation($1)`, [(await invite(owner, inst, 'staff', 'a@b.cn')).code]);
    const staff2 = await createUser(t.db, '保育员乙');
    await rpc(t.db, staff2, `select public.accept_institution_invitation($1)`, [(await invite(owner, inst, 'staff', 'c@d.cn')).code]);

    expect((await members(owner, inst)).map((m) => [m.display_name, m.member_role])).toEqual([
      ['账号管理园长', 'owner'], ['保育员甲', 'staff'], ['保育员乙', 'staff']]);
    expect(await members(staff, inst)).toHaveLength(3);
    expect(await members(U.wenshang, inst)).toHaveLength(3);
    for (const who of [U.opWenshang, U.rencheng, U.familyZhang, U.inspector]) {
      await refused(members(who, inst), 'P0002', /机构不存在/);
    }

    // forbidden: a staff member removes or invites; strangers hear nothing about the institution
    await refused(rpc(t.db, staff, `select public.remove_institution_member($1, $2)`, [inst, staff2]), '42501', /只有机构负责人/);
    await refused(invite(staff, inst, 'staff', 'x@y.cn'), 'P0002', /机构不存在/);
    expect((await actAs(t.db, staff, (q) => q.query(`delete from public.institution_members where institution_id = $1 and user_id = $2`, [inst, staff2]))).rowCount).toBe(0);
    await refused(rpc(t.db, U.opWenshang, `select public.remove_institution_member($1, $2)`, [inst, staff2]), 'P0002', /机构不存在/);
    await refused(rpc(t.db, owner, `select public.remove_institution_member($1, $2)`, [inst, owner]), '42501', /不能移除自己/);
    await refused(rpc(t.db, U.wenshang, `select public.remove_institution_member($1, $2)`, [inst, owner]), '23514', /至少保留一名负责人/);

    // allowed: the owner removes a staff member, who loses access at once
    await rpc(t.db, owner, `select public.remove_institution_member($1, $2)`, [inst, staff2]);
    expect((await members(owner, inst)).map((m) => m.display_name)).toEqual(['账号管理园长', '保育员甲']);
    await refused(members(staff2, inst), 'P0002', /机构不存在/);
    const audit = await actAs(t.db, U.wenshang, async (q) => (await q.query<{ action: string; actor_id: string }>(
      `select action, actor_id from public.audit_log where table_name = 'institution_members' and institution_id = $1 and action = 'DELETE'`, [inst])).rows);
    expect(audit).toEqual([{ action: 'DELETE', actor_id: owner }]);
  });
});

describe('scope grants by the level directly above', () => {
  const grant = (who: string, account: string, region: string, role: string) =>
    rpc<{ id: string }>(t.db, who, `select public.grant_staff_scope($1, $2, $3) as id`, [account, region, role]);
  const emailOf = async (id: string) => (await t.db.query<{ email: string }>(`select email from auth.users where id = $1`, [id])).rows[0]!.email;

  it('province → city admin, city → county admin, county → inspector and community worker; nothing else', async () => {
    const cityPerson = await createUser(t.db, '新市级管理员');
    const countyPerson = await createUser(t.db, '新县级管理员');
    const inspectorPerson = await createUser(t.db, '新检查员');
    const worker = await createUser(t.db, '新社区工作者');

    await refused(grant(U.jining, await emailOf(cityPerson), '370800000000', 'city_admin'), '42501', /无权授予/);
    await refused(grant(U.wenshang, await emailOf(cityPerson), '370800000000', 'city_admin'), '42501', /无权授予/);
    await grant(U.province, (await emailOf(cityPerson)).toUpperCase(), '370800000000', 'city_admin');

    await refused(grant(U.province, await emailOf(countyPerson), '370830000000', 'county_admin'), '42501', /无权授予/);
    await refused(grant(U.wenshang, await emailOf(countyPerson), '370830000000', 'county_admin'), '42501', /无权授予/);
    await refused(grant(U.jinan, await emailOf(countyPerson), '370830000000', 'county_admin'), '42501', /无权授予/);
    await grant(cityPerson, await emailOf(countyPerson), '370830000000', 'county_admin');

    await refused(grant(U.rencheng, await emailOf(inspectorPerson), '370830000000', 'inspector'), '42501', /无权授予/);
    await refused(grant(U.inspector, await emailOf(inspectorPerson), '370830000000', 'inspector'), '42501', /只有管理员|无权授予/);
    await refused(grant(U.familyZhang, await emailOf(inspectorPerson), '370830000000', 'inspector'), '42501', /只有管理员/);
    await grant(countyPerson, await emailOf(inspectorPerson), '370830000000', 'inspector');
    await grant(U.wenshang, await emailOf(worker), ZHONGDU_STREET, 'community_worker');

    await refused(grant(U.wenshang, 'nobody@nowhere.cn', '370830000000', 'inspector'), 'P0002', /找不到账号/);
    await refused(grant(U.wenshang, await emailOf(worker), ZHONGDU_STREET, 'community_worker'), '23505', /已有此授权/);
    await refused(grant(U.wenshang, await emailOf(U.opWenshang), '370830000000', 'inspector'), '42501', /机构账号不能同时担任监管职务/);
    await refused(grant(U.wenshang, await emailOf(worker), '370830000000', 'county_admin'), '42501', /无权授予/);

    // the list shows who may revoke what
    const listed = await actAs(t.db, U.wenshang, async (q) => (await q.query<{ display_name: string; role: string; can_revoke: boolean }>(
      `select display_name, role, can_revoke from public.list_staff_scopes() where display_name like '新%'`)).rows);
    expect(listed).toEqual(expect.arrayContaining([
      { display_name: '新县级管理员', role: 'county_admin', can_revoke: false },
      { display_name: '新检查员', role: 'inspector', can_revoke: true },
      { display_name: '新社区工作者', role: 'community_worker', can_revoke: true },
    ]));
    expect((await actAs(t.db, U.rencheng, async (q) => (await q.query(`select * from public.list_staff_scopes() where display_name like '新%'`)).rows))).toEqual([]);
    expect((await actAs(t.db, U.familyZhang, async (q) => (await q.query(`select * from public.list_staff_scopes()`)).rows))).toEqual([]);
  });

  it('revoking takes effect on the next request', async () => {
    const person = await createUser(t.db, '临时县级管理员');
    const scopeId = (await grant(U.jining, await emailOf(person), '370830000000', 'county_admin')).id;
    const seesNanZhanFiling = () => actAs(t.db, person, async (q) =>
      (await q.query(`select id from public.filings where id = $1`, [SEEDED.nanZhanSubmitted])).rows.length);
    expect(await seesNanZhanFiling()).toBe(1);
    await refused(rpc(t.db, U.wenshang, `select public.revoke_staff_scope($1)`, [scopeId]), '42501', /无权撤销/);
    await refused(rpc(t.db, U.rencheng, `select public.revoke_staff_scope($1)`, [scopeId]), 'P0002', /授权不存在/);
    await refused(rpc(t.db, person, `select public.revoke_staff_scope($1)`, [scopeId]), '42501', /无权撤销/);
    await rpc(t.db, U.jining, `select public.revoke_staff_scope($1)`, [scopeId]);
    expect(await seesNanZhanFiling()).toBe(0);
    const logged = await actAs(t.db, U.jining, async (q) => (await q.query<{ action: string }>(
      `select action from public.audit_log where table_name = 'staff_scopes' and row_id = $1 order by id`, [String(scopeId)])).rows);
    expect(logged.map((r) => r.action)).toEqual(['INSERT', 'DELETE']);
  });
});

describe('self-registration and the public registry', () => {
  it('a self-registered institution stays unlisted until its first filing is approved', async () => {
    const inst = await submittedFiling(t.db, '汶上县自主登记托育园');
    const listed = () => anon(t.db, async (q) => (await q.query(`select id from public.institutions where id = $1`, [inst.institutionId])).rows.length);
    const classesListed = () => anon(t.db, async (q) => (await q.query(`select id from public.classes where institution_id = $1`, [inst.institutionId])).rows.length);
    const nearby = () => anon(t.db, async (q) => (await q.query<{ id: string }>(
      `select id from public.nearby_institutions(35.7301, 116.4902, 5000)`)).rows.some((r) => r.id === inst.institutionId));
    expect(await listed()).toBe(0);
    expect(await classesListed()).toBe(0);
    expect(await nearby()).toBe(false);
    await rpc(t.db, U.wenshang, `select * from public.start_filing_review($1)`, [inst.filing.id]);
    await rpc(t.db, U.wenshang, `select * from public.approve_filing($1, $2)`, [inst.filing.id, JSON.stringify(ALL_OK)]);
    expect(await listed()).toBe(1);
    expect(await classesListed()).toBe(1);
    expect(await nearby()).toBe(true);
  });
});

describe('classes of a filed institution (filed fields)', () => {
  it('the operator cannot add, remove or resize classes directly; a change filing does it; enrolled stays the operator’s', async () => {
    const inst = await submittedFiling(t.db, '汶上县班级变更托育园');
    await rpc(t.db, U.wenshang, `select * from public.start_filing_review($1)`, [inst.filing.id]);
    await rpc(t.db, U.wenshang, `select * from public.approve_filing($1, $2)`, [inst.filing.id, JSON.stringify(ALL_OK)]);
    const classId = (await t.db.query<{ id: string }>(`select id from public.classes where institution_id = $1`, [inst.institutionId])).rows[0]!.id;
    const asOwner = (sql: string, params: unknown[]) => actAs(t.db, inst.ownerId, (q) => q.query(sql, params));

    await refused(asOwner(`update public.classes set capacity = 12 where id = $1`, [classId]), '42501', /托位数须通过变更备案修改/);
    await refused(asOwner(`update public.classes set name = '改名班', min_age_months = 13 where id = $1`, [classId]), '42501', /班级名称、月龄范围须通过变更备案修改/);
    await refused(asOwner(
      `insert into public.classes (institution_id, name, class_type, min_age_months, max_age_months, capacity) values ($1, '新班', 'toddler', 12, 24, 10)`,
      [inst.institutionId]), '42501', /增设班级须通过变更备案/);
    await refused(asOwner(`delete from public.classes where id = $1`, [classId]), '42501', /撤销班级须通过变更备案/);
    // operational numbers stay the operator's
    await asOwner(`update public.classes set enrolled = 11, carers = 3 where id = $1`, [classId]);
    // the county may correct
    await rpc(t.db, U.wenshang, `update public.classes set capacity = 14 where id = $1 returning id`, [classId]);

    // the change filing path still works: resize and add a class on approval
    const draft = await rpc<Filing>(t.db, inst.ownerId, `select * from public.create_filing_draft($1, 'change')`, [inst.institutionId]);
    await actAs(t.db, inst.ownerId, (q) => q.query(`update public.filings set changes = $2 where id = $1`, [draft.id, JSON.stringify({
      classes: [
        { id: classId, name: '托小一班', class_type: 'toddler', min_age_months: 12, max_age_months: 24, capacity: 15 },
        { name: '托大一班', class_type: 'older_toddler', min_age_months: 24, max_age_months: 36, capacity: 20, carers: 3 },
      ] })]));
    for (const m of REQUIRED) await uploadMaterial(t.db, inst.ownerId, draft, m);
    await rpc(t.db, inst.ownerId, `select * from public.submit_filing($1, true)`, [draft.id]);
    await rpc(t.db, U.wenshang, `select * from public.start_filing_review($1)`, [draft.id]);
    await rpc(t.db, U.wenshang, `select * from public.approve_filing($1, $2)`, [draft.id, JSON.stringify(ALL_OK)]);
    const after = await anon(t.db, async (q) => (await q.query<{ name: string; capacity: number; enrolled: number }>(
      `select name, capacity, enrolled from public.classes where institution_id = $1 order by name`, [inst.institutionId])).rows);
    expect(after).toEqual([{ name: '托大一班', capacity: 20, enrolled: 0 }, { name: '托小一班', capacity: 15, enrolled: 11 }]);
  });

  it('a draft institution’s classes stay freely editable by its operator', async () => {
    const inst = await submittedFiling(t.db, '汶上县未备案班级托育园');
    await actAs(t.db, inst.ownerId, (q) => q.query(
      `insert into public.classes (institution_id, name, class_type, min_age_months, max_age_months, capacity) values ($1, '乳儿班', 'infant', 6, 12, 8)`,
      [inst.institutionId]));
    expect((await t.db.query(`select id from public.classes where institution_id = $1`, [inst.institutionId])).rows).toHaveLength(2);
  });
});
