/**
 * Institution photos over HTTP (issue 16), through the real supabase-js against startLocalSupabase:
 * 爱心's operator uploads a photo; anon lists it and downloads it from the public URL; another
 * operator, a family and anon cannot upload into 爱心's folder; the bucket refuses a PDF and a file
 * over 2 MB; the region centre the mini-program's picker searches from.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { startLocalSupabase, type LocalSupabase } from '@tuoyu/local-supabase';
import { createTestDatabase, REPO_ROOT, type TestDatabase } from '@tuoyu/local-supabase/testing.ts';
import { INSTITUTION_PHOTO_MAX_BYTES, institutionPhotoPath } from '../../../packages/domain/src/institutions.ts';
import { demo } from '../filings/support.ts';
import { I } from '../../support/fixtures.ts';

let t: TestDatabase;
let stack: LocalSupabase;
let anon: SupabaseClient;

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

/** The smallest valid PNG (1×1). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const BUCKET = 'institution-photos';

beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
  stack = await startLocalSupabase({ workdir: REPO_ROOT, db: t.db, port: 0, seed: 'never', log: false, auth: { bcryptCost: 4 } });
  anon = client();
});
afterAll(async () => {
  await stack?.stop();
  await t?.drop();
});

describe('institution photos through supabase-js', () => {
  it('the operator uploads; anyone lists and downloads the photo of the filed 爱心', async () => {
    const operator = await signedIn('operator.wenshang@demo.tuoyu.cn');
    const path = institutionPhotoPath(I.aiXin, 'image/png', 'front');
    const up = await operator.storage.from(BUCKET).upload(path, PNG, { contentType: 'image/png' });
    expect(up.error).toBeNull();

    const listed = await anon.storage.from(BUCKET).list(I.aiXin);
    expect(listed.error).toBeNull();
    expect((listed.data ?? []).map((f) => f.name)).toContain('front.png');
    const url = anon.storage.from(BUCKET).getPublicUrl(path).data.publicUrl;
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('refuses uploads into 爱心’s folder from another operator, a family and anon', async () => {
    for (const who of [await signedIn('operator.rencheng@demo.tuoyu.cn'), await signedIn('family.zhang@demo.tuoyu.cn'), anon]) {
      const up = await who.storage.from(BUCKET).upload(institutionPhotoPath(I.aiXin, 'image/png', 'forged'), PNG, { contentType: 'image/png' });
      expect(up.error).not.toBeNull();
    }
    const listed = await anon.storage.from(BUCKET).list(I.aiXin);
    expect((listed.data ?? []).map((f) => f.name)).not.toContain('forged.png');
  });

  it('the bucket refuses a PDF and a photo over 2 MB, even from the operator', async () => {
    const operator = await signedIn('operator.wenshang@demo.tuoyu.cn');
    const pdf = await operator.storage.from(BUCKET).upload(`${I.aiXin}/menu.pdf`, Buffer.from('%PDF-1.4\n%%EOF\n'), { contentType: 'application/pdf' });
    expect(pdf.error).not.toBeNull();
    const big = await operator.storage.from(BUCKET).upload(`${I.aiXin}/big.jpg`, Buffer.alloc(INSTITUTION_PHOTO_MAX_BYTES + 1, 1), { contentType: 'image/jpeg' });
    expect(big.error).not.toBeNull();
  });
});

describe('region_centre (the region picker’s point)', () => {
  it('answers a county’s stored seat, a street’s filed institutions, and falls back to the county', async () => {
    const county = await anon.rpc('region_centre', { region_code: '370830000000' });
    expect(county.error).toBeNull();
    expect(county.data?.[0]).toMatchObject({ source: 'region' });
    expect(Number(county.data?.[0]?.lat)).toBeCloseTo(35.7296, 3);

    const street = await anon.rpc('region_centre', { region_code: '370830001000' }); // 中都街道: 爱心 is filed there
    expect(street.data?.[0]?.source).toBe('institutions');
    expect(Math.abs(Number(street.data?.[0]?.lat) - 35.73)).toBeLessThan(0.1);

    const empty = await anon.rpc('region_centre', { region_code: '370830108000' }); // 义桥镇: no filed institution in the demo data
    expect(['institutions', 'parent']).toContain(empty.data?.[0]?.source);
    expect(empty.data?.[0]?.lat).not.toBeNull();
  });
});
