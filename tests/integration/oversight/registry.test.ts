/**
 * Issue 13 §2: filings that govern the registry. A change filing carries the proposed values; the
 * county sees the before/after diff and, on approval, the public registry changes in the same
 * transaction; 注销 takes the institution off the public registry; the county suspends or revokes
 * with a public reason; problems found after filing are notified with deadlines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@tuoyu/local-supabase/testing.ts';
import {
  ALL_OK, REQUIRED, U, SEEDED, WENSHANG, actAs, anon, refused, rpc, submittedFiling, uploadMaterial, type Filing,
} from '../filings/support.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
});
afterAll(async () => {
  await t?.drop();
});

/** A new institution in 汶上, filed through the real workflow. */
async function filedInstitution(name: string) {
  const inst = await submittedFiling(t.db, name);
  await rpc(t.db, U.wenshang, `select * from public.start_filing_review($1)`, [inst.filing.id]);
  await rpc(t.db, U.wenshang, `select * from public.approve_filing($1, $2)`, [inst.filing.id, JSON.stringify(ALL_OK)]);
  return inst;
}

/** A change draft with the proposal and every material, ready to submit. */
async function changeDraft(ownerId: string, institutionId: string, changes: Record<string, unknown>) {
  const draft = await rpc<Filing>(t.db, ownerId, `select * from public.create_filing_draft($1, 'change')`, [institutionId]);
  await actAs(t.db, ownerId, (q) => q.query(`update public.filings set changes = $2 where id = $1`, [draft.id, JSON.stringify(changes)]));
  for (const m of REQUIRED) await uploadMaterial(t.db, ownerId, draft, m);
  return draft;
}

const submitChange = (ownerId: string, draft: Filing) => rpc<Filing>(t.db, ownerId, `select * from public.submit_filing($1, true)`, [draft.id]);

async function changeFiling(ownerId: string, institutionId: string, changes: Record<string, unknown>) {
  const draft = await changeDraft(ownerId, institutionId, changes);
  await submitChange(ownerId, draft);
  await rpc(t.db, U.wenshang, `select * from public.start_filing_review($1)`, [draft.id]);
  return draft;
}

const publicView = (id: string) => anon(t.db, async (q) => (await q.query<{ name: string; affordable: boolean; status: string; status_reason: string | null; fee_items: unknown }>(
  `select name, affordable, status, status_reason, fee_items from public.institutions where id = $1`, [id])).rows[0]);
const publicCapacity = (id: string) => anon(t.db, async (q) => (await q.query<{ n: number }>(
  `select coalesce(sum(capacity), 0)::int as n from public.classes where institution_id = $1`, [id])).rows[0]!.n);

describe('change filings (变更备案)', () => {
  it('the operator cannot write filed fields directly, services and fee list included', async () => {
    const inst = await filedInstitution('汶上县变更直改测试托育园');
    for (const sql of [
      `update public.institutions set affordable = false where id = $1`,
      `update public.institutions set fee_items = '[{"name":"保育费","amount":3000,"unit":"月"}]' where id = $1`,
      `update public.institutions set services = '{hourly}' where id = $1`,
    ]) {
      await refused(actAs(t.db, inst.ownerId, (q) => q.query(sql, [inst.institutionId])), '42501', /须通过变更备案修改/);
    }
  });

  it('approval applies the proposed values (fields, site, classes) atomically; the diff shows before/after', async () => {
    const inst = await filedInstitution('汶上县变更托育园');
    expect(await publicCapacity(inst.institutionId)).toBe(15);
    const classId = (await t.db.query<{ id: string }>(`select id from public.classes where institution_id = $1`, [inst.institutionId])).rows[0]!.id;
    const changes = {
      name: '汶上县变更后托育园',
      fee_items: [{ name: '保育费', amount: 2200, unit: '月' }],
      site: { address: '汶上县中都街道新址路9号', lat: 35.7311, lng: 116.4911 },
      classes: [
        { id: classId, name: '托小一班', class_type: 'toddler', min_age_months: 12, max_age_months: 24, capacity: 12 },
        { name: '托大一班', class_type: 'older_toddler', min_age_months: 24, max_age_months: 36, capacity: 20, carers: 3 },
      ],
    };
    const draft = await changeFiling(inst.ownerId, inst.institutionId, changes);
    // before approval nothing public changed; the reviewer sees the diff
    expect(await publicView(inst.institutionId)).toMatchObject({ name: '汶上县变更托育园', affordable: true });
    const diff = await actAs(t.db, U.wenshang, async (q) => (await q.query<{ field: string; before: unknown; after: unknown }>(
      `select * from public.filing_change_diff($1)`, [draft.id])).rows);
    expect(diff.map((d) => d.field)).toEqual(['name', 'fee_items', 'site', 'classes']);
    expect(diff[0]).toEqual({ field: 'name', before: '汶上县变更托育园', after: '汶上县变更后托育园' });
    // another county's admin does not see the filing
    await refused(actAs(t.db, U.rencheng, (q) => q.query(`select * from public.filing_change_diff($1)`, [draft.id])), 'P0002', /备案不存在/);
    // the reviewer may not rewrite the proposal
    await refused(actAs(t.db, U.wenshang, (q) => q.query(`update public.filings set changes = '{"name":"县里改的名"}' where id = $1`, [draft.id])),
      '42501', /不能修改机构填报的备案内容/);

    await rpc(t.db, U.wenshang, `select * from public.approve_filing($1, $2)`, [draft.id, JSON.stringify(ALL_OK)]);
    expect(await publicView(inst.institutionId)).toMatchObject({ name: '汶上县变更后托育园', affordable: true, status: 'filed',
      fee_items: [{ name: '保育费', amount: 2200, unit: '月' }] });
    expect(await publicCapacity(inst.institutionId)).toBe(32);
    const pub = await anon(t.db, async (q) => (await q.query(`select public_address from public.institutions where id = $1`, [inst.institutionId])).rows[0]);
    expect(pub).toEqual({ public_address: '汶上县中都街道新址路9号' });
  });

  it('a change filing cannot propose 普惠 (the county designates it)', async () => {
    const inst = await filedInstitution('汶上县变更普惠测试托育园');
    const draft = await rpc<Filing>(t.db, inst.ownerId, `select * from public.create_filing_draft($1, 'change')`, [inst.institutionId]);
    await refused(actAs(t.db, inst.ownerId, (q) => q.query(`update public.filings set changes = '{"affordable": false}' where id = $1`, [draft.id])),
      '22023', /不能通过变更备案申请/);
  });

  it('an approval whose changes break a class rule in force by then writes nothing', async () => {
    const inst = await filedInstitution('汶上县变更超额托育园');
    const classId = (await t.db.query<{ id: string }>(`select id from public.classes where institution_id = $1`, [inst.institutionId])).rows[0]!.id;
    // valid when submitted: the 托小班 kept, a 乳儿班 of 8 added (national limit 10)
    const draft = await changeFiling(inst.ownerId, inst.institutionId, {
      name: '不应生效的名称',
      classes: [{ id: classId, name: '托小一班', class_type: 'toddler', min_age_months: 12, max_age_months: 24, capacity: 15 },
        { name: '乳儿大班', class_type: 'infant', min_age_months: 6, max_age_months: 12, capacity: 8 }],
    });
    // the county's own limit, tightened before the decision (as the service role would)
    await t.db.query(`insert into public.class_type_rules (class_type, region_code, min_age_months, max_age_months, max_size, children_per_carer)
                      values ('infant', $1, 6, 12, 6, 3)`, [WENSHANG]);
    try {
      await refused(rpc(t.db, U.wenshang, `select * from public.approve_filing($1, $2)`, [draft.id, JSON.stringify(ALL_OK)]), '23514', /乳儿班每班不超过6人/);
    } finally {
      await t.db.query(`delete from public.class_type_rules where class_type = 'infant' and region_code = $1`, [WENSHANG]);
    }
    expect(await publicView(inst.institutionId)).toMatchObject({ name: '汶上县变更超额托育园' });
    expect(await publicCapacity(inst.institutionId)).toBe(15);
    expect((await t.db.query(`select status from public.filings where id = $1`, [draft.id])).rows[0]).toEqual({ status: 'under_review' });
  });

  it('an approved list removes the classes it leaves out, also when a new class comes with "id": null', async () => {
    const inst = await filedInstitution('汶上县变更删空班托育园'); // one 托小班 with 10 children
    const toddler = (await t.db.query<{ id: string }>(`select id from public.classes where institution_id = $1`, [inst.institutionId])).rows[0]!.id;
    const keep = { id: toddler, name: '托小一班', class_type: 'toddler', min_age_months: 12, max_age_months: 24, capacity: 15 };
    // first change: add an empty 托大班
    const first = await changeFiling(inst.ownerId, inst.institutionId, {
      classes: [keep, { name: '托大一班', class_type: 'older_toddler', min_age_months: 24, max_age_months: 36, capacity: 10 }] });
    await rpc(t.db, U.wenshang, `select * from public.approve_filing($1, $2)`, [first.id, JSON.stringify(ALL_OK)]);
    expect(await publicCapacity(inst.institutionId)).toBe(25);
    // second change: the 托大班 left out (no child in it), a 乳儿班 added with an explicit null id
    const second = await changeFiling(inst.ownerId, inst.institutionId, {
      classes: [keep, { id: null, name: '乳儿一班', class_type: 'infant', min_age_months: 6, max_age_months: 12, capacity: 6 }] });
    await rpc(t.db, U.wenshang, `select * from public.approve_filing($1, $2)`, [second.id, JSON.stringify(ALL_OK)]);
    const names = (await t.db.query<{ name: string }>(`select name from public.classes where institution_id = $1 order by name`, [inst.institutionId])).rows.map((r) => r.name);
    expect(names).toEqual(['乳儿一班', '托小一班']);
  });

  it('an approval checks the children of the day: a kept class now holding more children than its proposed places writes nothing', async () => {
    const inst = await filedInstitution('汶上县变更审核时在托托育园'); // one 托小班, 15 托位, 10 在托, 2 保育人员
    const classId = (await t.db.query<{ id: string }>(`select id from public.classes where institution_id = $1`, [inst.institutionId])).rows[0]!.id;
    const draft = await changeFiling(inst.ownerId, inst.institutionId, {
      classes: [{ id: classId, name: '托小一班', class_type: 'toddler', min_age_months: 12, max_age_months: 24, capacity: 12 }],
    });
    // valid when submitted (12 ≥ 10); three more children join before the county decides
    await actAs(t.db, inst.ownerId, (q) => q.query(`update public.classes set enrolled = 13, carers = 3 where id = $1`, [classId]));
    await refused(rpc(t.db, U.wenshang, `select * from public.approve_filing($1, $2)`, [draft.id, JSON.stringify(ALL_OK)]),
      '23514', /^托位数不能少于现有在托人数（13人）$/);
    expect(await publicCapacity(inst.institutionId)).toBe(15);
    expect((await t.db.query(`select status from public.filings where id = $1`, [draft.id])).rows[0]).toEqual({ status: 'under_review' });
  });

  describe('submitting a proposal the class rules refuse (as the institution would be after the change)', () => {
    let inst: Awaited<ReturnType<typeof filedInstitution>>;
    let classId = '';
    let draft: Filing;
    beforeAll(async () => {
      inst = await filedInstitution('汶上县变更提交检查托育园'); // one 托小班 12–24 月, 15 托位, 10 在托, 2 保育人员
      classId = (await t.db.query<{ id: string }>(`select id from public.classes where institution_id = $1`, [inst.institutionId])).rows[0]!.id;
      draft = await changeDraft(inst.ownerId, inst.institutionId, { name: '汶上县变更提交检查后托育园' });
    });
    const kept = (capacity: number) => ({ id: classId, name: '托小一班', class_type: 'toddler', min_age_months: 12, max_age_months: 24, capacity });
    const propose = (changes: Record<string, unknown>) =>
      actAs(t.db, inst.ownerId, (q) => q.query(`update public.filings set changes = $2 where id = $1`, [draft.id, JSON.stringify(changes)]));

    async function refusedAtSubmit(changes: Record<string, unknown>, message: RegExp, hint?: string) {
      await propose(changes); // a draft may hold it (the 变更事项 step warns); submitting may not
      const submit = submitChange(inst.ownerId, draft);
      await refused(submit, '23514', message);
      if (hint) await expect(submit).rejects.toMatchObject({ hint }); // which class of the list
      // nothing half-written: still a draft, never submitted
      expect((await t.db.query(`select status, submitted_at from public.filings where id = $1`, [draft.id])).rows[0])
        .toEqual({ status: 'draft', submitted_at: null });
    }

    it('a class larger than its type allows', async () => {
      await refusedAtSubmit({ classes: [kept(15), { name: '托小二班', class_type: 'toddler', min_age_months: 12, max_age_months: 24, capacity: 16 }] },
        /^托小班每班不超过15人$/, '班级：托小二班');
    });

    it('a region\'s override, not only the national rule', async () => {
      await t.db.query(`insert into public.class_type_rules (class_type, region_code, min_age_months, max_age_months, max_size, children_per_carer)
                        values ('older_toddler', $1, 24, 36, 12, 7)`, [WENSHANG]);
      try {
        await refusedAtSubmit({ classes: [kept(15), { name: '托大一班', class_type: 'older_toddler', min_age_months: 24, max_age_months: 36, capacity: 14 }] },
          /^托大班每班不超过12人$/, '班级：托大一班');
      } finally {
        await t.db.query(`delete from public.class_type_rules where class_type = 'older_toddler' and region_code = $1`, [WENSHANG]);
      }
    });

    it('a family childcare point of more than 5 children (proposed type and classes, or the type alone)', async () => {
      await refusedAtSubmit({ type: 'home_based', classes: [
        { name: '混龄一班', class_type: 'mixed_age', min_age_months: 18, max_age_months: 36, capacity: 3 },
        { name: '混龄二班', class_type: 'mixed_age', min_age_months: 18, max_age_months: 36, capacity: 3 },
      ] }, /^家庭托育点收托总人数不超过5人$/);
      await refusedAtSubmit({ type: 'home_based' }, /^家庭托育点收托总人数不超过5人$/);
    });

    it('ages outside the class type', async () => {
      await refusedAtSubmit({ classes: [kept(15), { name: '乳儿班', class_type: 'infant', min_age_months: 6, max_age_months: 18, capacity: 6 }] },
        /^乳儿班仅招收6～12月龄婴幼儿$/, '班级：乳儿班');
    });

    it('a kept class with fewer places than children enrolled', async () => {
      await refusedAtSubmit({ classes: [kept(8)] }, /^托位数不能少于现有在托人数（10人）$/, '班级：托小一班');
    });

    it('a class whose own values are invalid (name, ages, places), in words and named', async () => {
      const withClass = (over: Record<string, unknown>) => ({ classes: [kept(15),
        { name: '托大一班', class_type: 'older_toddler', min_age_months: 24, max_age_months: 36, capacity: 10, ...over }] });
      await refusedAtSubmit(withClass({ name: '   ' }), /^班级名称应为1～50个字$/);
      await refusedAtSubmit(withClass({ min_age_months: 36, max_age_months: 24 }), /^月龄范围应在0～36个月之间，且起始月龄小于截止月龄$/, '班级：托大一班');
      await refusedAtSubmit(withClass({ capacity: 0 }), /^托位数应大于0$/, '班级：托大一班');
    });

    it('leaving out (removing) a class that has children', async () => {
      await refusedAtSubmit({ classes: [{ name: '托大一班', class_type: 'older_toddler', min_age_months: 24, max_age_months: 36, capacity: 20, carers: 3 }] },
        /^不能删除有在托儿童的班级（10人）$/, '班级：托小一班。请先为在托儿童调整班级或办理离园');
    });

    it('accepts a proposal that fits', async () => {
      await propose({ classes: [kept(12),
        { name: '托大一班', class_type: 'older_toddler', min_age_months: 24, max_age_months: 36, capacity: 20, carers: 3 }] });
      expect(await submitChange(inst.ownerId, draft)).toMatchObject({ status: 'submitted' });
    });
  });

  it('refuses unknown or invalid proposals and an empty change with Chinese messages', async () => {
    const draft = await rpc<Filing>(t.db, U.opWenshang, `select * from public.create_filing_draft($1, 'change')`, [SEEDED.aiXin]);
    const write = (changes: unknown) => actAs(t.db, U.opWenshang, (q) => q.query(`update public.filings set changes = $2 where id = $1`, [draft.id, JSON.stringify(changes)]));
    await refused(write({ filing_no: '37083020269999' }), '22023', /不能通过变更备案修改的项目：filing_no/);
    await refused(write({ type: 'castle' }), '22023', /变更内容格式有误/);
    await refused(write({ street_code: '370811008000' }), '22023', /本县区的街道/);
    await refused(write({ site: { address: '只有地址' } }), '22023', /同时填写详细地址和坐标/);
    await refused(write({ classes: [] }), '22023', /完整的班级清单/);
  });
});

describe('注销, suspension and revocation', () => {
  it('an approved cancellation takes the institution off the public registry', async () => {
    const inst = await filedInstitution('汶上县注销测试托育园');
    const draft = await rpc<Filing>(t.db, inst.ownerId, `select * from public.create_filing_draft($1, 'cancel')`, [inst.institutionId]);
    await uploadMaterial(t.db, inst.ownerId, draft, 'filing_form');
    await rpc(t.db, inst.ownerId, `select * from public.submit_filing($1, true)`, [draft.id]);
    await rpc(t.db, U.wenshang, `select * from public.start_filing_review($1)`, [draft.id]);
    await rpc(t.db, U.wenshang, `select * from public.approve_filing($1, $2)`, [draft.id, JSON.stringify({ filing_form: { ok: true } })]);
    expect(await publicView(inst.institutionId)).toBeUndefined();
    expect(await publicCapacity(inst.institutionId)).toBe(0);
  });

  it('the county suspends with a public reason, reinstates, revokes; nobody else may', async () => {
    const inst = await filedInstitution('汶上县暂停测试托育园');
    const set = (who: string, status: string, reason?: string) =>
      rpc<{ set_institution_status: string }>(t.db, who, `select public.set_institution_status($1, $2, $3)`, [inst.institutionId, status, reason ?? null]);
    for (const who of [inst.ownerId, U.rencheng, U.inspector, U.jining, U.familyZhang]) {
      await refused(set(who, 'suspended', '消防通道堵塞'), 'P0002', /机构不存在/);
    }
    await refused(rpc(t.db, null, `select public.set_institution_status($1, 'suspended', '理由')`, [inst.institutionId]), '42501', /permission denied/);
    await refused(set(U.wenshang, 'suspended'), '23514', /须填写理由/);
    await refused(set(U.wenshang, 'cancelled', '理由'), '22023', /状态无效/);
    expect(await set(U.wenshang, 'suspended', '消防通道堵塞，暂停招生整改')).toEqual({ set_institution_status: 'suspended' });
    // public: still visible, with status and reason (not in the search list, which asks for filed)
    expect(await publicView(inst.institutionId)).toMatchObject({ status: 'suspended', status_reason: '消防通道堵塞，暂停招生整改' });
    // the operator may not lift it or rewrite the reason
    await refused(actAs(t.db, inst.ownerId, (q) => q.query(`update public.institutions set status = 'filed' where id = $1`, [inst.institutionId])), '42501', /只能通过备案审核变更/);
    await refused(actAs(t.db, inst.ownerId, (q) => q.query(`update public.institutions set status_reason = '已整改' where id = $1`, [inst.institutionId])), '42501', /只能由县级卫健部门填写/);
    expect(await set(U.wenshang, 'filed')).toEqual({ set_institution_status: 'filed' });
    expect(await publicView(inst.institutionId)).toMatchObject({ status: 'filed', status_reason: null });
    expect(await set(U.wenshang, 'revoked', '以欺骗手段取得备案')).toEqual({ set_institution_status: 'revoked' });
    expect(await publicView(inst.institutionId)).toBeUndefined();
    const verified = await rpc<{ status: string; status_label: string }>(t.db, null, `select * from public.verify_filing($1)`, [inst.filing.id && (await t.db.query<{ filing_no: string }>(`select filing_no from public.institutions where id = $1`, [inst.institutionId])).rows[0]!.filing_no]);
    expect(verified).toMatchObject({ status: 'revoked', status_label: '撤销备案' });
    await refused(set(U.wenshang, 'filed'), '42501', /只能通过备案审核变更/);
  });
});

describe('problems found after filing (filing_notices)', () => {
  it('the county records a notice with deadlines; the operator sees it and replies; others see nothing', async () => {
    const inst = await filedInstitution('汶上县告知测试托育园');
    const rectifyBy = '2099-01-31';
    const notice = await rpc<{ id: string; notify_by: string; county_code: string }>(t.db, U.wenshang,
      `insert into public.filing_notices (filing_id, problem, rectify_by) values ($1, '消防安全证明已过期', $2) returning id, notify_by::text, county_code`,
      [inst.filing.id, rectifyBy]);
    expect(notice.county_code).toBe('370830000000');
    const expected = (await t.db.query<{ d: string }>(`select public.add_working_days((decided_at at time zone 'Asia/Shanghai')::date, 15)::text as d from public.filings where id = $1`, [inst.filing.id])).rows[0]!.d;
    expect(notice.notify_by).toBe(expected);
    for (const who of [inst.ownerId, U.rencheng, U.inspector, U.familyZhang]) {
      await refused(rpc(t.db, who, `insert into public.filing_notices (filing_id, problem, rectify_by) values ($1, '问题', $2)`, [inst.filing.id, rectifyBy]),
        '23503', /备案不存在/);
    }
    const seen = async (who: string) => actAs(t.db, who, async (q) => (await q.query(`select id from public.filing_notices where id = $1`, [notice.id])).rows.length);
    expect(await seen(inst.ownerId)).toBe(1);
    expect(await seen(U.jining)).toBe(1);
    expect(await seen(U.rencheng)).toBe(0);
    expect(await seen(U.opWenshang)).toBe(0);
    expect(await anon(t.db, async (q) => q.query(`select id from public.filing_notices`)).catch((e: Error) => e.message)).toMatch(/permission denied/);
    await actAs(t.db, inst.ownerId, (q) => q.query(`update public.filing_notices set operator_reply = '已重新办理消防证明' where id = $1`, [notice.id]));
    await refused(actAs(t.db, inst.ownerId, (q) => q.query(`update public.filing_notices set resolved_at = now() where id = $1`, [notice.id])), '42501', /只能填写改正说明/);
    await actAs(t.db, U.wenshang, (q) => q.query(`update public.filing_notices set resolved_at = now() where id = $1`, [notice.id]));
  });
});
