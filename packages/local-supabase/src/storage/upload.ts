/** POST/PUT /object/<bucket>/<key>: raw or multipart uploads, checked against bucket limits, type and content. */
import { randomUUID } from 'node:crypto';
import type { RequestAuth } from '../request-context.ts';
import { PayloadTooLargeError, json, readBody } from '../gateway/http.ts';
import type { StorageContext } from './context.ts';
import { StorageError } from './errors.ts';
import { contentMatchesType } from './magic.ts';
import { checkKey, isUuid, mimeAllowed, parseUserMetadata, type ObjectMeta } from './validate.ts';

export async function upload(s: StorageContext, req: Request, bucketId: string, key: string, auth: RequestAuth, upsert: boolean): Promise<Response> {
  checkKey(key);
  const bucket = await s.bucketById(bucketId);
  const limit = Math.min(s.maxUpload, bucket.file_size_limit === null ? Infinity : Number(bucket.file_size_limit));
  const contentType = req.headers.get('content-type') ?? '';
  let bytes: Uint8Array;
  let mimetype: string;
  let cacheControl = req.headers.get('cache-control') ?? 'no-cache';
  let userMetadata: unknown = null;
  try {
    if (contentType.startsWith('multipart/form-data')) {
      // The form carries the file plus small fields; bound the whole body by the limit plus slack for the fields.
      const raw = await readBody(req, limit + 64 * 1024);
      const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
      let file: File | undefined;
      for (const [, value] of form.entries()) if (typeof value !== 'string') file = file ?? value;
      if (!file) throw new StorageError(400, 'InvalidRequest', 'No file found in the form');
      bytes = new Uint8Array(await file.arrayBuffer());
      if (bytes.byteLength > limit) throw new PayloadTooLargeError(limit);
      mimetype = file.type || 'application/octet-stream';
      const cc = form.get('cacheControl');
      if (typeof cc === 'string') cacheControl = `max-age=${cc}`;
      const meta = form.get('metadata');
      if (typeof meta === 'string') userMetadata = parseUserMetadata(meta, 'metadata');
    } else {
      bytes = await readBody(req, limit);
      mimetype = contentType || 'application/octet-stream';
      const metaHeader = req.headers.get('x-metadata');
      if (metaHeader) userMetadata = parseUserMetadata(Buffer.from(metaHeader, 'base64').toString('utf8'), 'x-metadata');
    }
  } catch (error) {
    if (error instanceof PayloadTooLargeError) throw new StorageError(413, 'Payload too large', 'The object exceeded the maximum allowed size');
    throw error;
  }
  if (!mimeAllowed(mimetype, bucket.allowed_mime_types)) throw new StorageError(415, 'invalid_mime_type', `mime type ${mimetype} is not supported`);
  // The declared type is not trusted: a PDF, PNG, JPEG, WebP or GIF must start like one.
  if (!contentMatchesType(mimetype, bytes)) {
    throw new StorageError(415, 'invalid_mime_type', `the file content does not match its declared type ${mimetype.split(';')[0]!.trim()}`);
  }
  const staged = await s.files.stage(bytes);
  try {
    const now = new Date().toISOString();
    const metadata: ObjectMeta = {
      eTag: staged.eTag,
      size: staged.size,
      mimetype,
      cacheControl,
      lastModified: now,
      contentLength: staged.size,
      httpStatusCode: 200,
    };
    const owner = isUuid(auth.claims.sub) ? auth.claims.sub : null;
    const ownerId = typeof auth.claims.sub === 'string' ? auth.claims.sub : null;
    const row = await s.asCaller(auth, async (q) => {
      const params = [bucketId, key, owner, ownerId, JSON.stringify(metadata), userMetadata === null ? null : JSON.stringify(userMetadata)];
      const sql = upsert
        ? `insert into storage.objects (bucket_id, name, owner, owner_id, metadata, user_metadata, version)
           values ($1, $2, $3::uuid, $4, $5::jsonb, $6::jsonb, gen_random_uuid()::text)
           on conflict (bucket_id, name) do update set owner = excluded.owner, owner_id = excluded.owner_id,
             metadata = excluded.metadata, user_metadata = excluded.user_metadata, version = excluded.version, updated_at = now()
           returning id::text`
        : `insert into storage.objects (id, bucket_id, name, owner, owner_id, metadata, user_metadata, version)
           values ($7::uuid, $1, $2, $3::uuid, $4, $5::jsonb, $6::jsonb, gen_random_uuid()::text)`;
      // A plain upload needs only an INSERT policy (as on Supabase): no RETURNING, which would also
      // demand a SELECT policy (an anonymous complaint photo may be written, never read back).
      const id = randomUUID();
      const { rows } = upsert ? await q.query<{ id: string }>(sql, params) : (await q.query(sql, [...params, id]), { rows: [{ id }] });
      // Bytes move into place inside the transaction: a failed commit leaves no orphan metadata.
      await s.files.commit(staged.tmp, bucketId, key);
      return rows[0]!;
    });
    return json({ Id: row.id, Key: `${bucketId}/${key}` });
  } finally {
    await s.files.discard(staged.tmp);
  }
}
