/**
 * The whole filing story through the real supabase-js against startLocalSupabase (REST, auth and
 * storage over HTTP): an operator registers an institution, uploads every material to the private
 * `filing-documents` bucket, submits; the 汶上 county admin returns it with a reason; the operator
 * corrects and resubmits; the county approves; anon verifies the filing number and finds the
 * institution nearby. Forbidden paths on the way: another county, another operator, the operator
 * approving, missing materials, wrong file type, oversize file, double submission.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { startLocalSupabase, type LocalSupabase } from '@tuoyu/local-supabase';
import { createTestDatabase, REPO_ROOT, type TestDatabase } from '@tuoyu/local-supabase/testing.ts';
import { MATERIAL_MAX_BYTES, materialStoragePath, requiredMaterials, type MaterialType } from '../../../packages/domain/src/filings/index.ts';
import { ALL_OK, RENCHENG, SEEDED, WENSHANG, ZHONGDU_STREET, demo } from './support.ts';

let t: TestDatabase;
let stack: LocalSupabase;
let anon: SupabaseClient;
let operator: SupabaseClient;
let county: SupabaseClient;
let otherCounty: SupabaseClient;
let otherOperator: SupabaseClient;

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

const PDF = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);
const SITE = { lat: 35.7301, lng: 116.4902 };

beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
  stack = await startLocalSupabase({ workdir: REPO_ROOT, db: t.db, port: 0, seed: 'never', log: false, auth: { bcryptCost: 4 } });
  anon = client();
  operator = client();
  const signUp = await operator.auth.signUp({ email: `story-${randomUUID().slice(0, 8)}@filing.test`, password: 'Story-pass-2026',
    options: { data: { display_name: '故事托育园 林园长' } } });
  if (signUp.error) throw signUp.error;
  county = await signedIn('county.wenshang@demo.tuoyu.cn');
  otherCounty = await signedIn('county.rencheng@demo.tuoyu.cn');
  otherOperator = await signedIn('operator.rencheng@demo.tuoyu.cn');
});
afterAll(async () => {
  await stack?.stop();
  await t?.drop();
});

describe('备案 end to end through supabase-js', () => {
  let institutionId = '';
  let filing = { id: '', county_code: '', institution_id: '' };
  const paths: Partial<Record<MaterialType, string>> = {};

  async function upload(who: SupabaseClient, material: MaterialType, body: Buffer, contentType: string, mimeType: 'application/pdf' | 'image/png' = 'application/pdf') {
    const path = materialStoragePath({ countyCode: filing.county_code, institutionId: filing.institution_id, filingId: filing.id,
      materialType: material, mimeType, unique: randomUUID().slice(0, 8) });
    const res = await who.storage.from('filing-documents').upload(path, body, { contentType });
    return { path, ...res };
  }

  async function uploadAndAttach(material: MaterialType, fileName: string) {
    const up = await upload(operator, material, PDF(material), 'application/pdf');
    expect(up.error, material).toBeNull();
    const { data, error } = await operator.rpc('attach_filing_document',
      { filing_id: filing.id, material_type: material, storage_path: up.path, file_name: fileName });
    expect(error, material).toBeNull();
    expect(data).toMatchObject({ material_type: material, mime_type: 'application/pdf', file_name: fileName });
    paths[material] = up.path;
  }

  it('the operator registers the institution and opens one draft, even on a double click', async () => {
    const inst = await operator.from('institutions').insert({
      name: '汶上县故事托育园', type: 'center', ownership: 'private', operating_model: 'community',
      street_code: ZHONGDU_STREET, services: ['full_day', 'half_day'], meals_served: false,
    }).select('id, county_code, status').single();
    expect(inst.error).toBeNull();
    // 普惠 is the county's designation, not a box the operator ticks
    const ticked = await operator.from('institutions').insert({
      name: '汶上县自称普惠托育园', type: 'center', ownership: 'private', operating_model: 'community',
      street_code: ZHONGDU_STREET, affordable: true, services: ['full_day'],
    });
    expect(ticked.error?.code).toBe('42501');
    expect(ticked.error?.message).toContain('由县级卫健部门认定');
    expect(inst.data).toMatchObject({ county_code: WENSHANG, status: 'draft' });
    institutionId = inst.data!.id as string;
    expect((await operator.from('institution_sites').insert({ institution_id: institutionId, address: '汶上县中都街道故事路8号', ...SITE })).error).toBeNull();
    expect((await operator.from('classes').insert({ institution_id: institutionId, name: '托小一班', class_type: 'toddler',
      min_age_months: 12, max_age_months: 24, capacity: 15, enrolled: 10, carers: 2 })).error).toBeNull();

    const [a, b] = await Promise.all([
      operator.rpc('create_filing_draft', { institution_id: institutionId, kind: 'new' }),
      operator.rpc('create_filing_draft', { institution_id: institutionId, kind: 'new' }),
    ]);
    expect(a.error).toBeNull();
    expect(b.error).toBeNull();
    expect(a.data.id).toBe(b.data.id);
    filing = { id: a.data.id as string, county_code: a.data.county_code as string, institution_id: institutionId };
    expect(filing.county_code).toBe(WENSHANG);
    expect((await operator.from('filings').update({ form: { legal_representative: '林芳', total_slots: 15 } }).eq('id', filing.id)).error).toBeNull();
  });

  it('refuses submitting without materials (Chinese message, still a draft)', async () => {
    const { error, status } = await operator.rpc('submit_filing', { filing_id: filing.id, accept_pledge: true });
    expect(status).toBe(400);
    expect(error).toMatchObject({ code: '23514', message: expect.stringMatching(/^缺少备案材料：备案表、营业执照或法人证书/) });
    const { data } = await operator.from('filings').select('status, pledge_accepted').eq('id', filing.id).single();
    expect(data).toEqual({ status: 'draft', pledge_accepted: false });
  });

  it('the bucket refuses wrong file types, oversize files and other institutions’ folders', async () => {
    const wrongType = await upload(operator, 'filing_form', Buffer.from('plain text'), 'text/plain');
    expect(wrongType.error).toBeTruthy();
    expect(wrongType.error).toMatchObject({ statusCode: '415' });
    const tooBig = await upload(operator, 'filing_form', Buffer.alloc(MATERIAL_MAX_BYTES + 1, 1), 'application/pdf');
    expect(tooBig.error).toBeTruthy();
    expect(tooBig.error).toMatchObject({ statusCode: '413' });
    // into 金城 (任城)'s under-review filing folder
    const intrude = await operator.storage.from('filing-documents').upload(
      `${RENCHENG}/${SEEDED.jinCheng}/${SEEDED.jinChengUnderReview}/evil.pdf`, PDF('evil'), { contentType: 'application/pdf' });
    expect(intrude.error).toBeTruthy();
    // a made-up folder for the right institution but another county code
    const wrongCounty = await operator.storage.from('filing-documents').upload(
      `${RENCHENG}/${institutionId}/${filing.id}/x.pdf`, PDF('x'), { contentType: 'application/pdf' });
    expect(wrongCounty.error).toBeTruthy();
    const { data } = await operator.from('filing_documents').select('id').eq('filing_id', filing.id);
    expect(data).toEqual([]);
  });

  it('the operator uploads every required material; only the operator and the 汶上 county can read them', async () => {
    const required = requiredMaterials('new', false);
    for (const m of required) await uploadAndAttach(m, `${m}.pdf`);
    const listed = await operator.storage.from('filing-documents').list(`${WENSHANG}/${institutionId}/${filing.id}`);
    expect(listed.data?.length).toBe(required.length);

    const mine = await operator.storage.from('filing-documents').download(paths.business_licence!);
    expect(Buffer.from(await mine.data!.arrayBuffer()).toString()).toContain('business_licence');
    const reviewer = await county.storage.from('filing-documents').download(paths.business_licence!);
    expect(reviewer.error).toBeNull();
    expect(Buffer.from(await reviewer.data!.arrayBuffer()).toString()).toContain('business_licence');
    const signed = await county.storage.from('filing-documents').createSignedUrl(paths.fire_safety!, 60);
    expect(signed.error).toBeNull();

    for (const stranger of [otherOperator, otherCounty, anon]) {
      expect((await stranger.storage.from('filing-documents').download(paths.business_licence!)).error).toBeTruthy();
      expect((await stranger.storage.from('filing-documents').createSignedUrl(paths.business_licence!, 60)).error).toBeTruthy();
    }
    expect((await otherOperator.from('filing_documents').select('id').eq('filing_id', filing.id)).data).toEqual([]);
    expect((await otherCounty.from('filing_documents').select('id').eq('filing_id', filing.id)).data).toEqual([]);
    // and this operator cannot read 金城's documents either
    expect((await operator.from('filing_documents').select('id').eq('institution_id', SEEDED.jinCheng)).data).toEqual([]);
    const jinChengDoc = (await otherOperator.from('filing_documents').select('storage_path').eq('filing_id', SEEDED.jinChengUnderReview).limit(1).single()).data!;
    expect((await operator.storage.from('filing-documents').download(jinChengDoc.storage_path as string)).error).toBeTruthy();
  });

  it('submits with the pledge; a double click is harmless', async () => {
    const [a, b] = await Promise.all([
      operator.rpc('submit_filing', { filing_id: filing.id, accept_pledge: true }),
      operator.rpc('submit_filing', { filing_id: filing.id, accept_pledge: true }),
    ]);
    expect(a.error).toBeNull();
    expect(b.error).toBeNull();
    expect(a.data).toMatchObject({ status: 'submitted', pledge_accepted: true });
    expect(b.data.submitted_at).toBe(a.data.submitted_at);
    // materials are frozen while the county reviews
    const late = await upload(operator, 'other', PDF('late'), 'application/pdf');
    expect(late.error).toBeTruthy();
  });

  it('another county sees nothing and cannot act; the operator cannot review', async () => {
    expect((await otherCounty.from('filing_review_queue').select('id').eq('id', filing.id)).data).toEqual([]);
    expect((await otherCounty.from('filings').select('id').eq('id', filing.id)).data).toEqual([]);
    const act = await otherCounty.rpc('start_filing_review', { filing_id: filing.id });
    expect(act.status).toBe(403);
    expect(act.error).toMatchObject({ code: '42501', message: '备案不存在或无权查看' });
    const self = await operator.rpc('start_filing_review', { filing_id: filing.id });
    expect(self.status).toBe(403);
    expect(self.error?.message).toMatch(/只有属地县级卫健部门可以审核备案/);
  });

  it('the 汶上 county finds it in the queue with 5 working days left, starts the review and returns it with a reason', async () => {
    const queue = await county.from('filing_review_queue')
      .select('id, institution_name, kind, status, working_days_left, overdue, deadline_on')
      .in('status', ['submitted', 'under_review']).ilike('institution_name', '%故事%').order('deadline_on');
    expect(queue.error).toBeNull();
    expect(queue.data).toEqual([expect.objectContaining({ id: filing.id, institution_name: '汶上县故事托育园', kind: 'new',
      status: 'submitted', working_days_left: 5, overdue: false })]);
    const started = await county.rpc('start_filing_review', { filing_id: filing.id });
    expect(started.data).toMatchObject({ status: 'under_review' });
    const returned = await county.rpc('return_filing', { filing_id: filing.id, reasons: '场所证明照片模糊，请上传清晰的租赁合同',
      checklist: { ...ALL_OK, premises_proof: { ok: false, note: '照片模糊' } } });
    expect(returned.error).toBeNull();
    expect(returned.data).toMatchObject({ status: 'returned' });
  });

  it('the operator sees the reason and the history, corrects the material and resubmits', async () => {
    const { data } = await operator.from('filings').select('status, decision_reasons, materials').eq('id', filing.id).single();
    expect(data).toMatchObject({ status: 'returned', decision_reasons: '场所证明照片模糊，请上传清晰的租赁合同',
      materials: { premises_proof: { ok: false, note: '照片模糊' } } });
    const history = await operator.from('filing_events').select('from_status, to_status, actor_kind, reasons')
      .eq('filing_id', filing.id).order('occurred_at').order('id');
    expect(history.data).toEqual([
      { from_status: null, to_status: 'draft', actor_kind: 'operator', reasons: null },
      { from_status: 'draft', to_status: 'submitted', actor_kind: 'operator', reasons: null },
      { from_status: 'submitted', to_status: 'under_review', actor_kind: 'reviewer', reasons: null },
      { from_status: 'under_review', to_status: 'returned', actor_kind: 'reviewer', reasons: '场所证明照片模糊，请上传清晰的租赁合同' },
    ]);
    const old = paths.premises_proof!;
    await uploadAndAttach('premises_proof', '租赁合同（清晰）.pdf');
    const doc = (await operator.from('filing_documents').select('id').eq('storage_path', old).single()).data!;
    expect((await operator.from('filing_documents').delete().eq('id', doc.id)).error).toBeNull();
    expect((await operator.storage.from('filing-documents').remove([old])).error).toBeNull();
    const resubmitted = await operator.rpc('submit_filing', { filing_id: filing.id });
    expect(resubmitted.error).toBeNull();
    expect(resubmitted.data).toMatchObject({ status: 'submitted', decision_reasons: null });
  });

  it('the operator cannot approve; the county approves and the institution is filed with a number', async () => {
    const self = await operator.rpc('approve_filing', { filing_id: filing.id, checklist: ALL_OK });
    expect(self.status).toBe(403);
    expect(self.error?.code).toBe('42501');
    expect((await county.rpc('start_filing_review', { filing_id: filing.id })).error).toBeNull();
    const approved = await county.rpc('approve_filing', { filing_id: filing.id, checklist: ALL_OK });
    expect(approved.error).toBeNull();
    const filingNo = approved.data.filing_no as string;
    expect(filingNo).toMatch(new RegExp(`^370830${new Date().getUTCFullYear()}\\d{4}$`));
    const inst = await operator.from('institutions').select('status, filing_no').eq('id', institutionId).single();
    expect(inst.data).toEqual({ status: 'filed', filing_no: filingNo });
    // the county designates it 普惠 with a date and a basis; the operator cannot
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const byOperator = await operator.rpc('designate_affordable', { institution_id: institutionId, affordable: true, designated_on: today, basis: '自行认定' });
    expect(byOperator.error?.message).toContain('机构不存在');
    const designated = await county.rpc('designate_affordable', { institution_id: institutionId, affordable: true, designated_on: today, basis: '汶卫发〔2026〕8号' });
    expect(designated.error).toBeNull();
    expect(designated.data).toMatchObject({ affordable: true, basis: '汶卫发〔2026〕8号' });
  });

  it('anon verifies the certificate number and finds the institution nearby with its distance', async () => {
    const { data: inst } = await anon.from('institutions').select('id, name, filing_no, public_lat, public_lng').eq('id', institutionId).single();
    const filingNo = inst!.filing_no as string;
    const verified = await anon.rpc('verify_filing', { filing_no: filingNo });
    expect(verified.error).toBeNull();
    expect(verified.data).toEqual([{ institution_name: '汶上县故事托育园', institution_type: 'center', county_code: WENSHANG,
      county_name: '汶上县', filing_no: filingNo, status: 'filed', status_label: '已备案', filed_on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), affordable: true }]);
    expect((await anon.rpc('verify_filing', { filing_no: '37083020990001' })).data).toEqual([]);

    const from = { lat: 35.735, lng: 116.495 };
    const nearby = await anon.rpc('nearby_institutions', { lat: from.lat, lng: from.lng, radius_m: 2000, affordable_only: true });
    expect(nearby.error).toBeNull();
    const hit = (nearby.data as { id: string; filing_no: string; distance_m: number; capacity: number }[]).find((r) => r.id === institutionId);
    expect(hit).toMatchObject({ filing_no: filingNo, capacity: 15 });
    const R = 6378168; // earthdistance's earth() radius
    const rad = (d: number) => (d * Math.PI) / 180;
    const h = Math.sin(rad(SITE.lat - from.lat) / 2) ** 2 + Math.cos(rad(from.lat)) * Math.cos(rad(SITE.lat)) * Math.sin(rad(SITE.lng - from.lng) / 2) ** 2;
    const expected = 2 * R * Math.asin(Math.sqrt(h));
    expect(Math.abs(hit!.distance_m - expected)).toBeLessThan(1);
    // out of range → not listed
    const far = await anon.rpc('nearby_institutions', { lat: 35.41, lng: 116.58, radius_m: 1000 });
    expect((far.data as { id: string }[]).some((r) => r.id === institutionId)).toBe(false);
  });

  it('a change filing whose classes break the class rules is refused at submit (PostgREST error, still a draft)', async () => {
    const draft = await operator.rpc('create_filing_draft', { institution_id: institutionId, kind: 'change' });
    expect(draft.error).toBeNull();
    filing = { id: draft.data.id as string, county_code: draft.data.county_code as string, institution_id: institutionId };
    const classId = (await operator.from('classes').select('id').eq('institution_id', institutionId).single()).data!.id as string;
    const kept = { id: classId, name: '托小一班', class_type: 'toddler', min_age_months: 12, max_age_months: 24, capacity: 15 };
    const proposal = { classes: [kept, { name: '托小二班', class_type: 'toddler', min_age_months: 12, max_age_months: 24, capacity: 18 }] };
    expect((await operator.from('filings').update({ changes: proposal }).eq('id', filing.id)).error).toBeNull();
    for (const m of requiredMaterials('change', false)) await uploadAndAttach(m, `${m}.pdf`);
    const refused = await operator.rpc('submit_filing', { filing_id: filing.id, accept_pledge: true });
    expect(refused.status).toBe(400);
    expect(refused.error).toMatchObject({ code: '23514', message: '托小班每班不超过15人', hint: '班级：托小二班' });
    // nothing written, the pledge of the refused submit included
    const still = await operator.from('filings').select('status, submitted_at, pledge_accepted').eq('id', filing.id).single();
    expect(still.data).toEqual({ status: 'draft', submitted_at: null, pledge_accepted: false });
    // corrected, it goes through
    const fits = { classes: [kept, { ...proposal.classes[1], capacity: 12 }] };
    expect((await operator.from('filings').update({ changes: fits }).eq('id', filing.id)).error).toBeNull();
    const submitted = await operator.rpc('submit_filing', { filing_id: filing.id, accept_pledge: true });
    expect(submitted.error).toBeNull();
    expect(submitted.data).toMatchObject({ status: 'submitted' });
  });

  it('the 汶上 street is not 任城: a 任城 operator files with 任城, unseen by 汶上', async () => {
    // sanity for the county split the story relies on
    const other = await otherOperator.from('institutions').select('county_code').eq('id', SEEDED.jinCheng).single();
    expect(other.data?.county_code).toBe(RENCHENG);
    expect((await county.from('filing_review_queue').select('id').eq('county_code', RENCHENG)).data).toEqual([]);
  });
});
