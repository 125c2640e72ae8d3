/**
 * The persona × table × operation matrix as data. Each write case names the personas allowed to
 * do it; every other persona (anon included) must be refused. Statements run in a rolled-back
 * transaction, so cases are independent.
 */
import { I, F, P, type PersonaName } from './personas.ts';

export interface WriteCase {
  table: string;
  op: 'insert' | 'update' | 'delete';
  what: string;
  sql: string;
  params?: unknown[];
  allowed: PersonaName[];
}

const WENSHANG_STREET = '370830001000';
const ALL_MATERIALS_OK = JSON.stringify(Object.fromEntries(
  ['filing_form', 'business_licence', 'premises_proof', 'staff_certificates', 'health_evaluation', 'fire_safety', 'food_licence'].map((m) => [m, { ok: true }])));
const newInstitution = (street: string) =>
  `insert into public.institutions (name, ownership, operating_model, street_code) values ('测试托育园', 'private', 'standalone', '${street}') returning id`;

export const WRITE_CASES: WriteCase[] = [
  // institutions
  { table: 'institutions', op: 'insert', what: 'draft institution in 汶上', sql: newInstitution(WENSHANG_STREET),
    allowed: ['opWenshang', 'opRencheng', 'familyZhang', 'familyLi', 'wenshang'] },
  { table: 'institutions', op: 'update', what: 'opening hours of 爱心 (汶上)',
    sql: `update public.institutions set opening_hours = '7:00-19:00' where id = $1`, params: [I.aiXin], allowed: ['opWenshang', 'wenshang'] },
  { table: 'institutions', op: 'update', what: 'opening hours of 金城 (任城)',
    sql: `update public.institutions set opening_hours = '7:00-19:00' where id = $1`, params: [I.jinCheng], allowed: ['opRencheng', 'rencheng'] },
  { table: 'institutions', op: 'update', what: 'suspend 爱心 (status)',
    sql: `update public.institutions set status = 'suspended', status_reason = '消防通道堵塞' where id = $1`, params: [I.aiXin], allowed: ['wenshang'] },
  { table: 'institutions', op: 'update', what: 'suspend 爱心 without a reason',
    sql: `update public.institutions set status = 'suspended' where id = $1`, params: [I.aiXin], allowed: [] },
  { table: 'institutions', op: 'update', what: 'fee list of the filed 爱心',
    sql: `update public.institutions set fee_items = '[]' where id = $1`, params: [I.aiXin], allowed: ['wenshang'] },
  // filed status and numbers come only from an approved filing (issue 11)
  { table: 'institutions', op: 'insert', what: 'a filed institution with a number in 汶上',
    sql: `insert into public.institutions (name, ownership, operating_model, street_code, status, filing_no, filed_at) values ('伪造托育园', 'private', 'standalone', '${WENSHANG_STREET}', 'filed', '37081120269999', now())`,
    allowed: [] },
  { table: 'institutions', op: 'update', what: 'file the draft 南站 with a number',
    sql: `update public.institutions set status = 'filed', filing_no = '37083020269999', filed_at = now() where id = $1`, params: [I.nanZhan], allowed: [] },
  { table: 'institutions', op: 'update', what: 'the filing number of 爱心',
    sql: `update public.institutions set filing_no = '37083020269998' where id = $1`, params: [I.aiXin], allowed: [] },
  // filed fields: a change filing for the operator, a correction for the county
  { table: 'institutions', op: 'update', what: 'name and 普惠 of the filed 爱心',
    sql: `update public.institutions set name = '改名托育中心', affordable = false where id = $1`, params: [I.aiXin], allowed: ['wenshang'] },
  { table: 'institutions', op: 'update', what: 'type of the filed 小太阳 home point',
    sql: `update public.institutions set type = 'center' where id = $1`, params: [I.homeBased], allowed: ['wenshang'] },
  { table: 'institutions', op: 'update', what: '爱心 (45 places) becomes a home point',
    sql: `update public.institutions set type = 'home_based' where id = $1`, params: [I.aiXin], allowed: [] },
  { table: 'institutions', op: 'delete', what: 'filed 爱心', sql: `delete from public.institutions where id = $1`, params: [I.aiXin], allowed: [] },
  // institution_sites
  { table: 'institution_sites', op: 'update', what: 'address of the filed 爱心',
    sql: `update public.institution_sites set address = '山东省济宁市汶上县中都大街200号' where institution_id = $1`, params: [I.aiXin],
    allowed: ['wenshang'] },
  { table: 'institution_sites', op: 'update', what: 'coordinates of the filed 爱心 (to 重庆)',
    sql: `update public.institution_sites set lat = 29.5573, lng = 106.5771 where institution_id = $1`, params: [I.aiXin], allowed: ['wenshang'] },
  { table: 'institution_sites', op: 'update', what: 'premises note of 爱心',
    sql: `update public.institution_sites set premises_note = '租期至2030年' where institution_id = $1`, params: [I.aiXin],
    allowed: ['opWenshang', 'wenshang'] },
  { table: 'institution_sites', op: 'insert', what: 'second site for 爱心',
    sql: `insert into public.institution_sites (institution_id, address, lat, lng) values ($1, '汶上县某路1号', 35.7, 116.5)`, params: [I.aiXin], allowed: [] },
  { table: 'institution_sites', op: 'delete', what: 'site of 爱心', sql: `delete from public.institution_sites where institution_id = $1`, params: [I.aiXin], allowed: [] },
  // institution_members
  { table: 'institution_members', op: 'insert', what: 'add 李先生 to 爱心',
    sql: `insert into public.institution_members (institution_id, user_id) values ($1, $2)`, params: [I.aiXin, P.familyLi],
    allowed: ['opWenshang', 'wenshang'] },
  { table: 'institution_members', op: 'insert', what: 'add oneself to 爱心',
    sql: `insert into public.institution_members (institution_id, user_id) values ($1, (select auth.uid()))`, params: [I.aiXin], allowed: [] },
  { table: 'institution_members', op: 'update', what: 'promote oneself to owner',
    sql: `update public.institution_members set member_role = 'owner' where user_id = (select auth.uid())`, allowed: [] },
  { table: 'institution_members', op: 'delete', what: 'remove operator of 金城',
    sql: `delete from public.institution_members where institution_id = $1 and user_id = $2`, params: [I.jinCheng, P.opRencheng],
    allowed: ['rencheng'] },
  // classes
  { table: 'classes', op: 'insert', what: 'class in 爱心',
    sql: `insert into public.classes (institution_id, name, class_type, min_age_months, max_age_months, capacity, enrolled, carers) values ($1, '新托小班', 'toddler', 12, 24, 10, 5, 1)`,
    params: [I.aiXin], allowed: ['opWenshang', 'wenshang'] },
  { table: 'classes', op: 'update', what: 'enrolled of 爱心 乳儿班',
    sql: `update public.classes set enrolled = 9 where id = '20000000-0000-4000-8000-000000000001'`, allowed: ['opWenshang', 'wenshang'] },
  { table: 'classes', op: 'delete', what: '金城 托小一班',
    sql: `delete from public.classes where id = '20000000-0000-4000-8000-000000000005'`, allowed: ['opRencheng', 'rencheng'] },
  // staff
  { table: 'staff', op: 'insert', what: 'carer in 爱心',
    sql: `insert into public.staff (institution_id, name, role) values ($1, '新保育员', 'carer')`, params: [I.aiXin], allowed: ['opWenshang', 'wenshang'] },
  { table: 'staff', op: 'update', what: 'certificate of 孙梅 (爱心)',
    sql: `update public.staff set certificate_no = 'BYS-NEW' where id = '30000000-0000-4000-8000-000000000002'`, allowed: ['opWenshang', 'wenshang'] },
  { table: 'staff', op: 'delete', what: '何静 (渝中)',
    sql: `delete from public.staff where id = '30000000-0000-4000-8000-000000000008'`, allowed: ['yuzhong'] },
  // filings
  { table: 'filings', op: 'insert', what: 'cancel filing for 泉城 (济南, no operator account)',
    sql: `insert into public.filings (institution_id, kind) values ($1, 'cancel')`, params: [I.quanCheng], allowed: [] },
  { table: 'filings', op: 'update', what: 'edit the 爱心 change draft',
    sql: `update public.filings set form = '{"change_items":["延长开放时间"]}' where id = $1`, params: [F.aiXinChangeDraft], allowed: ['opWenshang'] },
  { table: 'filings', op: 'update', what: 'start review of 南站 (submitted, 汶上)',
    sql: `update public.filings set status = 'under_review' where id = $1`, params: [F.nanZhanSubmitted], allowed: ['wenshang'] },
  { table: 'filings', op: 'update', what: 'approve 金城 change (under review, 任城) with every material checked',
    sql: `update public.filings set status = 'approved', materials = $2 where id = $1`, params: [F.jinChengUnderReview, ALL_MATERIALS_OK],
    allowed: ['rencheng'] },
  { table: 'filings', op: 'update', what: 'approve 金城 change without the checklist',
    sql: `update public.filings set status = 'approved' where id = $1`, params: [F.jinChengUnderReview], allowed: [] },
  { table: 'filings', op: 'delete', what: 'the 爱心 change draft', sql: `delete from public.filings where id = $1`, params: [F.aiXinChangeDraft], allowed: ['opWenshang'] },
  { table: 'filings', op: 'delete', what: 'an approved filing', sql: `delete from public.filings where id = $1`, params: [F.aiXinApproved], allowed: [] },
  // filing_documents
  { table: 'filing_documents', op: 'insert', what: 'material for the 爱心 draft that was never uploaded',
    sql: `insert into public.filing_documents (filing_id, material_type, storage_path, file_name, mime_type, size_bytes)
          values ($1, 'filing_form', '370830000000/${I.aiXin}/${F.aiXinChangeDraft}/form.pdf', 'form.pdf', 'application/pdf', 1000)`,
    params: [F.aiXinChangeDraft], allowed: [] },
  { table: 'filing_documents', op: 'update', what: 'retarget a material of 金城',
    sql: `update public.filing_documents set file_name = 'x.pdf' where filing_id = $1`, params: [F.jinChengUnderReview], allowed: [] },
  { table: 'filing_documents', op: 'delete', what: 'materials of the 金城 filing under review',
    sql: `delete from public.filing_documents where filing_id = $1`, params: [F.jinChengUnderReview], allowed: [] },
  { table: 'filing_documents', op: 'delete', what: 'materials of the returned 康驿 filing (no operator account)',
    sql: `delete from public.filing_documents where filing_id = $1`, params: [F.kangYiReturned], allowed: [] },
  // storage.objects
  { table: 'storage.objects', op: 'insert', what: 'upload to the 爱心 draft folder',
    sql: `insert into storage.objects (bucket_id, name) values ('filing-documents', '370830000000/${I.aiXin}/${F.aiXinChangeDraft}/licence.pdf')`,
    allowed: ['opWenshang'] },
  { table: 'storage.objects', op: 'insert', what: 'upload with a forged county (任城 path for 爱心)',
    sql: `insert into storage.objects (bucket_id, name) values ('filing-documents', '370811000000/${I.aiXin}/${F.aiXinChangeDraft}/licence.pdf')`,
    allowed: [] },
  { table: 'storage.objects', op: 'update', what: 'rename a 南站 material',
    sql: `update storage.objects set name = name || '.bak' where bucket_id = 'filing-documents' and name like '370830000000/${I.nanZhan}/%'`, allowed: [] },
  { table: 'storage.objects', op: 'delete', what: 'a material of the 金城 filing under review',
    sql: `delete from storage.objects where bucket_id = 'filing-documents' and name like '370811000000/${I.jinCheng}/%'`, allowed: [] },
  // filing_notices (issue 13): the county records and corrects; nobody records past the 15-working-day limit
  { table: 'filing_notices', op: 'insert', what: 'a notice on the 2024 爱心 filing (past the notification limit)',
    sql: `insert into public.filing_notices (filing_id, problem, rectify_by) values ($1, '问题', '2099-01-01')`, params: [F.aiXinApproved], allowed: [] },
  { table: 'filing_notices', op: 'update', what: 'the deadline of the 小太阳 notice',
    sql: `update public.filing_notices set rectify_by = '2099-01-31' where id = '50000000-0000-4000-8000-000000000001'`, allowed: ['wenshang'] },
  { table: 'filing_notices', op: 'delete', what: 'the 小太阳 notice',
    sql: `delete from public.filing_notices where id = '50000000-0000-4000-8000-000000000001'`, allowed: [] },
  // complaints (issue 13): written only through the RPCs
  { table: 'complaints', op: 'insert', what: 'a complaint row directly',
    sql: `insert into public.complaints (tracking_no, idempotency_key, institution_id, county_code, category, description, accept_by, close_by)
          values ('TSX', gen_random_uuid(), $1, '370830000000', 'other', '直接写入的投诉内容内容', now(), current_date)`, params: [I.aiXin], allowed: [] },
  { table: 'complaints', op: 'update', what: 'close a 汶上 complaint directly',
    sql: `update public.complaints set status = 'closed' where id = '60000000-0000-4000-8000-000000000004'`, allowed: [] },
  { table: 'complaints', op: 'delete', what: 'a 汶上 complaint', sql: `delete from public.complaints where id = '60000000-0000-4000-8000-000000000004'`, allowed: [] },
  { table: 'complaint_events', op: 'insert', what: 'a forged public step',
    sql: `insert into public.complaint_events (complaint_id, county_code, to_status, visibility) values ('60000000-0000-4000-8000-000000000004', '370830000000', 'closed', 'public')`,
    allowed: [] },
  { table: 'complaint_contacts', op: 'update', what: 'the mobile of a complainant',
    sql: `update public.complaint_contacts set mobile = '13000000000' where complaint_id = '60000000-0000-4000-8000-000000000002'`, allowed: [] },
  { table: 'complaint_rules', op: 'insert', what: '汶上 complaint deadlines',
    sql: `insert into public.complaint_rules (region_code, close_working_days) values ('370830000000', 10)`, allowed: ['province', 'jining', 'wenshang'] },
  { table: 'complaint_rules', op: 'update', what: 'the national default', sql: `update public.complaint_rules set close_working_days = 60 where region_code is null`, allowed: [] },
  { table: 'storage.objects', op: 'insert', what: 'a complaint photo before submitting (anyone)',
    sql: `insert into storage.objects (bucket_id, name) values ('complaint-photos', 'pending/6f1d2c3b-0000-4000-8000-000000000099/a.jpg')`,
    allowed: ['province', 'jining', 'jinan', 'wenshang', 'rencheng', 'yuzhong', 'inspector', 'community', 'opWenshang', 'opRencheng', 'familyZhang', 'familyLi', 'anon'] },
  { table: 'storage.objects', op: 'insert', what: 'a photo into the folder of a submitted complaint',
    sql: `insert into storage.objects (bucket_id, name) values ('complaint-photos', 'pending/61000000-0000-4000-8000-000000000002/late.jpg')`, allowed: [] },
  // staff_scopes (self-escalation and scope widening)
  { table: 'staff_scopes', op: 'insert', what: 'county_admin of 汶上 for 张女士',
    sql: `insert into public.staff_scopes (user_id, region_code, role) values ($1, '370830000000', 'county_admin')`, params: [P.familyZhang],
    allowed: ['province', 'jining'] },
  { table: 'staff_scopes', op: 'insert', what: 'inspector of 汶上 for 李先生',
    sql: `insert into public.staff_scopes (user_id, region_code, role) values ($1, '370830000000', 'inspector')`, params: [P.familyLi],
    allowed: ['province', 'jining', 'wenshang'] },
  { table: 'staff_scopes', op: 'insert', what: 'province_admin of 山东 for oneself',
    sql: `insert into public.staff_scopes (user_id, region_code, role) values ((select auth.uid()), '370000000000', 'province_admin')`, allowed: [] },
  { table: 'staff_scopes', op: 'insert', what: 'county_admin of 任城 for oneself',
    sql: `insert into public.staff_scopes (user_id, region_code, role) values ((select auth.uid()), '370811000000', 'county_admin')`, allowed: [] },
  { table: 'staff_scopes', op: 'update', what: 'widen one’s own scope to the province',
    sql: `update public.staff_scopes set region_code = '370000000000', role = 'province_admin' where user_id = (select auth.uid())`, allowed: [] },
  { table: 'staff_scopes', op: 'delete', what: 'the 汶上 county admin scope',
    sql: `delete from public.staff_scopes where user_id = $1`, params: [P.wenshang], allowed: ['province', 'jining'] },
  // profiles
  { table: 'profiles', op: 'insert', what: 'a profile', sql: `insert into public.profiles (id) values (gen_random_uuid())`, allowed: [] },
  { table: 'profiles', op: 'update', what: '张女士’s profile', sql: `update public.profiles set display_name = '改名' where id = $1`, params: [P.familyZhang],
    allowed: ['familyZhang'] },
  { table: 'profiles', op: 'delete', what: '李先生’s profile', sql: `delete from public.profiles where id = $1`, params: [P.familyLi], allowed: [] },
  // regions and reference data
  { table: 'regions', op: 'insert', what: 'a street', sql: `insert into public.regions (code, parent_code, level, name) values ('370830999000', '370830000000', 'street', '假街道')`, allowed: [] },
  { table: 'regions', op: 'update', what: 'rename 汶上县', sql: `update public.regions set name = '假县' where code = '370830000000'`, allowed: [] },
  { table: 'regions', op: 'delete', what: 'a street', sql: `delete from public.regions where code = '370830205000'`, allowed: [] },
  { table: 'region_populations', op: 'update', what: '汶上县 population',
    sql: `update public.region_populations set resident_population = 670000 where region_code = '370830000000'`, allowed: ['province', 'jining', 'wenshang'] },
  { table: 'region_populations', op: 'insert', what: '任城区 2025 population',
    sql: `insert into public.region_populations (region_code, year, resident_population, source) values ('370811000000', 2025, 1310000, '测试')`,
    allowed: ['province', 'jining', 'rencheng'] },
  { table: 'region_populations', op: 'delete', what: '渝中区 population', sql: `delete from public.region_populations where region_code = '500103000000'`, allowed: ['yuzhong'] },
  { table: 'region_targets', op: 'insert', what: '汶上县 2025 slot task',
    sql: `insert into public.region_targets (region_code, metric, year, value) values ('370830000000', 'annual_new_slots', 2025, 800)`,
    allowed: ['province', 'jining', 'wenshang'] },
  { table: 'region_targets', op: 'update', what: '山东省 slots per 1000',
    sql: `update public.region_targets set value = 5 where region_code = '370000000000' and metric = 'slots_per_1000'`, allowed: ['province'] },
  { table: 'region_targets', op: 'delete', what: '济宁市 target', sql: `delete from public.region_targets where region_code = '370800000000'`, allowed: ['province', 'jining'] },
  { table: 'class_type_rules', op: 'insert', what: '汶上 mixed-age ratio override',
    sql: `insert into public.class_type_rules (class_type, region_code, min_age_months, max_age_months, max_size, children_per_carer) values ('mixed_age', '370830000000', 18, 36, 18, 5)`,
    allowed: ['province', 'jining', 'wenshang'] },
  { table: 'class_type_rules', op: 'update', what: 'national infant rule', sql: `update public.class_type_rules set max_size = 30 where region_code is null`, allowed: [] },
  { table: 'class_type_rules', op: 'delete', what: 'national rules', sql: `delete from public.class_type_rules where region_code is null`, allowed: [] },
  { table: 'calendar_days', op: 'insert', what: 'an extra holiday', sql: `insert into public.calendar_days (day, kind, name) values ('2026-03-02', 'holiday', '假')`, allowed: [] },
  { table: 'calendar_days', op: 'update', what: 'move 春节', sql: `update public.calendar_days set kind = 'workday' where day = '2026-02-16'`, allowed: [] },
  { table: 'calendar_days', op: 'delete', what: 'a holiday', sql: `delete from public.calendar_days where day = '2026-02-16'`, allowed: [] },
  // audit_log: append-only for everybody
  { table: 'audit_log', op: 'insert', what: 'a forged entry',
    sql: `insert into public.audit_log (actor_role, table_name, row_id, action) values ('authenticated', 'filings', 'x', 'DELETE')`, allowed: [] },
  { table: 'audit_log', op: 'update', what: 'rewrite history', sql: `update public.audit_log set actor_id = null`, allowed: [] },
  { table: 'audit_log', op: 'delete', what: 'erase history', sql: `delete from public.audit_log`, allowed: [] },
];

/** Visible rows per persona of rows that are not public (select half of the matrix). */
export interface SelectCase {
  table: string;
  what: string;
  sql: string;
  expected: Partial<Record<PersonaName, number>>;
  /** count for personas not listed */
  otherwise: number;
}

export const SELECT_CASES: SelectCase[] = [
  { table: 'regions', what: 'all regions (public)', sql: `select count(*)::int as n from public.regions where code in ('370000000000', '500103000000', '370830001000')`,
    expected: {}, otherwise: 3 },
  { table: 'region_populations', what: 'population (public)', sql: `select count(*)::int as n from public.region_populations`, expected: {}, otherwise: 9 },
  { table: 'region_targets', what: 'targets (public)', sql: `select count(*)::int as n from public.region_targets`, expected: {}, otherwise: 18 },
  { table: 'class_type_rules', what: 'national rules (public)', sql: `select count(*)::int as n from public.class_type_rules`, expected: {}, otherwise: 4 },
  { table: 'calendar_days', what: '2026 calendar (public)', sql: `select count(*)::int as n from public.calendar_days where day between '2026-01-01' and '2026-12-31'`,
    expected: {}, otherwise: 39 },
  { table: 'institutions', what: 'draft institutions (汶上)', sql: `select count(*)::int as n from public.institutions where status = 'draft'`,
    expected: { wenshang: 2, inspector: 2, jining: 2, province: 2 }, otherwise: 0 },
  { table: 'institutions', what: 'filed institutions (public)', sql: `select count(*)::int as n from public.institutions where status = 'filed'`,
    expected: {}, otherwise: 7 },
  { table: 'institutions', what: 'who created them (created_by: no API role reads it)', sql: `select count(created_by)::int as n from public.institutions`,
    expected: {}, otherwise: 0 },
  { table: 'institutions', what: 'the home point’s personal mobile (signed-in only)',
    sql: `select count(contact_phone)::int as n from public.institutions where id = '${I.homeBased}'`, expected: { anon: 0 }, otherwise: 1 },
  { table: 'institutions', what: 'the home point’s masked phone (public)',
    sql: `select count(*)::int as n from public.institutions where id = '${I.homeBased}' and public_contact_phone = '138****1234'`, expected: {}, otherwise: 1 },
  { table: 'institution_sites', what: 'exact addresses', sql: `select count(*)::int as n from public.institution_sites`,
    expected: { wenshang: 4, inspector: 4, jining: 6, province: 7, jinan: 1, rencheng: 2, yuzhong: 1, opWenshang: 1, opRencheng: 1 }, otherwise: 0 },
  { table: 'institution_members', what: 'operator accounts', sql: `select count(*)::int as n from public.institution_members`,
    expected: { wenshang: 1, inspector: 1, rencheng: 1, jining: 2, province: 2, opWenshang: 1, opRencheng: 1 }, otherwise: 0 },
  { table: 'classes', what: 'classes of the draft 南站', sql: `select count(*)::int as n from public.classes where institution_id = '${I.nanZhan}'`,
    expected: { wenshang: 1, inspector: 1, jining: 1, province: 1 }, otherwise: 0 },
  { table: 'classes', what: 'classes of filed institutions (public)', sql: `select count(*)::int as n from public.classes where institution_id <> '${I.nanZhan}'`,
    expected: {}, otherwise: 10 },
  { table: 'staff', what: 'staff records', sql: `select count(*)::int as n from public.staff`,
    expected: { wenshang: 5, inspector: 5, jining: 7, province: 7, rencheng: 2, yuzhong: 1, opWenshang: 4, opRencheng: 2 }, otherwise: 0 },
  { table: 'filings', what: 'filings', sql: `select count(*)::int as n from public.filings`,
    expected: { wenshang: 5, inspector: 5, rencheng: 3, jining: 8, province: 10, jinan: 2, yuzhong: 1, opWenshang: 2, opRencheng: 2 }, otherwise: 0 },
  { table: 'filing_documents', what: 'filing materials', sql: `select count(*)::int as n from public.filing_documents`,
    expected: { wenshang: 14, inspector: 14, rencheng: 7, jining: 21, province: 21, opRencheng: 7 }, otherwise: 0 },
  { table: 'storage.objects', what: 'filing material files', sql: `select count(*)::int as n from storage.objects where bucket_id = 'filing-documents'`,
    expected: { wenshang: 14, inspector: 14, rencheng: 7, jining: 21, province: 21, opRencheng: 7 }, otherwise: 0 },
  { table: 'staff_scopes', what: 'staff scopes', sql: `select count(*)::int as n from public.staff_scopes`,
    expected: { province: 7, jining: 5, jinan: 1, wenshang: 3, rencheng: 1, yuzhong: 1, inspector: 1, community: 1 }, otherwise: 0 },
  { table: 'profiles', what: 'profiles', sql: `select count(*)::int as n from public.profiles`,
    expected: { province: 9, jining: 7, wenshang: 4, rencheng: 2, inspector: 2, anon: 0 }, otherwise: 1 },
  { table: 'filing_notices', what: 'problems notified after filing', sql: `select count(*)::int as n from public.filing_notices`,
    expected: { wenshang: 1, inspector: 1, jining: 1, province: 1 }, otherwise: 0 },
  { table: 'complaints', what: 'complaints (county, assignee, institution, complainant)', sql: `select count(*)::int as n from public.complaints`,
    expected: { wenshang: 6, jining: 7, province: 7, rencheng: 1, inspector: 2, opWenshang: 3, opRencheng: 1, familyZhang: 2 }, otherwise: 0 },
  { table: 'complaint_contacts', what: 'who complained (institutions only when not anonymous)', sql: `select count(*)::int as n from public.complaint_contacts`,
    expected: { wenshang: 6, jining: 7, province: 7, rencheng: 1, opWenshang: 2, opRencheng: 1, familyZhang: 2 }, otherwise: 0 },
  { table: 'complaint_events', what: 'complaint timelines and notes', sql: `select count(*)::int as n from public.complaint_events`,
    expected: { wenshang: 20, jining: 22, province: 22, rencheng: 2, inspector: 13, opWenshang: 12, opRencheng: 2, familyZhang: 9 }, otherwise: 0 },
  { table: 'complaint_events', what: 'internal notes', sql: `select count(*)::int as n from public.complaint_events where visibility = 'internal'`,
    expected: { wenshang: 2, jining: 2, province: 2, inspector: 2 }, otherwise: 0 },
  { table: 'complaint_rules', what: 'complaint deadlines (public)', sql: `select count(*)::int as n from public.complaint_rules`, expected: {}, otherwise: 1 },
  { table: 'audit_log', what: 'audit entries of 渝中', sql: `select count(*)::int as n from public.audit_log where region_code like '500103%'`,
    expected: { yuzhong: -1 }, otherwise: 0 },
  { table: 'audit_log', what: 'who was made operator in 汶上 (institution_members rows carry the county)',
    sql: `select count(*)::int as n from public.audit_log where table_name = 'institution_members' and region_code = '370830000000'`,
    expected: { wenshang: -1, jining: -1, province: -1, opWenshang: -1 }, otherwise: 0 },
  { table: 'audit_log', what: 'audit entries of 汶上', sql: `select count(*)::int as n from public.audit_log where region_code like '370830%'`,
    expected: { wenshang: -1, jining: -1, province: -1, opWenshang: -1 }, otherwise: 0 },
];
