/**
 * The Supabase database lints that matter, as a test over the migrated schema:
 * RLS on every exposed table, no security-definer views, fixed search_path on our functions,
 * every foreign key indexed, every column a policy reads indexed, comments on domain tables.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@tuoyu/local-supabase/testing.ts';

const EXPOSED = ['public', 'storage'];
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ seed: false });
});
afterAll(async () => {
  await t?.drop();
});

async function rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await t.db.query<T>(sql, params)).rows;
}

describe('Supabase lints', () => {
  it('RLS is enabled on every table in the exposed schemas', async () => {
    const missing = await rows<{ t: string }>(
      `select n.nspname || '.' || c.relname as t from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p') and n.nspname = any ($1) and not c.relrowsecurity order by 1`, [EXPOSED]);
    expect(missing.map((r) => r.t)).toEqual([]);
  });

  it('no view bypasses RLS (every view is security_invoker)', async () => {
    const views = await rows<{ v: string }>(
      `select n.nspname || '.' || c.relname as v from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('v', 'm') and n.nspname = any ($1)
          and not coalesce(c.reloptions @> array['security_invoker=true'] or c.reloptions @> array['security_invoker=on'], false)`, [EXPOSED]);
    expect(views.map((r) => r.v)).toEqual([]);
  });

  it('every function in public and private has a fixed search_path', async () => {
    const fns = await rows<{ f: string }>(
      `select p.oid::regprocedure::text as f from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        left join pg_depend d on d.objid = p.oid and d.deptype = 'e'
        where n.nspname in ('public', 'private') and d.objid is null
          and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) c where c like 'search_path=%') order by 1`);
    expect(fns.map((r) => r.f)).toEqual([]);
  });

  it('security-definer functions live in private, except the vetted public RPCs', async () => {
    const fns = await rows<{ f: string }>(
      `select p.proname as f from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public' and p.prosecdef order by 1`);
    // each filters to the caller's own rows, to public columns of filed institutions, or to the
    // counties of the caller's scope (filing_overview, via private.counties_in_scope(); see the migrations);
    // the oversight RPCs (issue 13) check the caller's county scope, assignment, membership or
    // complaint, inspection team or rectification first and answer "不存在" otherwise; track_complaint
    // and public_oversight_record return no personal data.
    // Issue 14: the sign-up and booking RPCs lock the event/slot row and write tables clients cannot
    // write; each acts only on the caller's own sign-up/booking, or checks the caller may manage the
    // event (private.can_post_event) or expert (private.can_manage_expert); nearby_events reads
    // published events only; queue_content_reminders runs for the service role only (notices-drain).
    // Issue 12's workflow RPCs write tables no API role may write: each first checks the caller
    // (guardian of the child, member of the institution, county scope, or the service role) and
    // refuses with 42501/P0002 — every one is exercised on its refused path in
    // tests/integration/families/enrollment.test.ts.
    // Accounts (issue 13 §1): invitation, member and scope RPCs check the county scope, ownership or
    // private.can_manage_scope first (tests/integration/oversight/accounts.test.ts, refused paths);
    // preview_institution_invitation answers only the holder of the one-time code.
    const accounts = ['audit_actor_names', 'grant_staff_scope', 'list_institution_members', 'list_staff_scopes',
      'preview_institution_invitation', 'remove_institution_member', 'resend_institution_invitation',
      'revoke_institution_invitation', 'revoke_staff_scope'];
    expect(accounts.filter((f) => !fns.some((r) => r.f === f))).toEqual([]);
    // Issue 15 (figures): designate_affordable checks the caller's county scope and answers 机构不存在
    // otherwise; region_indicators returns staff/children figures only when the caller's admin scope
    // covers the region (tests/integration/statistics/indicators.test.ts); region_indicators_at is
    // the same on any day (tests/integration/statistics/targets-and-bulletins.test.ts).
    const figures = ['designate_affordable', 'region_indicators', 'region_indicators_at'];
    // Issue 15 §4 (缺口规划): public figures like region_indicators' (registry, population, targets,
    // residential points), definer only to read the registry timeline (tests/integration/statistics/gap-plan.test.ts).
    const gapPlan = ['gap_plan_candidates', 'gap_plan_regions', 'gap_plan_streets', 'gap_plan_uncovered_areas'];
    expect(fns.map((r) => r.f).filter((f) => !accounts.includes(f))).toEqual([...figures, ...gapPlan, ...[
      'accept_complaint', 'accept_guardian_invite', 'accept_institution_invitation', 'accept_offer',
      'answer_complaint', 'assign_complaint', 'book_consultation', 'cancel_consultation',
      'cancel_event_signup', 'check_in_event_signup', 'child_id_number', 'claim_notices', 'close_complaint',
      'complete_notice', 'create_institution_invitation', 'decline_offer', 'decline_request',
      'draw_inspection_plan', 'end_placement', 'enrollment_counts', 'filing_overview', 'get_my_permissions',
      'give_consent', 'institution_rating', 'invite_guardian', 'lapse_overdue_offers', 'mark_notices_read',
      'mark_visit_done', 'moderate_review', 'my_reviews', 'nearby_events', 'nearby_institutions', 'note_complaint',
      'offer_place', 'public_oversight_record', 'queue_content_reminders', 'rate_complaint', 'recheck_rectification',
      'record_consultation', 'record_event_no_shows', 'record_inspection', 'reply_review',
      'report_rectification', 'request_enrollment', 'request_visit', 'set_institution_status',
      'sign_up_for_event', 'submit_complaint', 'submit_review', 'track_complaint', 'withdraw_consent',
      'withdraw_request',
      // issue 13 screens: the checklist answers only the inspection's team and county; the reply
      // only the complainant (signed in, or tracking number + their mobile)
      'complaint_reply', 'inspection_checklist',
      // the effective checklist of a region (public data; private.checklist_for holds the precedence)
      'region_checklist',
      // invitation messages: claim_messages is the service role's (refuses API users), invitation_deliveries
      // answers only invitations private.can_manage_invitation lets the caller manage
      'claim_messages', 'invitation_deliveries',
      // issue 15 §5–§6: the subsidy transitions check membership / the county admin's scope first
      // ("不存在" otherwise; tests/integration/money/subsidies.test.ts); the staff ID functions read
      // private.staff_identities only for the staff's institution members and county admins
      // (tests/integration/money/staff-registry.test.ts)
      'apply_for_subsidy', 'approve_subsidy', 'return_subsidy', 'subsidy_preview',
      'set_staff_id_number', 'staff_duplicate_warnings', 'staff_id_number', 'staff_id_overview',
      // issue 15 §5 补贴标准: public rules resolved by the private helper the computation uses;
      // `editable` from the caller's own scope (tests/integration/money/subsidy-rules.test.ts)
      'effective_subsidy_rules',
    ]].sort());
  });

  it('every foreign key is covered by an index (leading columns)', async () => {
    const unindexed = await rows<{ fk: string }>(
      `select c.conrelid::regclass::text || ' ' || c.conname as fk
         from pg_constraint c join pg_namespace n on n.oid = c.connamespace
        where c.contype = 'f' and n.nspname = 'public'
          and not exists (
            select 1 from pg_index i
             where i.indrelid = c.conrelid
               and (i.indkey::int2[])[0:array_length(c.conkey, 1) - 1] @> c.conkey
               and (i.indkey::int2[])[0:array_length(c.conkey, 1) - 1] <@ c.conkey)
        order by 1`);
    expect(unindexed.map((r) => r.fk)).toEqual([]);
  });

  it('every column a policy reads is part of an index', async () => {
    const policies = await rows<{ schemaname: string; tablename: string; policyname: string; expr: string }>(
      `select schemaname, tablename, policyname, coalesce(qual, '') || ' ' || coalesce(with_check, '') as expr
         from pg_policies where schemaname = 'public'`);
    const indexed = await rows<{ tablename: string; col: string }>(
      `select c.relname as tablename, a.attname as col
         from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
         join pg_attribute a on a.attrelid = c.oid and a.attnum = any (i.indkey::int2[])
        where n.nspname = 'public'`);
    const columns = await rows<{ tablename: string; col: string }>(
      `select c.relname as tablename, a.attname as col from pg_attribute a join pg_class c on c.oid = a.attrelid
         join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped`);
    const problems: string[] = [];
    for (const p of policies) {
      // the expression with function bodies/calls' names removed; remaining bare identifiers are columns
      const own = columns.filter((c) => c.tablename === p.tablename).map((c) => c.col);
      for (const col of own) {
        const re = new RegExp(`(^|[^.\\w])${col}([^\\w(]|$)`);
        if (!re.test(p.expr)) continue;
        if (!indexed.some((i) => i.tablename === p.tablename && i.col === col)) problems.push(`${p.tablename}.${col} (${p.policyname})`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('helpers in private are not executable by PUBLIC', async () => {
    const open = await rows<{ f: string }>(
      `select p.oid::regprocedure::text as f from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'private' and has_function_privilege('public', p.oid, 'execute') is true
          and exists (select 1 from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a where a.grantee = 0)`);
    expect(open.map((r) => r.f)).toEqual([]);
  });

  it('every domain table and column carries a (Chinese) comment', async () => {
    const missing = await rows<{ c: string }>(
      `select c.relname || coalesce('.' || a.attname, '') as c
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
         left join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        where n.nspname = 'public' and c.relkind = 'r'
          and (obj_description(c.oid, 'pg_class') is null or (a.attname is not null and col_description(c.oid, a.attnum) is null))
        order by 1`);
    expect(missing.map((r) => r.c)).toEqual([]);
  });
});
