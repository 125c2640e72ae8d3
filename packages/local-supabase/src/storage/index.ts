/**
 * /storage/v1 — the Supabase Storage subset supabase-js uses: buckets, upload (POST create, PUT /
 * x-upsert upsert; multipart or raw), download (authenticated and public), signed URLs, list,
 * remove, move, copy. Metadata rows live in storage.objects / storage.buckets and every access by a
 * caller runs as that caller (role + claims), so RLS policies decide exactly as on Supabase.
 */
import type { Database, Queryable } from '../db/types.ts';
import type { KeySet } from '../config.ts';
import { runAs, type RequestAuth } from '../request-context.ts';
import { JwtError, signJwt, verifyJwt } from '../jwt.ts';
import type { Service, ServiceContext } from '../gateway/app.ts';
import { MAX_JSON_DEPTH, PayloadTooLargeError, json, jsonDepth, readBody, tryDecode } from '../gateway/http.ts';
import { contentMatchesType } from './magic.ts';
import { StorageError, fromPgError, notFound } from './errors.ts';
import { FileStore } from './files.ts';

export interface StorageServiceOptions {
  db: Database;
  keys: KeySet;
  /** Folder for object bytes. */
  storageDir: string;
  /** Global upload limit (Supabase's default is 50 MiB); bucket limits apply on top. */
  maxUploadBytes?: number;
  /** Longest lifetime a signed URL may be given, in seconds (default one week); longer → 400. */
  signedUrlMaxAge?: number;
}

/** One week, S3's longest presigned-URL lifetime (what Supabase's S3-compatible storage allows). */
export const DEFAULT_SIGNED_URL_MAX_AGE = 7 * 24 * 3600;

interface BucketRow {
  id: string;
  name: string;
  owner: string | null;
  public: boolean;
  file_size_limit: number | string | null;
  allowed_mime_types: string[] | null;
  created_at: Date | string;
  updated_at: Date | string;
}

interface ObjectMeta {
  eTag?: string;
  size?: number;
  mimetype?: string;
  cacheControl?: string;
  lastModified?: string;
  contentLength?: number;
  httpStatusCode?: number;
}

const BUCKET_COLUMNS = `id, name, owner::text, public, file_size_limit, allowed_mime_types, created_at, updated_at`;
const BUCKET_ID_RE = /^[\w!\-.*'() &$@=;:+,?]+$/;

function bucketJson(b: BucketRow): Record<string, unknown> {
  return {
    id: b.id,
    name: b.name,
    owner: b.owner ?? '',
    public: b.public,
    file_size_limit: b.file_size_limit === null ? null : Number(b.file_size_limit),
    allowed_mime_types: b.allowed_mime_types,
    created_at: new Date(b.created_at).toISOString(),
    updated_at: new Date(b.updated_at).toISOString(),
  };
}

function checkBucketId(id: string): string {
  if (!id || id === '.' || id === '..' || !BUCKET_ID_RE.test(id)) throw new StorageError(400, 'InvalidBucketName', `Bucket name invalid: ${id}`);
  return id;
}

const utf8Length = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * Object keys as Supabase accepts them: no empty segments, no "." / "..", no control characters;
 * at most 1,024 bytes, and each segment (a folder or file name on disk) at most 255 bytes.
 */
function checkKey(name: string): string {
  // eslint-disable-next-line no-control-regex
  if (!name || name.startsWith('/') || name.split('/').some((s) => s === '' || s === '.' || s === '..') || /[\u0000-\u001f\u007f]/.test(name)) {
    throw new StorageError(400, 'InvalidKey', `Invalid key: ${name}`);
  }
  if (utf8Length(name) > 1024 || name.split('/').some((s) => utf8Length(s) > 255)) {
    throw new StorageError(400, 'InvalidKey', 'Invalid key: a name is too long (at most 255 bytes per segment, 1024 in all)');
  }
  return name;
}

function mimeAllowed(mime: string, allowed: string[] | null): boolean {
  if (!allowed || allowed.length === 0) return true;
  const base = mime.split(';')[0]!.trim().toLowerCase();
  return allowed.some((a) => {
    const rule = a.trim().toLowerCase();
    if (rule === '*/*' || rule === '*') return true;
    if (rule.endsWith('/*')) return base.startsWith(rule.slice(0, -1));
    return base === rule;
  });
}

const isUuid = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

/** Split "/bucket/a/b.png" into bucket + key (each segment URL-decoded). */
function splitBucketKey(rest: string): { bucket: string; key: string } {
  const parts = rest
    .replace(/^\/+/, '')
    .split('/')
    .map((s) => {
      const decoded = tryDecode(s);
      if (decoded === undefined) throw new StorageError(400, 'InvalidKey', 'Invalid key: malformed percent-encoding in the path');
      return decoded;
    });
  const bucket = checkBucketId(parts.shift() ?? '');
  return { bucket, key: parts.join('/') };
}

async function jsonBody(req: Request): Promise<Record<string, unknown>> {
  const text = new TextDecoder().decode(await readBody(req, 1024 * 1024));
  if (!text) return {};
  if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) throw new StorageError(400, 'InvalidRequest', `JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
  try {
    const v: unknown = JSON.parse(text);
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    /* below */
  }
  throw new StorageError(400, 'InvalidRequest', 'Body must be a JSON object');
}

export function createStorageService(options: StorageServiceOptions): Service {
  const { db } = options;
  const files = new FileStore(options.storageDir);
  const maxUpload = options.maxUploadBytes ?? 50 * 1024 * 1024;
  const secret = options.keys.jwtSecret;
  const signedUrlMaxAge = options.signedUrlMaxAge ?? DEFAULT_SIGNED_URL_MAX_AGE;

  /** Run metadata SQL as the caller; Postgres errors become Storage errors. */
  async function asCaller<T>(auth: RequestAuth, fn: (q: Queryable) => Promise<T>): Promise<T> {
    try {
      return await runAs(db, auth, fn);
    } catch (error) {
      throw fromPgError(error) ?? error;
    }
  }

  async function callerAuth(req: Request, ctx: ServiceContext): Promise<RequestAuth> {
    try {
      const auth = await ctx.credentials.resolve(req);
      if (!auth) throw new StorageError(400, 'Unauthorized', "headers must have required property 'authorization'");
      return auth;
    } catch (error) {
      if (error instanceof JwtError) throw new StorageError(400, 'Unauthorized', error.code === 'PGRST303' ? 'jwt expired' : 'invalid signature');
      throw error;
    }
  }

  /** Buckets are read as the owner for object operations (limits, public flag), as Storage does. */
  async function bucketById(id: string): Promise<BucketRow> {
    const { rows } = await db.query<BucketRow>(`select ${BUCKET_COLUMNS} from storage.buckets where id = $1`, [id]);
    if (!rows[0]) throw new StorageError(404, 'Bucket not found', 'Bucket not found');
    return rows[0];
  }

  // ---- buckets ---------------------------------------------------------------------------------
  async function buckets(req: Request, path: string, auth: RequestAuth): Promise<Response> {
    const id = path.split('/')[2] ? decodeURIComponent(path.split('/')[2]!) : undefined;
    const action = path.split('/')[3];
    const m = req.method;
    if (!id && m === 'GET') {
      const rows = await asCaller(auth, async (q) => (await q.query<BucketRow>(`select ${BUCKET_COLUMNS} from storage.buckets order by name`)).rows);
      return json(rows.map(bucketJson));
    }
    if (!id && m === 'POST') {
      const body = await jsonBody(req);
      const name = String(body.name ?? body.id ?? '');
      const bucketId = checkBucketId(String(body.id ?? name));
      const limit = parseSizeLimit(body.file_size_limit);
      await asCaller(auth, (q) =>
        q.query(
          `insert into storage.buckets (id, name, owner, owner_id, public, file_size_limit, allowed_mime_types)
           values ($1, $2, $3::uuid, $4, coalesce($5::boolean, false), $6::bigint, $7::text[])`,
          [bucketId, name || bucketId, isUuid(auth.claims.sub) ? auth.claims.sub : null, typeof auth.claims.sub === 'string' ? auth.claims.sub : null,
            typeof body.public === 'boolean' ? body.public : null, limit, Array.isArray(body.allowed_mime_types) ? body.allowed_mime_types.map(String) : null],
        ),
      );
      return json({ name: bucketId });
    }
    if (!id) throw new StorageError(405, 'MethodNotAllowed', 'Method not allowed');
    checkBucketId(id);
    if (m === 'GET' && !action) {
      const row = await asCaller(auth, async (q) => (await q.query<BucketRow>(`select ${BUCKET_COLUMNS} from storage.buckets where id = $1`, [id])).rows[0]);
      if (!row) throw new StorageError(404, 'Bucket not found', 'Bucket not found');
      return json(bucketJson(row));
    }
    if (m === 'PUT' && !action) {
      const body = await jsonBody(req);
      const hasLimit = 'file_size_limit' in body;
      const hasMimes = 'allowed_mime_types' in body;
      const n = await asCaller(auth, async (q) =>
        (
          await q.query(
            `update storage.buckets set
               public = coalesce($2::boolean, public),
               file_size_limit = case when $3::boolean then $4::bigint else file_size_limit end,
               allowed_mime_types = case when $5::boolean then $6::text[] else allowed_mime_types end,
               updated_at = now()
             where id = $1`,
            [id, typeof body.public === 'boolean' ? body.public : null, hasLimit, hasLimit ? parseSizeLimit(body.file_size_limit) : null,
              hasMimes, Array.isArray(body.allowed_mime_types) ? body.allowed_mime_types.map(String) : null],
          )
        ).rowCount,
      );
      if (!n) throw new StorageError(404, 'Bucket not found', 'Bucket not found');
      return json({ message: 'Successfully updated' });
    }
    if (m === 'POST' && action === 'empty') {
      const removed = await asCaller(auth, async (q) =>
        (await q.query<{ name: string }>('delete from storage.objects where bucket_id = $1 returning name', [id])).rows,
      );
      for (const r of removed) await files.remove(id, r.name);
      return json({ message: 'Successfully emptied' });
    }
    if (m === 'DELETE' && !action) {
      const n = await asCaller(auth, async (q) => {
        const { rows } = await q.query<{ n: number }>('select count(*)::int as n from storage.objects where bucket_id = $1', [id]);
        if ((rows[0]?.n ?? 0) > 0) throw new StorageError(409, 'InvalidRequest', 'The bucket you tried to delete is not empty');
        return (await q.query('delete from storage.buckets where id = $1', [id])).rowCount;
      });
      if (!n) throw new StorageError(404, 'Bucket not found', 'Bucket not found');
      await files.removeBucket(id);
      return json({ message: 'Successfully deleted' });
    }
    throw new StorageError(405, 'MethodNotAllowed', 'Method not allowed');
  }

  // ---- upload ----------------------------------------------------------------------------------
  async function upload(req: Request, bucketId: string, key: string, auth: RequestAuth, upsert: boolean): Promise<Response> {
    checkKey(key);
    const bucket = await bucketById(bucketId);
    const limit = Math.min(maxUpload, bucket.file_size_limit === null ? Infinity : Number(bucket.file_size_limit));
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
    const staged = await files.stage(bytes);
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
      const row = await asCaller(auth, async (q) => {
        const params = [bucketId, key, owner, ownerId, JSON.stringify(metadata), userMetadata === null ? null : JSON.stringify(userMetadata)];
        const sql = upsert
          ? `insert into storage.objects (bucket_id, name, owner, owner_id, metadata, user_metadata, version)
             values ($1, $2, $3::uuid, $4, $5::jsonb, $6::jsonb, gen_random_uuid()::text)
             on conflict (bucket_id, name) do update set owner = excluded.owner, owner_id = excluded.owner_id,
               metadata = excluded.metadata, user_metadata = excluded.user_metadata, version = excluded.version, updated_at = now()
             returning id::text`
          : `insert into storage.objects (bucket_id, name, owner, owner_id, metadata, user_metadata, version)
             values ($1, $2, $3::uuid, $4, $5::jsonb, $6::jsonb, gen_random_uuid()::text) returning id::text`;
        const { rows } = await q.query<{ id: string }>(sql, params);
        // Bytes move into place inside the transaction: a failed commit leaves no orphan metadata.
        await files.commit(staged.tmp, bucketId, key);
        return rows[0]!;
      });
      return json({ Id: row.id, Key: `${bucketId}/${key}` });
    } finally {
      await files.discard(staged.tmp);
    }
  }

  // ---- download --------------------------------------------------------------------------------
  async function serveObject(req: Request, bucketId: string, key: string, meta: ObjectMeta | null, download: string | null): Promise<Response> {
    const bytes = await files.read(bucketId, key);
    if (!bytes) throw notFound();
    const headers: Record<string, string> = {
      'content-type': meta?.mimetype ?? 'application/octet-stream',
      'content-length': String(bytes.byteLength),
      'cache-control': meta?.cacheControl ?? 'no-cache',
      // Browsers must not guess another type (e.g. render uploaded text as HTML).
      'x-content-type-options': 'nosniff',
      etag: meta?.eTag ?? '',
      'last-modified': meta?.lastModified ? new Date(meta.lastModified).toUTCString() : new Date().toUTCString(),
    };
    if (download !== null) {
      const filename = download || key.split('/').pop()!;
      headers['content-disposition'] = `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`;
    }
    if (meta?.eTag && req.headers.get('if-none-match') === meta.eTag) return new Response(null, { status: 304, headers });
    return new Response(req.method === 'HEAD' ? null : bytes, { status: 200, headers });
  }

  async function metaAsCaller(auth: RequestAuth, bucketId: string, key: string): Promise<ObjectMeta | null> {
    const row = await asCaller(auth, async (q) =>
      (await q.query<{ metadata: ObjectMeta | null }>('select metadata from storage.objects where bucket_id = $1 and name = $2', [bucketId, key])).rows[0],
    );
    if (!row) throw notFound();
    return row.metadata;
  }

  async function metaAsOwner(bucketId: string, key: string): Promise<ObjectMeta | null> {
    const row = (await db.query<{ metadata: ObjectMeta | null }>('select metadata from storage.objects where bucket_id = $1 and name = $2', [bucketId, key])).rows[0];
    if (!row) throw notFound();
    return row.metadata;
  }

  // ---- signed URLs -----------------------------------------------------------------------------
  // The token names the signer (role and sub): every fetch re-checks that the signer may still read
  // the object, so a URL stops working when its signer loses access (Supabase does not re-check).
  async function sign(bucketId: string, key: string, expiresIn: number, signer: RequestAuth): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = { url: `${bucketId}/${key}`, iat: now, exp: now + expiresIn, role: signer.role };
    if (typeof signer.claims.sub === 'string') claims.sub = signer.claims.sub;
    const token = await signJwt(claims, secret);
    return `/object/sign/${encodeURIComponent(bucketId)}/${key.split('/').map(encodeURIComponent).join('/')}?token=${token}`;
  }

  function parseExpiry(value: unknown): number {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new StorageError(400, 'InvalidRequest', 'expiresIn must be a positive integer');
    if (n > signedUrlMaxAge) throw new StorageError(400, 'InvalidRequest', `expiresIn must be at most ${signedUrlMaxAge} seconds`);
    return n;
  }

  /** The signer of a signed URL, as far as its token names one. */
  function signerOf(claims: Record<string, unknown>): RequestAuth {
    if (typeof claims.role !== 'string' || !claims.role) throw new StorageError(400, 'InvalidJWT', 'invalid signature');
    const signer: Record<string, unknown> = { role: claims.role };
    if (typeof claims.sub === 'string') signer.sub = claims.sub;
    return { role: claims.role, claims: signer };
  }

  // ---- list ------------------------------------------------------------------------------------
  async function list(req: Request, bucketId: string, auth: RequestAuth): Promise<Response> {
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
    const rows = await asCaller(auth, async (q) =>
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

  // ---- remove / move / copy --------------------------------------------------------------------
  async function removeMany(req: Request, bucketId: string, auth: RequestAuth): Promise<Response> {
    const body = await jsonBody(req);
    const prefixes = Array.isArray(body.prefixes) ? body.prefixes.map(String) : [];
    if (!prefixes.length) throw new StorageError(400, 'InvalidRequest', 'prefixes must not be empty');
    const removed = await asCaller(auth, async (q) =>
      (
        await q.query<Record<string, unknown> & { name: string }>(
          `delete from storage.objects where bucket_id = $1 and name = any($2::text[])
           returning id::text, bucket_id, name, owner::text, created_at, updated_at, last_accessed_at, metadata`,
          [bucketId, prefixes],
        )
      ).rows,
    );
    for (const r of removed) await files.remove(bucketId, r.name);
    return json(removed);
  }

  async function moveOrCopy(req: Request, auth: RequestAuth, mode: 'move' | 'copy'): Promise<Response> {
    const body = await jsonBody(req);
    const bucketId = checkBucketId(String(body.bucketId ?? ''));
    const from = checkKey(String(body.sourceKey ?? ''));
    const to = checkKey(String(body.destinationKey ?? ''));
    const toBucket = checkBucketId(String(body.destinationBucket ?? bucketId));
    const result = await asCaller(auth, async (q) => {
      const owner = isUuid(auth.claims.sub) ? auth.claims.sub : null;
      if (mode === 'move') {
        const { rows } = await q.query<{ id: string }>(
          `update storage.objects set bucket_id = $4, name = $3, updated_at = now() where bucket_id = $1 and name = $2 returning id::text`,
          [bucketId, from, to, toBucket],
        );
        if (!rows[0]) throw notFound();
        await files.move(bucketId, from, toBucket, to);
        return rows[0];
      }
      const { rows } = await q.query<{ id: string }>(
        `insert into storage.objects (bucket_id, name, owner, owner_id, metadata, user_metadata, version)
         select $4, $3, $5::uuid, $5, metadata, user_metadata, gen_random_uuid()::text from storage.objects where bucket_id = $1 and name = $2
         returning id::text`,
        [bucketId, from, to, toBucket, owner],
      );
      if (!rows[0]) throw notFound();
      await files.copy(bucketId, from, toBucket, to);
      return rows[0];
    });
    return mode === 'move' ? json({ message: 'Successfully moved' }) : json({ Id: result.id, Key: `${toBucket}/${to}` });
  }

  // ---- routing ---------------------------------------------------------------------------------
  async function route(req: Request, path: string, ctx: ServiceContext): Promise<Response> {
    const m = req.method;
    const url = new URL(req.url);
    const download = url.searchParams.has('download') ? url.searchParams.get('download') : null;

    // Open routes: public objects and signed URLs need no key.
    if (path.startsWith('/object/public/') && (m === 'GET' || m === 'HEAD')) {
      const { bucket, key } = splitBucketKey(path.slice('/object/public'.length));
      const b = await bucketById(bucket).catch(() => {
        throw notFound();
      });
      if (!b.public) throw notFound();
      return serveObject(req, bucket, checkKey(key), await metaAsOwner(bucket, key), download);
    }
    if (path.startsWith('/object/sign/') && (m === 'GET' || m === 'HEAD')) {
      const { bucket, key } = splitBucketKey(path.slice('/object/sign'.length));
      const token = url.searchParams.get('token');
      if (!token) throw new StorageError(400, 'InvalidJWT', 'querystring must have required property \'token\'');
      let claims: Record<string, unknown>;
      try {
        claims = await verifyJwt(token, secret);
      } catch (error) {
        throw new StorageError(400, 'InvalidJWT', error instanceof JwtError && error.code === 'PGRST303' ? 'jwt expired' : 'invalid signature');
      }
      if (claims.url !== `${bucket}/${key}`) throw new StorageError(400, 'InvalidSignature', 'The url do not match the signature');
      return serveObject(req, bucket, checkKey(key), await metaAsCaller(signerOf(claims), bucket, key), download);
    }

    const auth = await callerAuth(req, ctx);
    if (path === '/bucket' || path.startsWith('/bucket/')) return buckets(req, path, auth);
    if (path === '/object/move' && m === 'POST') return moveOrCopy(req, auth, 'move');
    if (path === '/object/copy' && m === 'POST') return moveOrCopy(req, auth, 'copy');
    if (path.startsWith('/object/list/') && m === 'POST') return list(req, splitBucketKey(path.slice('/object/list'.length)).bucket, auth);
    if (path.startsWith('/object/sign/') && m === 'POST') {
      const { bucket, key } = splitBucketKey(path.slice('/object/sign'.length));
      const body = await jsonBody(req);
      const expiresIn = parseExpiry(body.expiresIn);
      if (!key) {
        const paths = Array.isArray(body.paths) ? body.paths.map(String) : [];
        const visible = await asCaller(auth, async (q) =>
          new Set((await q.query<{ name: string }>('select name from storage.objects where bucket_id = $1 and name = any($2::text[])', [bucket, paths])).rows.map((r) => r.name)),
        );
        const out = [];
        for (const p of paths) {
          out.push(visible.has(p) ? { error: null, path: p, signedURL: await sign(bucket, p, expiresIn, auth) } : { error: 'Either the object does not exist or you do not have access to it', path: p, signedURL: null });
        }
        return json(out);
      }
      await metaAsCaller(auth, bucket, checkKey(key));
      return json({ signedURL: await sign(bucket, key, expiresIn, auth) });
    }
    if (path.startsWith('/object/info/') && m === 'GET') {
      const { bucket, key } = splitBucketKey(path.slice('/object/info'.length).replace(/^\/(authenticated|public)\//, '/'));
      const row = await asCaller(auth, async (q) =>
        (await q.query<Record<string, unknown>>(
          `select id::text, name, version, bucket_id, created_at, updated_at, last_accessed_at, metadata, user_metadata
             from storage.objects where bucket_id = $1 and name = $2`, [bucket, checkKey(key)])).rows[0],
      );
      if (!row) throw notFound();
      const meta = (row.metadata ?? {}) as ObjectMeta;
      return json({ ...row, size: meta.size, content_type: meta.mimetype, cache_control: meta.cacheControl, etag: meta.eTag, last_modified: meta.lastModified });
    }
    if (path.startsWith('/object/')) {
      const rest = path.slice('/object'.length).replace(/^\/authenticated\//, '/');
      const { bucket, key } = splitBucketKey(rest);
      if ((m === 'GET' || m === 'HEAD') && key) return serveObject(req, bucket, checkKey(key), await metaAsCaller(auth, bucket, key), download);
      if (m === 'POST' && key) return upload(req, bucket, key, auth, /^true$/i.test(req.headers.get('x-upsert') ?? ''));
      if (m === 'PUT' && key) return upload(req, bucket, key, auth, true);
      if (m === 'DELETE' && !key) return removeMany(req, bucket, auth);
      if (m === 'DELETE' && key) {
        const removed = await asCaller(auth, async (q) =>
          (await q.query('delete from storage.objects where bucket_id = $1 and name = $2', [bucket, checkKey(key)])).rowCount,
        );
        if (!removed) throw notFound();
        await files.remove(bucket, key);
        return json({ message: 'Successfully deleted' });
      }
    }
    if (path === '/status' || path === '/health') return json({ status: 'ok' });
    throw new StorageError(404, 'not_found', `Route ${m}:${path} not found`);
  }

  return async (req, path, ctx) => {
    try {
      return await route(req, path, ctx);
    } catch (error) {
      if (error instanceof StorageError) return error.toResponse();
      const mapped = fromPgError(error);
      if (mapped) return mapped.toResponse();
      throw error;
    }
  };
}

/** `file_size_limit` as a number of bytes or a string such as "5MB" / "100KB" / "1GB". */
function parseSizeLimit(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return value > 0 ? Math.floor(value) : null;
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(String(value).trim());
  if (!match) throw new StorageError(400, 'InvalidRequest', `Invalid file_size_limit: ${String(value)}`);
  const unit = (match[2] ?? 'b').toLowerCase() as 'b' | 'kb' | 'mb' | 'gb';
  return Math.floor(Number(match[1]) * { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[unit]);
}

/** User metadata (x-metadata header, base64 JSON, or the form's `metadata` field) must be a JSON object. */
function parseUserMetadata(text: string, source: string): Record<string, unknown> {
  if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) throw new StorageError(400, 'InvalidRequest', `${source} is nested deeper than ${MAX_JSON_DEPTH} levels`);
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    /* below */
  }
  throw new StorageError(400, 'InvalidRequest', `${source} must be a JSON object${source === 'x-metadata' ? ' encoded in base64' : ''}`);
}
