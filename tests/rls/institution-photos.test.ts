/**
 * The institution-photos bucket (issue 16): anyone lists the photos of filed institutions, members
 * also their own institution's before filing; only members upload, replace or delete; the bucket
 * refuses other file types and large files. Write cases for every persona are in matrix.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@tuoyu/local-supabase/testing.ts';
import { I, PERSONAS, run, type PersonaName } from './personas.ts';

let t: TestDatabase;
const FILED = `${I.aiXin}/front.jpg`; // 汶上县爱心托育中心, filed, operator opWenshang
const DRAFT = `${I.nanZhan}/front.jpg`; // 汶上县南站街道宝贝托育园, draft

beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
  await t.db.query(
    `insert into storage.objects (bucket_id, name, metadata) values
       ('institution-photos', $1, '{"mimetype":"image/jpeg","size":1000}'),
       ('institution-photos', $2, '{"mimetype":"image/jpeg","size":1000}')`,
    [FILED, DRAFT],
  );
  // 爱心's operator also works for the draft 南站 (as a chain's operator would)
  await t.db.query(
    `insert into public.institution_members (institution_id, user_id, member_role)
       select $1, m.user_id, m.member_role from public.institution_members m where m.institution_id = $2 limit 1`,
    [I.nanZhan, I.aiXin],
  );
});
afterAll(async () => {
  await t?.drop();
});

async function visible(who: PersonaName): Promise<string[]> {
  const o = await run<{ name: string }>(t.db, who, `select name from storage.objects where bucket_id = 'institution-photos' order by name`);
  if (o.error) throw new Error(o.error.message);
  return o.rows.map((r) => r.name);
}

describe('institution photos: who sees which', () => {
  it('everyone (anon included) sees the photos of a filed institution, nobody else a draft’s', async () => {
    for (const who of PERSONAS) {
      if (who === 'service' || who === 'opWenshang') continue;
      const names = await visible(who);
      expect(names, who).toContain(FILED);
      expect(names, who).not.toContain(DRAFT);
    }
  });

  it('a member also sees its draft institution’s photos', async () => {
    // (the demo seed adds photos of other filed institutions: seeds/55_photos.sql)
    const mine = (await visible('opWenshang')).filter((n) => n.startsWith(I.aiXin) || n.startsWith(I.nanZhan));
    expect(mine).toEqual([FILED, DRAFT].sort());
    expect(await visible('familyZhang')).not.toContain(DRAFT);
  });
});

describe('institution photos: who changes them', () => {
  it('a member deletes its institution’s photo; another operator, a family and anon delete nothing', async () => {
    const own = await run(t.db, 'opWenshang', `delete from storage.objects where bucket_id = 'institution-photos' and name = $1`, [FILED]);
    expect(own.error).toBeUndefined();
    expect(own.rowCount).toBe(1);
    for (const who of ['opRencheng', 'familyZhang', 'wenshang', 'anon'] as PersonaName[]) {
      const other = await run(t.db, who, `delete from storage.objects where bucket_id = 'institution-photos' and name = $1`, [FILED]);
      expect(other.rowCount ?? 0, who).toBe(0);
    }
  });

  it('nobody renames a photo into another institution’s folder', async () => {
    const moved = await run(t.db, 'opWenshang',
      `update storage.objects set name = $2 where bucket_id = 'institution-photos' and name = $1`, [FILED, `${I.jinCheng}/front.jpg`]);
    expect(moved.rowCount ?? 0).toBe(0);
  });

  it('the bucket is public with a 2 MB limit and images only', async () => {
    const { rows } = await t.db.query<{ public: boolean; file_size_limit: string; allowed_mime_types: string[] }>(
      `select public, file_size_limit, allowed_mime_types from storage.buckets where id = 'institution-photos'`);
    expect(rows[0]).toEqual({ public: true, file_size_limit: expect.anything(), allowed_mime_types: ['image/jpeg', 'image/png', 'image/webp'] });
    expect(Number(rows[0]!.file_size_limit)).toBe(2 * 1024 * 1024);
  });
});
