/**
 * Content authoring through the API the admin screens use (supabase-js against the local stack):
 * images in `content-images` (type, size and region folder), campaigns with a banner, articles with
 * images and sanitised text — allowed for the admins of the region, refused for others.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { startLocalSupabase, type LocalSupabase } from '@tuoyu/local-supabase';
import { createTestDatabase, REPO_ROOT, type TestDatabase } from '@tuoyu/local-supabase/testing.ts';
import { demo } from '../filings/support.ts';

let t: TestDatabase;
let stack: LocalSupabase;
let wenshang: SupabaseClient;
let community: SupabaseClient;
let family: SupabaseClient;

// the smallest valid PNG (1×1)
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function signedIn(email: string): Promise<SupabaseClient> {
  const c = createClient(stack.url, stack.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket },
  });
  const { error } = await c.auth.signInWithPassword({ email, password: demo(email).password });
  if (error) throw error;
  return c;
}

beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
  stack = await startLocalSupabase({ workdir: REPO_ROOT, db: t.db, port: 0, seed: 'never', log: false, auth: { bcryptCost: 4 } });
  wenshang = await signedIn('county.wenshang@demo.tuoyu.cn');
  community = await signedIn('community.zhongdu@demo.tuoyu.cn');
  family = await signedIn('family.zhang@demo.tuoyu.cn');
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  await t?.drop();
});

describe('content images: type, size and the author’s region folder', () => {
  it('the 汶上 admin uploads a PNG under 汶上; anyone reads it', async () => {
    const path = `370830000000/${randomUUID()}.png`;
    expect((await wenshang.storage.from('content-images').upload(path, PNG, { contentType: 'image/png' })).error).toBeNull();
    const res = await fetch(wenshang.storage.from('content-images').getPublicUrl(path).data.publicUrl);
    expect(res.status).toBe(200);
  });
  it('refused: a PDF, an image over 2 MB, another county’s folder, a family', async () => {
    const pdf = await wenshang.storage.from('content-images').upload(`370830000000/${randomUUID()}.pdf`, Buffer.from('%PDF-1.4\n%%EOF\n'), { contentType: 'application/pdf' });
    expect(pdf.error).not.toBeNull();
    const big = await wenshang.storage.from('content-images').upload(`370830000000/${randomUUID()}.png`, Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]), { contentType: 'image/png' });
    expect(big.error).not.toBeNull();
    const other = await wenshang.storage.from('content-images').upload(`370811000000/${randomUUID()}.png`, PNG, { contentType: 'image/png' });
    expect(other.error).not.toBeNull();
    const fam = await family.storage.from('content-images').upload(`370830000000/${randomUUID()}.png`, PNG, { contentType: 'image/png' });
    expect(fam.error).not.toBeNull();
  });
});

describe('campaigns and articles as the admin screens write them', () => {
  it('the 汶上 admin saves a campaign with a banner and edits it; the community worker and a family may not', async () => {
    const banner = `370830000000/${randomUUID()}.png`;
    await wenshang.storage.from('content-images').upload(banner, PNG, { contentType: 'image/png' });
    const row = { name: '汶上县托育宣传周', theme: '普惠托育', year: 2026, starts_on: '2026-05-15', ends_on: '2026-05-22', region_code: '370830000000',
      description: '<script>alert(1)</script>走进<b>托育机构</b>', banner_path: banner };
    const created = await wenshang.from('campaigns').insert(row).select('*').single();
    expect(created.error).toBeNull();
    expect(created.data).toMatchObject({ banner_path: banner, description: '走进托育机构' });
    const edited = await wenshang.from('campaigns').update({ theme: '科学育儿' }).eq('id', created.data!.id).select('theme').single();
    expect(edited.data).toEqual({ theme: '科学育儿' });
    for (const c of [community, family]) {
      const refused = await c.from('campaigns').insert(row);
      expect(refused.error?.code).toBe('42501');
      const untouched = await c.from('campaigns').update({ theme: '改' }).eq('id', created.data!.id).select('id');
      expect(untouched.data).toEqual([]);
    }
  });
  it('articles: age band, topic, cover and images; HTML is stored as plain text; families may not write', async () => {
    const created = await wenshang.from('articles').insert({ title: '<i>夜醒</i>怎么办', topic: 'sleep', min_age_months: 6, max_age_months: 18,
      body: '<p onclick="x()">规律作息</p><img src=x onerror=alert(1)>', cover_path: '370830000000/cover.png', image_paths: ['370830000000/a.png'],
      region_code: '370830000000', published_at: new Date().toISOString() }).select('title, body, image_paths').single();
    expect(created.error).toBeNull();
    expect(created.data).toEqual({ title: '夜醒怎么办', body: '规律作息', image_paths: ['370830000000/a.png'] });
    const refused = await family.from('articles').insert({ title: '家长文章', topic: 'sleep', region_code: '370830000000' });
    expect(refused.error?.code).toBe('42501');
    // image paths are storage keys: no quotes, spaces or URLs
    const bad = await wenshang.from('articles').insert({ title: '坏路径', topic: 'sleep', region_code: '370830000000', image_paths: ['370830000000/a.png', 'https://example.com/a.png'] });
    expect(bad.error?.code).toBe('23514');
    const badCover = await wenshang.from('articles').insert({ title: '坏封面', topic: 'sleep', region_code: '370830000000', cover_path: 'javascript:alert(1)' });
    expect(badCover.error?.code).toBe('23514');
  });
});
