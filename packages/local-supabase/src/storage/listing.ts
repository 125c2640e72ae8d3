/** Listing, bulk removal, move and copy of objects, all run as the caller. */
import type { RequestAuth } from '../request-context.ts';
import { json } from '../gateway/http.ts';
import type { StorageContext } from './context.ts';
import { StorageError, notFound } from './errors.ts';
import { checkBucketId, checkKey, isUuid, jsonBody, type ObjectMeta } from './validate.ts';

export async function list(s: StorageContext, req: Request, bucketId: string, auth: RequestAuth): Promise<Response> {
  const body = await jsonBody(req);
  let prefix = typeof body.prefix === 'string' ? body.prefix : '';
  if (prefix && !prefix.endsWith('/')) prefix += '/';
  if (prefix === '/') prefix = '';
  const limit = Math.min(Math.max(Number(body.limit ?? 100) || 100, 1), 1000);
  const offset = Math.max(Number(body.offset ?? 0) || 0, 0);
  const search = typeof body.search === 'string' ? body.search.toLowerCase() : '';
  const sortBy = (body.sortBy ?? {}) as { column?: string; order?: string };
  const column = ['name', 'updated_at', 'created_at', 'last_accessed_at'].includes(sortBy.column ?? '') ? sortBy.column! : 'name';
  const desc = String(sortBy.order ?? 'asc').toLowerCase() === 'desc';
  const rows = await s.asCaller(auth, async (q) =>
    (
      await q.query<{ id: string; name: string; updated_at: Date; created_at: Date; last_accessed_at: Date; metadata: ObjectMeta | null }>(
        `select id::text, name, updated_at, created_at, last_accessed_at, metadata from storage.objects
          where bucket_id = $1 and left(name, length($2)) = $2`,
        [bucketId, prefix],
      )
    ).rows,
  );
  type Item = { name: string; id: string | null; updated_at: string | null; created_at: string | null; last_accessed_at: string | null; metadata: ObjectMeta | null };
  const items = new Map<string, Item>();
  for (const r of rows) {
    const rest = r.name.slice(prefix.length);
    const slash = rest.indexOf('/');
    const item = slash === -1 ? rest : rest.slice(0, slash);
    if (search && !item.toLowerCase().startsWith(search)) continue;
    if (slash === -1) {
      items.set(`f:${item}`, {
        name: item,
        id: r.id,
        updated_at: new Date(r.updated_at).toISOString(),
        created_at: new Date(r.created_at).toISOString(),
        last_accessed_at: new Date(r.last_accessed_at).toISOString(),
        metadata: r.metadata,
      });
    } else if (!items.has(`d:${item}`)) {
      items.set(`d:${item}`, { name: item, id: null, updated_at: null, created_at: null, last_accessed_at: null, metadata: null });
    }
  }
  const sorted = [...items.values()].sort((a, b) => {
    // Folders first when sorting by a timestamp (they have none), like storage.search.
    const av = column === 'name' ? a.name : (a[column as keyof Item] as string | null) ?? '';
    const bv = column === 'name' ? b.name : (b[column as keyof Item] as string | null) ?? '';
    const cmp = av < bv ? -1 : av > bv ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
    return desc ? -cmp : cmp;
  });
  return json(sorted.slice(offset, offset + limit));
}

export async function removeMany(s: StorageContext, req: Request, bucketId: string, auth: RequestAuth): Promise<Response> {
  const body = await jsonBody(req);
  const prefixes = Array.isArray(body.prefixes) ? body.prefixes.map(String) : [];
  if (!prefixes.length) throw new StorageError(400, 'InvalidRequest', 'prefixes must not be empty');
  const removed = await s.asCaller(auth, async (q) =>
    (
      await q.query<Record<string, unknown> & { name: string }>(
        `delete from storage.objects where bucket_id = $1 and name = any($2::text[])
         returning id::text, bucket_id, name, owner::text, created_at, updated_at, last_accessed_at, metadata`,
        [bucketId, prefixes],
      )
    ).rows,
  );
  for (const r of removed) await s.files.remove(bucketId, r.name);
  return json(removed);
}

export async function moveOrCopy(s: StorageContext, req: Request, auth: RequestAuth, mode: 'move' | 'copy'): Promise<Response> {
  const body = await jsonBody(req);
  const bucketId = checkBucketId(String(body.bucketId ?? ''));
  const from = checkKey(String(body.sourceKey ?? ''));
  const to = checkKey(String(body.destinationKey ?? ''));
  const toBucket = checkBucketId(String(body.destinationBucket ?? bucketId));
  const result = await s.asCaller(auth, async (q) => {
    const owner = isUuid(auth.claims.sub) ? auth.claims.sub : null;
    if (mode === 'move') {
      const { rows } = await q.query<{ id: string }>(
        `update storage.objects set bucket_id = $4, name = $3, updated_at = now() where bucket_id = $1 and name = $2 returning id::text`,
        [bucketId, from, to, toBucket],
      );
      if (!rows[0]) throw notFound();
      await s.files.move(bucketId, from, toBucket, to);
      return rows[0];
    }
    const { rows } = await q.query<{ id: string }>(
      `insert into storage.objects (bucket_id, name, owner, owner_id, metadata, user_metadata, version)
       select $4, $3, $5::uuid, $5, metadata, user_metadata, gen_random_uuid()::text from storage.objects where bucket_id = $1 and name = $2
       returning id::text`,
      [bucketId, from, to, toBucket, owner],
    );
    if (!rows[0]) throw notFound();
    await s.files.copy(bucketId, from, toBucket, to);
    return rows[0];
  });
  return mode === 'move' ? json({ message: 'Successfully moved' }) : json({ Id: result.id, Key: `${toBucket}/${to}` });
}
