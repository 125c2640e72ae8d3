/** /bucket routes: list, get, create, update, empty, delete — run as the caller, so RLS decides. */
import { json } from '../gateway/http.ts';
import type { ServiceApp, ServiceCtx } from '../gateway/service.ts';
import type { StorageContext } from './context.ts';
import { StorageError } from './errors.ts';
import { BUCKET_COLUMNS, bucketJson, checkBucketId, isUuid, jsonBody, parseSizeLimit, type BucketRow } from './validate.ts';

/** Hono has decoded the parameter (malformed encoding stays as sent, and fails the name check). */
const bucketParam = (c: ServiceCtx): string => checkBucketId(c.req.param('id') ?? '');

export function bucketRoutes(app: ServiceApp, s: StorageContext): void {
  const caller = (c: ServiceCtx) => s.callerAuth(c.req.raw, c.env.ctx);

  app.get('/bucket', async (c) => {
    const rows = await s.asCaller(await caller(c), async (q) => (await q.query<BucketRow>(`select ${BUCKET_COLUMNS} from storage.buckets order by name`)).rows);
    return json(rows.map(bucketJson));
  });

  app.post('/bucket', async (c) => {
    const auth = await caller(c);
    const body = await jsonBody(c.req.raw);
    const name = String(body.name ?? body.id ?? '');
    const bucketId = checkBucketId(String(body.id ?? name));
    const limit = parseSizeLimit(body.file_size_limit);
    await s.asCaller(auth, (q) =>
      q.query(
        `insert into storage.buckets (id, name, owner, owner_id, public, file_size_limit, allowed_mime_types)
         values ($1, $2, $3::uuid, $4, coalesce($5::boolean, false), $6::bigint, $7::text[])`,
        [
          bucketId,
          name || bucketId,
          isUuid(auth.claims.sub) ? auth.claims.sub : null,
          typeof auth.claims.sub === 'string' ? auth.claims.sub : null,
          typeof body.public === 'boolean' ? body.public : null,
          limit,
          Array.isArray(body.allowed_mime_types) ? body.allowed_mime_types.map(String) : null,
        ],
      ),
    );
    return json({ name: bucketId });
  });

  app.get('/bucket/:id', async (c) => {
    const id = bucketParam(c);
    const row = await s.asCaller(await caller(c), async (q) => (await q.query<BucketRow>(`select ${BUCKET_COLUMNS} from storage.buckets where id = $1`, [id])).rows[0]);
    if (!row) throw new StorageError(404, 'Bucket not found', 'Bucket not found');
    return json(bucketJson(row));
  });

  app.put('/bucket/:id', async (c) => {
    const id = bucketParam(c);
    const auth = await caller(c);
    const body = await jsonBody(c.req.raw);
    const hasLimit = 'file_size_limit' in body;
    const hasMimes = 'allowed_mime_types' in body;
    const n = await s.asCaller(auth, async (q) =>
      (
        await q.query(
          `update storage.buckets set
             public = coalesce($2::boolean, public),
             file_size_limit = case when $3::boolean then $4::bigint else file_size_limit end,
             allowed_mime_types = case when $5::boolean then $6::text[] else allowed_mime_types end,
             updated_at = now()
           where id = $1`,
          [
            id,
            typeof body.public === 'boolean' ? body.public : null,
            hasLimit,
            hasLimit ? parseSizeLimit(body.file_size_limit) : null,
            hasMimes,
            Array.isArray(body.allowed_mime_types) ? body.allowed_mime_types.map(String) : null,
          ],
        )
      ).rowCount,
    );
    if (!n) throw new StorageError(404, 'Bucket not found', 'Bucket not found');
    return json({ message: 'Successfully updated' });
  });

  app.post('/bucket/:id/empty', async (c) => {
    const id = bucketParam(c);
    const removed = await s.asCaller(await caller(c), async (q) =>
      (await q.query<{ name: string }>('delete from storage.objects where bucket_id = $1 returning name', [id])).rows,
    );
    for (const r of removed) await s.files.remove(id, r.name);
    return json({ message: 'Successfully emptied' });
  });

  app.delete('/bucket/:id', async (c) => {
    const id = bucketParam(c);
    const n = await s.asCaller(await caller(c), async (q) => {
      const { rows } = await q.query<{ n: number }>('select count(*)::int as n from storage.objects where bucket_id = $1', [id]);
      if ((rows[0]?.n ?? 0) > 0) throw new StorageError(409, 'InvalidRequest', 'The bucket you tried to delete is not empty');
      return (await q.query('delete from storage.buckets where id = $1', [id])).rowCount;
    });
    if (!n) throw new StorageError(404, 'Bucket not found', 'Bucket not found');
    await s.files.removeBucket(id);
    return json({ message: 'Successfully deleted' });
  });

  app.all('/bucket', () => {
    throw new StorageError(405, 'MethodNotAllowed', 'Method not allowed');
  });
  app.all('/bucket/*', () => {
    throw new StorageError(405, 'MethodNotAllowed', 'Method not allowed');
  });
}
