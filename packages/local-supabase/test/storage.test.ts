import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';

let stack: TestStack;
let alice: SupabaseClient;
let bob: SupabaseClient;
let aliceId: string;
let bobId: string;
let admin: SupabaseClient;

async function signedIn(): Promise<{ client: SupabaseClient; id: string }> {
  const client = stack.client();
  const { data, error } = await client.auth.signUp({ email: uniqueEmail('storage'), password: 'secret-123' });
  if (error) throw error;
  return { client, id: data.user!.id };
}

beforeAll(async () => {
  stack = await startTestStack({ auth: { bcryptCost: 4 } });
  admin = stack.client(stack.serviceRoleKey);
  // Policies as a Supabase project writes them: each user owns the folder named after their id.
  await stack.db.exec(`
    create policy avatars_select_own on storage.objects for select to authenticated
      using (bucket_id = 'avatars' and (storage.foldername(name))[1] = (select auth.uid())::text);
    create policy avatars_insert_own on storage.objects for insert to authenticated
      with check (bucket_id = 'avatars' and (storage.foldername(name))[1] = (select auth.uid())::text and owner = (select auth.uid()));
    create policy avatars_update_own on storage.objects for update to authenticated
      using (bucket_id = 'avatars' and owner = (select auth.uid()));
    create policy avatars_delete_own on storage.objects for delete to authenticated
      using (bucket_id = 'avatars' and owner = (select auth.uid()));
    create policy limited_all on storage.objects for all to authenticated
      using (bucket_id = 'limited') with check (bucket_id = 'limited');
  `);
  ({ client: alice, id: aliceId } = await signedIn());
  ({ client: bob, id: bobId } = await signedIn());
  expect((await admin.storage.createBucket('avatars', { public: false })).error).toBeNull();
  expect((await admin.storage.createBucket('public-docs', { public: true })).error).toBeNull();
  expect((await admin.storage.createBucket('limited', { public: false, fileSizeLimit: 1024, allowedMimeTypes: ['image/png', 'text/*'] })).error).toBeNull();
});
afterAll(async () => {
  await stack?.close();
});

describe('storage /storage/v1 through supabase-js', () => {
  it('manages buckets with the service role; users cannot create buckets without a policy', async () => {
    const { data } = await admin.storage.listBuckets();
    expect(data?.map((b) => b.id).sort()).toEqual(['avatars', 'limited', 'public-docs']);
    const bucket = await admin.storage.getBucket('limited');
    expect(bucket.data).toMatchObject({ id: 'limited', public: false, file_size_limit: 1024, allowed_mime_types: ['image/png', 'text/*'] });
    const denied = await alice.storage.createBucket('mine');
    expect(denied.error).toBeTruthy();
    expect((denied.error as unknown as { status: number }).status).toBe(403);
    expect((await alice.storage.listBuckets()).data).toEqual([]);
    expect((await admin.storage.createBucket('temp')).error).toBeNull();
    expect((await admin.storage.updateBucket('temp', { public: true })).error).toBeNull();
    expect((await admin.storage.getBucket('temp')).data?.public).toBe(true);
    expect((await admin.storage.createBucket('temp')).error).toBeTruthy();
    expect((await admin.storage.deleteBucket('temp')).error).toBeNull();
    expect((await admin.storage.getBucket('temp')).error).toBeTruthy();
  });

  it('a plain upload needs only an INSERT policy (write-only drop box for anon), as on Supabase', async () => {
    await stack.db.exec(`create policy dropbox_insert_anyone on storage.objects for insert to anon, authenticated
      with check (bucket_id = 'dropbox' and name like 'pending/%')`);
    expect((await admin.storage.createBucket('dropbox', { public: false })).error).toBeNull();
    const anon = stack.client();
    const up = await anon.storage.from('dropbox').upload('pending/scene.txt', Buffer.from('现场'), { contentType: 'text/plain' });
    expect(up.error).toBeNull();
    expect(up.data?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await anon.storage.from('dropbox').download('pending/scene.txt')).error).toBeTruthy();
    expect((await anon.storage.from('dropbox').upload('elsewhere/x.txt', Buffer.from('x'), { contentType: 'text/plain' })).error).toBeTruthy();
    // upsert still needs SELECT (and UPDATE) as on Supabase
    expect((await anon.storage.from('dropbox').upload('pending/scene.txt', Buffer.from('y'), { contentType: 'text/plain', upsert: true })).error).toBeTruthy();
    await admin.storage.from('dropbox').remove(['pending/scene.txt']);
    expect((await admin.storage.deleteBucket('dropbox')).error).toBeNull();
  });

  it('lets RLS decide uploads and downloads per user', async () => {
    const mine = `${aliceId}/avatar.txt`;
    const up = await alice.storage.from('avatars').upload(mine, Buffer.from('alice的头像'), { contentType: 'text/plain' });
    expect(up.error).toBeNull();
    expect(up.data?.path).toBe(mine);
    const row = await stack.db.query<{ owner: string }>(`select owner::text from storage.objects where bucket_id = 'avatars' and name = $1`, [mine]);
    expect(row.rows[0]?.owner).toBe(aliceId);

    // Bob may not write into Alice's folder, nor read her file.
    const intrude = await bob.storage.from('avatars').upload(`${aliceId}/evil.txt`, Buffer.from('x'), { contentType: 'text/plain' });
    expect((intrude.error as unknown as { status: number }).status).toBe(403);
    const peek = await bob.storage.from('avatars').download(mine);
    expect(peek.error).toBeTruthy();
    // Anon neither.
    expect((await stack.client().storage.from('avatars').download(mine)).error).toBeTruthy();

    const got = await alice.storage.from('avatars').download(mine);
    expect(got.error).toBeNull();
    expect(await got.data!.text()).toBe('alice的头像');

    // Duplicate without upsert → 409; with upsert → replaced.
    const dup = await alice.storage.from('avatars').upload(mine, Buffer.from('v2'), { contentType: 'text/plain' });
    expect((dup.error as unknown as { status: number }).status).toBe(409);
    expect((await alice.storage.from('avatars').upload(mine, Buffer.from('v2'), { contentType: 'text/plain', upsert: true })).error).toBeNull();
    expect(await (await alice.storage.from('avatars').download(mine)).data!.text()).toBe('v2');
    expect((await alice.storage.from('avatars').update(mine, Buffer.from('v3'), { contentType: 'text/plain' })).error).toBeNull();
    expect(await (await alice.storage.from('avatars').download(mine)).data!.text()).toBe('v3');

    // Multipart (Blob) uploads work too.
    const blobPath = `${bobId}/note.txt`;
    expect((await bob.storage.from('avatars').upload(blobPath, new Blob(['bob'], { type: 'text/plain' }))).error).toBeNull();
    expect(await (await bob.storage.from('avatars').download(blobPath)).data!.text()).toBe('bob');
    const auth = await fetch(`${stack.url}/storage/v1/object/authenticated/avatars/${blobPath}`, {
      headers: { apikey: stack.anonKey, authorization: `Bearer ${(await bob.auth.getSession()).data.session!.access_token}` },
    });
    expect(auth.status).toBe(200);
    expect(auth.headers.get('content-type')).toBe('text/plain');
  });

  it('lists a folder with prefix/limit/offset/sort/search, only what RLS shows', async () => {
    const files = ['b.txt', 'a.txt', 'c.txt', 'sub/d.txt'];
    for (const f of files) {
      expect((await alice.storage.from('avatars').upload(`${aliceId}/list/${f}`, Buffer.from(f), { contentType: 'text/plain' })).error).toBeNull();
    }
    const all = await alice.storage.from('avatars').list(`${aliceId}/list`);
    expect(all.error).toBeNull();
    expect(all.data!.map((o) => o.name)).toEqual(['a.txt', 'b.txt', 'c.txt', 'sub']);
    expect(all.data!.find((o) => o.name === 'sub')?.id).toBeNull();
    const page = await alice.storage.from('avatars').list(`${aliceId}/list`, { limit: 2, offset: 1, sortBy: { column: 'name', order: 'desc' } });
    expect(page.data!.map((o) => o.name)).toEqual(['c.txt', 'b.txt']);
    const search = await alice.storage.from('avatars').list(`${aliceId}/list`, { search: 'b' });
    expect(search.data!.map((o) => o.name)).toEqual(['b.txt']);
    expect((await bob.storage.from('avatars').list(`${aliceId}/list`)).data).toEqual([]);
  });

  it('removes, moves and copies objects under RLS', async () => {
    const a = `${aliceId}/rm/one.txt`;
    const b = `${aliceId}/rm/two.txt`;
    await alice.storage.from('avatars').upload(a, Buffer.from('1'), { contentType: 'text/plain' });
    await alice.storage.from('avatars').upload(b, Buffer.from('2'), { contentType: 'text/plain' });
    // Bob's removal silently removes nothing (RLS hides the rows), as on Supabase.
    const bobRm = await bob.storage.from('avatars').remove([a]);
    expect(bobRm.data).toEqual([]);
    expect((await alice.storage.from('avatars').download(a)).error).toBeNull();
    const rm = await alice.storage.from('avatars').remove([a]);
    expect(rm.data?.map((o) => o.name)).toEqual([a]);
    expect((await alice.storage.from('avatars').download(a)).error).toBeTruthy();

    const moved = `${aliceId}/rm/moved.txt`;
    expect((await alice.storage.from('avatars').move(b, moved)).error).toBeNull();
    expect(await (await alice.storage.from('avatars').download(moved)).data!.text()).toBe('2');
    const copied = `${aliceId}/rm/copied.txt`;
    expect((await alice.storage.from('avatars').copy(moved, copied)).error).toBeNull();
    expect(await (await alice.storage.from('avatars').download(copied)).data!.text()).toBe('2');
    expect((await bob.storage.from('avatars').copy(moved, `${bobId}/stolen.txt`)).error).toBeTruthy();
  });

  it('enforces per-bucket size limit (413) and MIME allow-list (415)', async () => {
    // A PNG must start like one (uploads are checked against their declared type).
    const png = (size: number) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(size - 8)]);
    const ok = await alice.storage.from('limited').upload('ok.png', png(100), { contentType: 'image/png' });
    expect(ok.error).toBeNull();
    expect((await alice.storage.from('limited').upload('ok.txt', Buffer.from('hi'), { contentType: 'text/plain' })).error).toBeNull();
    const big = await alice.storage.from('limited').upload('big.png', png(2048), { contentType: 'image/png' });
    expect((big.error as unknown as { status: number }).status).toBe(413);
    const raw = await fetch(`${stack.url}/storage/v1/object/limited/big2.png`, {
      method: 'POST',
      headers: { apikey: stack.serviceRoleKey, authorization: `Bearer ${stack.serviceRoleKey}`, 'content-type': 'image/png' },
      body: Buffer.alloc(4096),
    });
    expect(raw.status).toBe(413);
    expect(await raw.json()).toEqual({ statusCode: '413', error: 'Payload too large', message: 'The object exceeded the maximum allowed size' });
    const pdf = await alice.storage.from('limited').upload('doc.pdf', Buffer.from('%PDF'), { contentType: 'application/pdf' });
    expect((pdf.error as unknown as { status: number }).status).toBe(415);
  });

  it('serves public buckets without a key, never private ones', async () => {
    expect((await admin.storage.from('public-docs').upload('guide/说明.txt', Buffer.from('公开'), { contentType: 'text/plain' })).error).toBeNull();
    const { data } = admin.storage.from('public-docs').getPublicUrl('guide/说明.txt');
    const res = await fetch(data.publicUrl);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('公开');
    const priv = await fetch(`${stack.url}/storage/v1/object/public/avatars/${aliceId}/avatar.txt`);
    expect(priv.status).toBe(404);
  });

  it('creates signed URLs for what the caller may read; they expire', async () => {
    const path = `${aliceId}/signed.txt`;
    await alice.storage.from('avatars').upload(path, Buffer.from('signed'), { contentType: 'text/plain' });
    const signed = await alice.storage.from('avatars').createSignedUrl(path, 60);
    expect(signed.error).toBeNull();
    const res = await fetch(signed.data!.signedUrl);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('signed');
    // Bob cannot sign Alice's object.
    expect((await bob.storage.from('avatars').createSignedUrl(path, 60)).error).toBeTruthy();
    const many = await alice.storage.from('avatars').createSignedUrls([path, `${bobId}/note.txt`], 60);
    expect(many.data?.[0]?.signedUrl).toBeTruthy();
    expect(many.data?.[1]?.error).toBeTruthy();
    // Tampering with the path is refused.
    const tampered = signed.data!.signedUrl.replace('signed.txt', 'avatar.txt');
    expect((await fetch(tampered)).status).toBe(400);
    // Expiry.
    const short = await alice.storage.from('avatars').createSignedUrl(path, 1);
    // A 1 s token: poll until it has expired rather than sleeping a guessed time.
    await expect
      .poll(async () => {
        const res = await fetch(short.data!.signedUrl);
        await res.arrayBuffer();
        return res.status;
      })
      .toBe(400);
    const expired = await fetch(short.data!.signedUrl);
    expect(expired.status).toBe(400);
    expect(await expired.json()).toMatchObject({ error: 'InvalidJWT', message: 'jwt expired' });
  });

  it('stores bytes under <storageDir>/<bucket>/<path>', async () => {
    const { existsSync } = await import('node:fs');
    const path = await import('node:path');
    expect(existsSync(path.join(stack.storageDir, 'avatars', aliceId, 'avatar.txt'))).toBe(true);
  });
});
