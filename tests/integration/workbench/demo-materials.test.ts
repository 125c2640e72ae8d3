/**
 * Issue 16 "materials open": every seeded filing's material has a real small file once the local
 * stack has started (the seed marks its storage rows; storage/demo-bodies.ts writes the bodies).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@tuoyu/local-supabase/testing.ts';
import { writeDemoBodies } from '@tuoyu/local-supabase/storage/demo-bodies.ts';

let t: TestDatabase;
let dir: string;
beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
  dir = await mkdtemp(path.join(os.tmpdir(), 'wb-demo-bodies-'));
});
afterAll(async () => {
  await t?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('demo material bodies', () => {
  it('writes a real PDF for every seeded filing document, once, and fixes the stored size', async () => {
    const docs = (await t.db.query<{ storage_path: string }>(`select storage_path from public.filing_documents`)).rows;
    expect(docs.length).toBeGreaterThan(0);
    const written = await writeDemoBodies(t.db, dir);
    expect(written).toBeGreaterThanOrEqual(docs.length);
    for (const doc of docs) {
      const bytes = await readFile(path.join(dir, 'filing-documents', doc.storage_path));
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(bytes.subarray(-6).toString('latin1').trim()).toBe('%%EOF');
    }
    const sizes = (await t.db.query<{ size: string }>(
      `select metadata ->> 'size' as size from storage.objects where user_metadata ->> 'demo_body' = 'true'`)).rows;
    expect(sizes.every((s) => Number(s.size) > 100 && Number(s.size) < 10_000)).toBe(true);
    // Second start: nothing left to write.
    expect(await writeDemoBodies(t.db, dir)).toBe(0);
  });

  it('leaves unmarked objects alone (a missing real upload stays missing)', async () => {
    await t.db.query(`insert into storage.objects (bucket_id, name, metadata) values ('filing-documents', '370830000000/x/y/real.pdf', '{"mimetype":"application/pdf"}')`);
    expect(await writeDemoBodies(t.db, dir)).toBe(0);
    await expect(readFile(path.join(dir, 'filing-documents', '370830000000/x/y/real.pdf'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
