/**
 * Data rules of issue 11 (adversarial review), each attack replayed through the real API —
 * supabase-js as the demo personas, fresh operators and anon against startLocalSupabase — with
 * the allowed path beside the refused one. Every case here failed before its fix in SQL.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { startLocalSupabase, type LocalSupabase } from '@tuoyu/local-supabase';
import { createTestDatabase, REPO_ROOT, type TestDatabase } from '@tuoyu/local-supabase/testing.ts';
import { ALL_OK, JINCHENG_STREET, REQUIRED, RENCHENG, SEEDED, WENSHANG, ZHONGDU_STREET, demo } from '../filings/support.ts';

let t: TestDatabase;
let stack: LocalSupabase;
let anon: SupabaseClient;
let wenshang: SupabaseClient; // county admin 汶上
let rencheng: SupabaseClient; // county admin 任城
let jining: SupabaseClient; // city admin 济宁
let opWenshang: SupabaseClient; // operator of 爱心 (filed, 汶上)
let family: SupabaseClient; // 张女士 (汶上), no role

const HOME_BASED = '10000000-0000-4000-8000-000000000002'; // 汶上 小太阳家庭托育点, filed, contact 13805371234
const NAN_ZHAN = '10000000-0000-4000-8000-000000000003'; // 汶上, draft
const YEAR = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date());
const PDF = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);

function client(): SupabaseClient {
  return createClient(stack.url, stack.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket },
  });
}

async function signedIn(email: string): Promise<SupabaseClient> {
  const c = client();
  const { error } = await c.auth.signInWithPassword({ email, password: demo(email).password });
  if (error) throw error;
  return c;
}

/** A new account (as a family or would-be operator signs up). */
async function newUser(name: string): Promise<{ c: SupabaseClient; id: string }> {
  const c = client();
  const { data, error } = await c.auth.signUp({ email: `hard-${randomUUID().slice(0, 8)}@hardening.test`, password: 'Hardening-2026',
    options: { data: { display_name: name } } });
  if (error) throw error;
  return { c, id: data.user!.id };
}

interface Registered { op: SupabaseClient; opId: string; id: string }

/** A new operator registers an institution with its site and one class (draft). */
async function register(opts: { name: string; type?: 'center' | 'home_based'; street?: string; capacity?: number }): Promise<Registered> {
  const { c: op, id: opId } = await newUser(`${opts.name}负责人`);
  const type = opts.type ?? 'center';
  const inst = await op.from('institutions').insert({ name: opts.name, type, ownership: 'private', operating_model: 'community',
    street_code: opts.street ?? ZHONGDU_STREET, services: ['full_day'] }).select('id').single();
  expect(inst.error).toBeNull();
  const id = inst.data!.id as string;
  const site = await op.from('institution_sites').insert({ institution_id: id, address: `${opts.name}所在小区3号楼2单元501`, lat: 35.7311, lng: 116.4912 });
  expect(site.error).toBeNull();
  const cls = type === 'home_based'
    ? { name: '混龄班', class_type: 'mixed_age', min_age_months: 18, max_age_months: 36, capacity: opts.capacity ?? 5, enrolled: 3, carers: 1 }
    : { name: '托小一班', class_type: 'toddler', min_age_months: 12, max_age_months: 24, capacity: opts.capacity ?? 15, enrolled: Math.min(10, opts.capacity ?? 15), carers: 2 };
  expect((await op.from('classes').insert({ institution_id: id, ...cls })).error).toBeNull();
  return { op, opId, id };
}

interface FilingRef { id: string; county_code: string; institution_id: string }

async function draftOf(r: Registered): Promise<FilingRef> {
  const d = await r.op.rpc('create_filing_draft', { institution_id: r.id, kind: 'new' });
  expect(d.error).toBeNull();
  return { id: d.data.id as string, county_code: d.data.county_code as string, institution_id: r.id };
}

async function uploadAndAttach(op: SupabaseClient, f: FilingRef, material: string): Promise<string> {
  const path = `${f.county_code}/${f.institution_id}/${f.id}/${material}-${randomUUID().slice(0, 8)}.pdf`;
  const up = await op.storage.from('filing-documents').upload(path, PDF(material), { contentType: 'application/pdf' });
  expect(up.error).toBeNull();
  const at = await op.rpc('attach_filing_document', { filing_id: f.id, material_type: material, storage_path: path });
  expect(at.error).toBeNull();
  return path;
}

async function submit(r: Registered, f?: FilingRef): Promise<FilingRef> {
  const filing = f ?? (await draftOf(r));
  for (const m of REQUIRED) await uploadAndAttach(r.op, filing, m);
  const s = await r.op.rpc('submit_filing', { filing_id: filing.id, accept_pledge: true });
  expect(s.error).toBeNull();
  return filing;
}

/** Registered, submitted and approved by the county: a filed institution with its own operator. */
async function filed(opts: Parameters<typeof register>[0], county: () => SupabaseClient): Promise<Registered & { filingNo: string }> {
  const r = await register(opts);
  const f = await submit(r);
  expect((await county().rpc('start_filing_review', { filing_id: f.id })).error).toBeNull();
  const a = await county().rpc('approve_filing', { filing_id: f.id, checklist: ALL_OK });
  expect(a.error).toBeNull();
  return { ...r, filingNo: a.data.filing_no as string };
}

beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
  stack = await startLocalSupabase({ workdir: REPO_ROOT, db: t.db, port: 0, seed: 'never', log: false, auth: { bcryptCost: 4 } });
  anon = client();
  wenshang = await signedIn('county.wenshang@demo.tuoyu.cn');
  rencheng = await signedIn('county.rencheng@demo.tuoyu.cn');
  jining = await signedIn('city.jining@demo.tuoyu.cn');
  opWenshang = await signedIn('operator.wenshang@demo.tuoyu.cn');
  family = await signedIn('family.zhang@demo.tuoyu.cn');
});
afterAll(async () => {
  await stack?.stop();
  await t?.drop();
});

describe('1 · filing numbers and filed status come only from approval', () => {
  const forged = `370811${YEAR}0001`; // the next number of 任城's sequence

  it('a county admin cannot insert a filed institution with a number (its own or another county’s)', async () => {
    for (const filingNo of [forged, `370830${YEAR}0999`]) {
      const { error } = await wenshang.from('institutions').insert({ name: '伪造备案托育园', ownership: 'private', operating_model: 'standalone',
        street_code: ZHONGDU_STREET, status: 'filed', filing_no: filingNo, filed_at: new Date().toISOString() });
      expect(error, filingNo).toMatchObject({ code: '42501', message: expect.stringMatching(/备案/) });
    }
    // the allowed path: a county admin enters a draft institution of its county
    const draft = await wenshang.from('institutions').insert({ name: '县里录入托育园', ownership: 'public', operating_model: 'standalone',
      street_code: ZHONGDU_STREET }).select('id, status, filing_no').single();
    expect(draft.error).toBeNull();
    expect(draft.data).toMatchObject({ status: 'draft', filing_no: null });
  });

  it('a county admin cannot PATCH status filed, a filing number or a filing date', async () => {
    for (const patch of [{ status: 'filed' }, { filing_no: forged }, { filed_at: '2024-01-01T00:00:00Z' },
      { status: 'filed', filing_no: `370830${YEAR}0998`, filed_at: new Date().toISOString() }]) {
      const { error } = await wenshang.from('institutions').update(patch).eq('id', NAN_ZHAN);
      expect(error, JSON.stringify(patch)).toMatchObject({ code: '42501' });
    }
    const aiXin = await wenshang.from('institutions').update({ filing_no: `370830${YEAR}0997` }).eq('id', SEEDED.aiXin);
    expect(aiXin.error).toMatchObject({ code: '42501' });
    const { data } = await wenshang.from('institutions').select('status, filing_no').in('id', [NAN_ZHAN, SEEDED.aiXin]).order('name');
    expect(data).toEqual(expect.arrayContaining([{ status: 'draft', filing_no: null }, { status: 'filed', filing_no: '37083020240001' }]));
    // suspending and reinstating stay the county's (no number involved)
    expect((await wenshang.from('institutions').update({ status: 'suspended', status_reason: '消防通道堵塞' }).eq('id', SEEDED.aiXin)).error).toBeNull();
    expect((await wenshang.from('institutions').update({ status: 'filed' }).eq('id', SEEDED.aiXin)).error).toBeNull();
  });

  it('the next 任城 approval gets its number (the sequence was not poisoned)', async () => {
    const r = await filed({ name: '任城区序号托育园', street: JINCHENG_STREET }, () => rencheng);
    expect(r.filingNo).toMatch(new RegExp(`^370811${YEAR}\\d{4}$`));
  });

  it('a number imported by the service role is skipped by the next approval, not reissued', async () => {
    const { rows } = await t.db.query<{ next: string }>(
      `select $1 || lpad((coalesce(max(right(filing_no, 4)::int), 0) + 1)::text, 4, '0') as next
         from public.filings where filing_no like $1 || '%'`, [`370830${YEAR}`]);
    const next = rows[0]!.next;
    await t.db.query(`insert into public.institutions (name, ownership, operating_model, street_code, status, filing_no, filed_at)
                      values ('迁移导入托育园', 'private', 'standalone', $1, 'filed', $2, now())`, [ZHONGDU_STREET, next]);
    const r = await filed({ name: '汶上县导入后托育园' }, () => wenshang);
    expect(r.filingNo).toMatch(new RegExp(`^370830${YEAR}\\d{4}$`));
    expect(r.filingNo > next).toBe(true);
  });

  it('verify_filing answers only for numbers an approval issued', async () => {
    // a number written outside the workflow (service role / import) is not a certificate
    await t.db.query(`insert into public.institutions (name, ownership, operating_model, street_code, status, filing_no, filed_at)
                      values ('导入的托育园', 'private', 'standalone', $1, 'filed', $2, now())`, [ZHONGDU_STREET, `370830${YEAR}0990`]);
    expect((await anon.rpc('verify_filing', { filing_no: `370830${YEAR}0990` })).data).toEqual([]);
    // an approved number verifies
    const ok = await anon.rpc('verify_filing', { filing_no: '37083020240001' });
    expect(ok.data).toEqual([expect.objectContaining({ institution_name: '汶上县爱心托育中心', status: 'filed' })]);
  });
});

describe('2 · filed fields and class limits', () => {
  it('after approval the operator cannot change name, type, 普惠 or the site; other details stay theirs', async () => {
    for (const patch of [{ name: '改名托育中心' }, { type: 'home_based' }, { affordable: false }, { ownership: 'private' }, { meals_served: false }]) {
      const { error } = await opWenshang.from('institutions').update(patch).eq('id', SEEDED.aiXin);
      expect(error, JSON.stringify(patch)).toMatchObject({ code: '42501', message: expect.stringMatching(/变更备案/) });
    }
    // a 汶上 centre moved to Chongqing on the public map, or to another address
    for (const patch of [{ lat: 29.5573, lng: 106.5771 }, { address: '重庆市渝中区解放碑步行街1号' }]) {
      const { error } = await opWenshang.from('institution_sites').update(patch).eq('institution_id', SEEDED.aiXin);
      expect(error, JSON.stringify(patch)).toMatchObject({ code: '42501', message: expect.stringMatching(/变更备案/) });
    }
    const pub = await anon.from('institutions').select('name, type, affordable, public_lat, public_lng').eq('id', SEEDED.aiXin).single();
    expect(pub.data).toMatchObject({ name: '汶上县爱心托育中心', type: 'center', affordable: true });
    expect(Math.abs(Number(pub.data!.public_lat) - 35.73)).toBeLessThan(0.1);
    // allowed: opening hours, fees, phone, description, the premises note
    expect((await opWenshang.from('institutions').update({ opening_hours: '周一至周五 7:00-18:00', contact_phone: '0537-7211002' })
      .eq('id', SEEDED.aiXin)).error).toBeNull();
    expect((await opWenshang.from('institution_sites').update({ premises_note: '租期至2030年' }).eq('institution_id', SEEDED.aiXin)).error).toBeNull();
    // the county may correct a filed record (not its status or number)
    expect((await wenshang.from('institutions').update({ name: '汶上县爱心托育中心（更正）' }).eq('id', SEEDED.aiXin)).error).toBeNull();
    expect((await wenshang.from('institutions').update({ name: '汶上县爱心托育中心' }).eq('id', SEEDED.aiXin)).error).toBeNull();
  });

  it('a filed home-based point keeps its flat private: no type switch to centre and back', async () => {
    const home = await filed({ name: '汶上县小星星家庭托育点', type: 'home_based', capacity: 5 }, () => wenshang);
    const before = await anon.from('institutions').select('public_address, public_lat').eq('id', home.id).single();
    expect(before.data?.public_address).toBe('中都街道');
    const toCenter = await home.op.from('institutions').update({ type: 'center' }).eq('id', home.id);
    expect(toCenter.error).toMatchObject({ code: '42501' });
    const after = await anon.from('institutions').select('public_address').eq('id', home.id).single();
    expect(after.data?.public_address).toBe('中都街道');
    // and the operator cannot grow it past 5 places
    const more = await home.op.from('classes').insert({ institution_id: home.id, name: '第二班', class_type: 'mixed_age',
      min_age_months: 18, max_age_months: 36, capacity: 18, enrolled: 0, carers: 0 });
    expect(more.error).toMatchObject({ code: '23514', message: '家庭托育点收托总人数不超过5人' });
  });

  it('a type change to home-based is refused while the classes exceed the home-based limits (also for the county)', async () => {
    // 爱心 is a centre with more than 5 places
    const { error } = await wenshang.from('institutions').update({ type: 'home_based' }).eq('id', SEEDED.aiXin);
    expect(error).toMatchObject({ code: '23514', message: expect.stringMatching(/家庭托育点收托总人数不超过5人/) });
    // a draft centre with 23 places cannot become a home point either (the 23-place home point)
    const draft = await register({ name: '汶上县二十三托育园', capacity: 15 });
    expect((await draft.op.from('classes').insert({ institution_id: draft.id, name: '托大班', class_type: 'older_toddler',
      min_age_months: 24, max_age_months: 36, capacity: 8, enrolled: 0, carers: 0 })).error).toBeNull();
    const sw = await draft.op.from('institutions').update({ type: 'home_based' }).eq('id', draft.id);
    expect(sw.error).toMatchObject({ code: '23514', message: expect.stringMatching(/家庭托育点收托总人数不超过5人/) });
    // carers: 1 carer for 10 enrolled is a centre ratio, not a home-based one
    const small = await register({ name: '汶上县配比托育园', capacity: 5 });
    expect((await small.op.from('classes').update({ enrolled: 5, carers: 1 }).eq('institution_id', small.id)).error).toBeNull();
    const ratio = await small.op.from('institutions').update({ type: 'home_based' }).eq('id', small.id);
    expect(ratio.error).toMatchObject({ code: '23514', message: expect.stringMatching(/每名照护人员最多照护3名/) });
    // allowed: a draft that fits becomes a home point
    expect((await small.op.from('classes').update({ carers: 2 }).eq('institution_id', small.id)).error).toBeNull();
    expect((await small.op.from('institutions').update({ type: 'home_based' }).eq('id', small.id)).error).toBeNull();
  });
});

describe('3 · bounded work for anon-callable functions', () => {
  it('add_working_days refuses a huge number of days at once', async () => {
    const { error, status } = await anon.rpc('add_working_days', { start: '2026-01-01', days: 1000000 });
    expect(status).toBe(400);
    expect(error).toMatchObject({ code: '22023', message: expect.stringMatching(/工作日/) });
    const ok = await anon.rpc('add_working_days', { start: '2026-09-30', days: 5 });
    expect(ok.error).toBeNull();
    expect(ok.data).toBe('2026-10-13');
  });

  it('nearby_institutions refuses long filter lists (each would be compared on every row)', async () => {
    for (const args of [{ institution_types: Array(20000).fill('center') }, { service_types: Array(20000).fill('full_day') }]) {
      const { error } = await anon.rpc('nearby_institutions', { lat: 35.73, lng: 116.49, radius_m: 50000, ...args });
      expect(error, Object.keys(args)[0]).toMatchObject({ code: '22023', message: expect.stringMatching(/类型筛选最多 \d 项/) });
    }
    // values that are not types stop at the first one
    const junk = await anon.rpc('nearby_institutions', { lat: 35.73, lng: 116.49, radius_m: 50000, institution_types: ['x', ...Array(20000).fill('center')] });
    expect(junk.error).toMatchObject({ code: '22P02' });
    const ok = await anon.rpc('nearby_institutions', { lat: 35.73, lng: 116.49, radius_m: 5000, institution_types: ['center'], service_types: ['full_day'] });
    expect(ok.error).toBeNull();
    expect((ok.data as { type: string }[]).length).toBeGreaterThan(0);
  });
});

describe('4 · the reviewer’s checklist is the reviewer’s', () => {
  it('an operator inserting a filing with verdicts pre-filled gets an empty checklist; approval needs the reviewer’s', async () => {
    const r = await register({ name: '汶上县预填托育园' });
    const ins = await r.op.from('filings').insert({ institution_id: r.id, kind: 'new', materials: ALL_OK }).select('id, county_code, materials').single();
    expect(ins.error).toBeNull();
    expect(ins.data?.materials).toEqual({});
    const f = await submit(r, { id: ins.data!.id as string, county_code: ins.data!.county_code as string, institution_id: r.id });
    expect((await wenshang.rpc('start_filing_review', { filing_id: f.id })).error).toBeNull();
    const empty = await wenshang.rpc('approve_filing', { filing_id: f.id, checklist: {} });
    expect(empty.error).toMatchObject({ code: '23514', message: expect.stringMatching(/^以下材料尚未审核合格/) });
    expect((await wenshang.rpc('approve_filing', { filing_id: f.id, checklist: ALL_OK })).error).toBeNull();
  });
});

describe('5 · filing documents are uploaded files', () => {
  it('a document row with a made-up path, type or size is refused; the uploaded object is what counts', async () => {
    const r = await register({ name: '汶上县凭空托育园' });
    const f = await draftOf(r);
    const fake = await r.op.from('filing_documents').insert({ filing_id: f.id, material_type: 'fire_safety',
      storage_path: `${f.county_code}/${f.institution_id}/${f.id}/never-uploaded.pdf`, file_name: 'x.pdf', mime_type: 'application/pdf', size_bytes: 1000 });
    expect(fake.error).toMatchObject({ code: '23514', message: expect.stringMatching(/没有找到已上传的文件/) });
    // a real object, declared with another type and size
    const path = `${f.county_code}/${f.institution_id}/${f.id}/real.pdf`;
    expect((await r.op.storage.from('filing-documents').upload(path, PDF('real'), { contentType: 'application/pdf' })).error).toBeNull();
    const lie = await r.op.from('filing_documents').insert({ filing_id: f.id, material_type: 'fire_safety', storage_path: path,
      file_name: 'x.png', mime_type: 'image/png', size_bytes: 20000000 });
    expect(lie.error).toMatchObject({ code: '23514' });
    // submitting without uploads stays refused
    const s = await r.op.rpc('submit_filing', { filing_id: f.id, accept_pledge: true });
    expect(s.error).toMatchObject({ code: '23514', message: expect.stringMatching(/^缺少备案材料/) });
    // the allowed path
    const at = await r.op.rpc('attach_filing_document', { filing_id: f.id, material_type: 'fire_safety', storage_path: path });
    expect(at.error).toBeNull();
    expect(at.data).toMatchObject({ mime_type: 'application/pdf', size_bytes: PDF('real').length });
  });

  it('removing a draft’s object removes its document row', async () => {
    const r = await register({ name: '汶上县删除托育园' });
    const f = await draftOf(r);
    const path = await uploadAndAttach(r.op, f, 'filing_form');
    expect((await r.op.from('filing_documents').select('id').eq('storage_path', path)).data).toHaveLength(1);
    expect((await r.op.storage.from('filing-documents').remove([path])).error).toBeNull();
    expect((await r.op.from('filing_documents').select('id').eq('filing_id', f.id)).data).toEqual([]);
  });
});

describe('7 · approval only with the per-material rule', () => {
  it('a county admin cannot approve by PATCH status=approved without the checklist', async () => {
    const r = await register({ name: '汶上县补丁托育园' });
    const f = await submit(r);
    expect((await wenshang.rpc('start_filing_review', { filing_id: f.id })).error).toBeNull();
    const patch = await wenshang.from('filings').update({ status: 'approved' }).eq('id', f.id);
    expect(patch.error).toMatchObject({ code: '23514', message: expect.stringMatching(/^以下材料尚未审核合格/) });
    const half = await wenshang.from('filings').update({ status: 'approved', materials: { filing_form: { ok: true } } }).eq('id', f.id);
    expect(half.error).toMatchObject({ code: '23514' });
    const inst = await wenshang.from('institutions').select('status, filing_no').eq('id', r.id).single();
    expect(inst.data).toEqual({ status: 'draft', filing_no: null });
    // the whole checklist approves (the same rule as approve_filing)
    const full = await wenshang.from('filings').update({ status: 'approved', materials: ALL_OK }).eq('id', f.id).select('status, filing_no').single();
    expect(full.error).toBeNull();
    expect(full.data?.filing_no).toMatch(new RegExp(`^370830${YEAR}\\d{4}$`));
  });
});

describe('8 · separation of duties', () => {
  it('a county admin who is a member of the institution cannot review its filing', async () => {
    const r = await register({ name: '汶上县回避托育园' });
    // the owner adds the county admin as staff of the institution
    const add = await r.op.from('institution_members').insert({ institution_id: r.id, user_id: demo('county.wenshang@demo.tuoyu.cn').user_id });
    expect(add.error).toBeNull();
    const f = await submit(r);
    const start = await wenshang.rpc('start_filing_review', { filing_id: f.id });
    expect(start.error).toMatchObject({ code: '42501', message: expect.stringMatching(/回避/) });
    const patch = await wenshang.from('filings').update({ status: 'under_review' }).eq('id', f.id);
    expect(patch.error).toMatchObject({ code: '42501', message: expect.stringMatching(/回避/) });
    // once no longer a member, the county reviews as usual
    expect((await r.op.from('institution_members').delete().eq('institution_id', r.id)
      .eq('user_id', demo('county.wenshang@demo.tuoyu.cn').user_id)).error).toBeNull();
    expect((await wenshang.rpc('start_filing_review', { filing_id: f.id })).error).toBeNull();
  });

  it('a county admin who submitted a filing (as a member at the time) cannot approve it', async () => {
    const r = await register({ name: '汶上县自审托育园' });
    const countyId = demo('county.wenshang@demo.tuoyu.cn').user_id;
    expect((await r.op.from('institution_members').insert({ institution_id: r.id, user_id: countyId })).error).toBeNull();
    const f = await draftOf(r);
    for (const m of REQUIRED) await uploadAndAttach(r.op, f, m);
    expect((await wenshang.rpc('submit_filing', { filing_id: f.id, accept_pledge: true })).error).toBeNull();
    expect((await r.op.from('institution_members').delete().eq('institution_id', r.id).eq('user_id', countyId)).error).toBeNull();
    const start = await wenshang.rpc('start_filing_review', { filing_id: f.id });
    expect(start.error).toMatchObject({ code: '42501', message: expect.stringMatching(/回避/) });
  });
});

describe('13 · audit rows of institution members carry the region', () => {
  it('the county and city see who was made owner or staff; another county does not', async () => {
    const r = await register({ name: '汶上县审计托育园' });
    const { id: staffId } = await newUser('审计托育园保育员');
    expect((await r.op.from('institution_members').insert({ institution_id: r.id, user_id: staffId })).error).toBeNull();
    for (const admin of [wenshang, jining]) {
      const { data, error } = await admin.from('audit_log').select('action, region_code, new_data')
        .eq('table_name', 'institution_members').eq('institution_id', r.id).order('id');
      expect(error).toBeNull();
      expect(data).toEqual([
        expect.objectContaining({ action: 'INSERT', region_code: WENSHANG, new_data: expect.objectContaining({ user_id: r.opId, member_role: 'owner' }) }),
        expect.objectContaining({ action: 'INSERT', region_code: WENSHANG, new_data: expect.objectContaining({ user_id: staffId, member_role: 'staff' }) }),
      ]);
    }
    expect((await rencheng.from('audit_log').select('id').eq('table_name', 'institution_members').eq('institution_id', r.id)).data).toEqual([]);
  });
});

describe('14 · trigger errors answer as for a row that does not exist', () => {
  async function sameAnswer(write: (id: string) => PromiseLike<{ error: { code: string; message: string } | null }>, existing: string) {
    const real = (await write(existing)).error;
    const none = (await write(randomUUID())).error;
    expect(real).toBeTruthy();
    expect({ code: real?.code, message: real?.message }).toEqual({ code: none?.code, message: none?.message });
    return real!;
  }

  it('a stranger learns nothing about a filing id (county, institution) from filing_documents', async () => {
    const e = await sameAnswer((id) => family.from('filing_documents').insert({ filing_id: id, material_type: 'other',
      storage_path: 'x/y/z/a.pdf', file_name: 'a.pdf', mime_type: 'application/pdf', size_bytes: 10 }), SEEDED.jinChengUnderReview);
    expect(e.message).not.toContain(RENCHENG);
    expect(e.message).not.toContain(SEEDED.jinCheng);
  });

  it('a stranger learns neither existence nor type of an institution id', async () => {
    await sameAnswer((id) => family.from('classes').insert({ institution_id: id, name: '探测班', class_type: 'mixed_age',
      min_age_months: 18, max_age_months: 36, capacity: 10, enrolled: 0, carers: 0 }), HOME_BASED);
    await sameAnswer((id) => family.from('staff').insert({ institution_id: id, name: '探测', role: 'carer' }), HOME_BASED);
    await sameAnswer((id) => family.from('institution_sites').insert({ institution_id: id, address: '探测路1号', lat: 35.7, lng: 116.5 }), SEEDED.jinCheng);
    await sameAnswer((id) => family.from('filings').insert({ institution_id: id, kind: 'cancel' }), SEEDED.jinCheng);
    // another county's admin probing 汶上's home point the same way
    await sameAnswer((id) => rencheng.from('classes').insert({ institution_id: id, name: '探测班', class_type: 'mixed_age',
      min_age_months: 18, max_age_months: 36, capacity: 10, enrolled: 0, carers: 0 }), HOME_BASED);
  });
});

describe('15 · who created an institution, and a home point’s personal phone', () => {
  it('created_by is readable by nobody through the API; the apps’ reads and writes still work', async () => {
    for (const who of [anon, family, opWenshang, wenshang]) {
      const { error } = await who.from('institutions').select('id, created_by').eq('id', SEEDED.aiXin);
      expect(error).toMatchObject({ code: '42501' });
    }
    const r = await register({ name: '汶上县创建人托育园' });
    expect((await r.op.from('institutions').select('id, name, status').eq('id', r.id).single()).data).toMatchObject({ status: 'draft' });
    const upd = await r.op.from('institutions').update({ opening_hours: '8:00-17:00' }).eq('id', r.id).select('id, opening_hours').single();
    expect(upd.error).toBeNull();
    expect(upd.data?.opening_hours).toBe('8:00-17:00');
  });

  it('a home point’s mobile is masked for anon and whole for signed-in people; a centre’s phone is public', async () => {
    expect((await anon.from('institutions').select('contact_phone').eq('id', HOME_BASED)).error).toMatchObject({ code: '42501' });
    const pub = await anon.from('institutions').select('id, public_contact_phone').in('id', [HOME_BASED, SEEDED.aiXin]);
    expect(pub.error).toBeNull();
    expect(Object.fromEntries(pub.data!.map((r) => [r.id, r.public_contact_phone]))).toEqual({
      [HOME_BASED]: '138****1234', [SEEDED.aiXin]: expect.stringMatching(/^0537-72110\d\d$/) });
    const signed = await family.from('institutions').select('contact_phone, public_contact_phone').eq('id', HOME_BASED).single();
    expect(signed.data).toEqual({ contact_phone: '13805371234', public_contact_phone: '138****1234' });
    void WENSHANG;
  });
});
