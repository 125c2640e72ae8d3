/**
 * /object routes: public and signed downloads (no key needed), and, as the caller, download,
 * upload, info, delete and signing. Registered before the listing routes' catch-all.
 */
import { verifyJwt, JwtError } from '../jwt.ts';
import { json } from '../gateway/http.ts';
import type { ServiceApp, ServiceCtx } from '../gateway/service.ts';
import type { StorageContext } from './context.ts';
import { StorageError, notFound } from './errors.ts';
import { list, moveOrCopy, removeMany } from './listing.ts';
import { upload } from './upload.ts';
import { checkKey, jsonBody, splitBucketKey, type ObjectMeta } from './validate.ts';

/** What follows `prefix` in the service-relative path, e.g. "/bucket/a/b.png" after "/object/public". */
const after = (c: ServiceCtx, prefix: string) => c.req.path.slice(prefix.length);
const downloadParam = (c: ServiceCtx) => (c.req.query('download') !== undefined ? (c.req.query('download') ?? '') : null);

export function objectRoutes(app: ServiceApp, s: StorageContext): void {
  const caller = (c: ServiceCtx) => s.callerAuth(c.req.raw, c.env.ctx);

  // Open routes: public objects and signed URLs need no key.
  app.on(['GET', 'HEAD'], '/object/public/*', async (c) => {
    const { bucket, key } = splitBucketKey(after(c, '/object/public'));
    const b = await s.bucketById(bucket).catch(() => {
      throw notFound();
    });
    if (!b.public) throw notFound();
    return s.serveObject(c.req.raw, bucket, checkKey(key), await s.metaAsOwner(bucket, key), downloadParam(c));
  });

  app.on(['GET', 'HEAD'], '/object/sign/*', async (c) => {
    const { bucket, key } = splitBucketKey(after(c, '/object/sign'));
    const token = c.req.query('token');
    if (!token) throw new StorageError(400, 'InvalidJWT', "querystring must have required property 'token'");
    let claims: Record<string, unknown>;
    try {
      claims = await verifyJwt(token, s.jwtSecret);
    } catch (error) {
      throw new StorageError(400, 'InvalidJWT', error instanceof JwtError && error.code === 'PGRST303' ? 'jwt expired' : 'invalid signature');
    }
    if (claims.url !== `${bucket}/${key}`) throw new StorageError(400, 'InvalidSignature', 'The url do not match the signature');
    // Read as the signer: the URL stops working when its signer can no longer read the object.
    return s.serveObject(c.req.raw, bucket, checkKey(key), await s.metaAsCaller(s.signerOf(claims), bucket, key), downloadParam(c));
  });

  app.post('/object/sign/*', async (c) => {
    const auth = await caller(c);
    const { bucket, key } = splitBucketKey(after(c, '/object/sign'));
    const body = await jsonBody(c.req.raw);
    const expiresIn = s.parseExpiry(body.expiresIn);
    if (!key) {
      const paths = Array.isArray(body.paths) ? body.paths.map(String) : [];
      const visible = await s.asCaller(
        auth,
        async (q) =>
          new Set((await q.query<{ name: string }>('select name from storage.objects where bucket_id = $1 and name = any($2::text[])', [bucket, paths])).rows.map((r) => r.name)),
      );
      const out = [];
      for (const p of paths) {
        out.push(
          visible.has(p)
            ? { error: null, path: p, signedURL: await s.sign(bucket, p, expiresIn, auth) }
            : { error: 'Either the object does not exist or you do not have access to it', path: p, signedURL: null },
        );
      }
      return json(out);
    }
    await s.metaAsCaller(auth, bucket, checkKey(key));
    return json({ signedURL: await s.sign(bucket, key, expiresIn, auth) });
  });

  app.post('/object/move', async (c) => moveOrCopy(s, c.req.raw, await caller(c), 'move'));
  app.post('/object/copy', async (c) => moveOrCopy(s, c.req.raw, await caller(c), 'copy'));
  app.post('/object/list/*', async (c) => list(s, c.req.raw, splitBucketKey(after(c, '/object/list')).bucket, await caller(c)));

  app.get('/object/info/*', async (c) => {
    const auth = await caller(c);
    const { bucket, key } = splitBucketKey(after(c, '/object/info').replace(/^\/(authenticated|public)\//, '/'));
    const row = await s.asCaller(auth, async (q) =>
      (
        await q.query<Record<string, unknown>>(
          `select id::text, name, version, bucket_id, created_at, updated_at, last_accessed_at, metadata, user_metadata
             from storage.objects where bucket_id = $1 and name = $2`,
          [bucket, checkKey(key)],
        )
      ).rows[0],
    );
    if (!row) throw notFound();
    const meta = (row.metadata ?? {}) as ObjectMeta;
    return json({ ...row, size: meta.size, content_type: meta.mimetype, cache_control: meta.cacheControl, etag: meta.eTag, last_modified: meta.lastModified });
  });

  // /object/<bucket>/<key> and /object/authenticated/<bucket>/<key>
  const target = (c: ServiceCtx) => splitBucketKey(after(c, '/object').replace(/^\/authenticated\//, '/'));
  app.on(['GET', 'HEAD'], '/object/*', async (c, next) => {
    const auth = await caller(c);
    const { bucket, key } = target(c);
    if (!key) return next();
    return s.serveObject(c.req.raw, bucket, checkKey(key), await s.metaAsCaller(auth, bucket, key), downloadParam(c));
  });
  app.post('/object/*', async (c, next) => {
    const auth = await caller(c);
    const { bucket, key } = target(c);
    if (!key) return next();
    return upload(s, c.req.raw, bucket, key, auth, /^true$/i.test(c.req.header('x-upsert') ?? ''));
  });
  app.put('/object/*', async (c, next) => {
    const auth = await caller(c);
    const { bucket, key } = target(c);
    if (!key) return next();
    return upload(s, c.req.raw, bucket, key, auth, true);
  });
  app.delete('/object/*', async (c) => {
    const auth = await caller(c);
    const { bucket, key } = target(c);
    if (!key) return removeMany(s, c.req.raw, bucket, auth);
    const removed = await s.asCaller(auth, async (q) => (await q.query('delete from storage.objects where bucket_id = $1 and name = $2', [bucket, checkKey(key)])).rowCount);
    if (!removed) throw notFound();
    await s.files.remove(bucket, key);
    return json({ message: 'Successfully deleted' });
  });
}
