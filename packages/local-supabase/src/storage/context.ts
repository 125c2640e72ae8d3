/** What every storage route shares: the database, the bytes on disk, and running SQL as the caller. */
import type { Database, Queryable } from '../db/types.ts';
import { runAs, type RequestAuth } from '../request-context.ts';
import { JwtError, signJwt } from '../jwt.ts';
import type { ServiceContext } from '../gateway/app.ts';
import { StorageError, fromPgError, notFound } from './errors.ts';
import { FileStore } from './files.ts';
import { BUCKET_COLUMNS, type BucketRow, type ObjectMeta } from './validate.ts';

export class StorageContext {
  readonly files: FileStore;

  constructor(
    readonly db: Database,
    storageDir: string,
    readonly maxUpload: number,
    readonly jwtSecret: string,
    readonly signedUrlMaxAge: number,
  ) {
    this.files = new FileStore(storageDir);
  }

  /** Run metadata SQL as the caller; Postgres errors become Storage errors. */
  async asCaller<T>(auth: RequestAuth, fn: (q: Queryable) => Promise<T>): Promise<T> {
    try {
      return await runAs(this.db, auth, fn);
    } catch (error) {
      throw fromPgError(error) ?? error;
    }
  }

  async callerAuth(req: Request, ctx: ServiceContext): Promise<RequestAuth> {
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
  async bucketById(id: string): Promise<BucketRow> {
    const { rows } = await this.db.query<BucketRow>(`select ${BUCKET_COLUMNS} from storage.buckets where id = $1`, [id]);
    if (!rows[0]) throw new StorageError(404, 'Bucket not found', 'Bucket not found');
    return rows[0];
  }

  /** An object's bytes with its metadata's headers (nosniff always), honouring If-None-Match and ?download. */
  async serveObject(req: Request, bucketId: string, key: string, meta: ObjectMeta | null, download: string | null): Promise<Response> {
    const bytes = await this.files.read(bucketId, key);
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

  async metaAsCaller(auth: RequestAuth, bucketId: string, key: string): Promise<ObjectMeta | null> {
    const row = await this.asCaller(auth, async (q) =>
      (await q.query<{ metadata: ObjectMeta | null }>('select metadata from storage.objects where bucket_id = $1 and name = $2', [bucketId, key])).rows[0],
    );
    if (!row) throw notFound();
    return row.metadata;
  }

  async metaAsOwner(bucketId: string, key: string): Promise<ObjectMeta | null> {
    const row = (await this.db.query<{ metadata: ObjectMeta | null }>('select metadata from storage.objects where bucket_id = $1 and name = $2', [bucketId, key])).rows[0];
    if (!row) throw notFound();
    return row.metadata;
  }

  // The token names the signer (role and sub): every fetch re-checks that the signer may still read
  // the object, so a URL stops working when its signer loses access (Supabase does not re-check).
  async sign(bucketId: string, key: string, expiresIn: number, signer: RequestAuth): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = { url: `${bucketId}/${key}`, iat: now, exp: now + expiresIn, role: signer.role };
    if (typeof signer.claims.sub === 'string') claims.sub = signer.claims.sub;
    const token = await signJwt(claims, this.jwtSecret);
    return `/object/sign/${encodeURIComponent(bucketId)}/${key.split('/').map(encodeURIComponent).join('/')}?token=${token}`;
  }

  parseExpiry(value: unknown): number {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new StorageError(400, 'InvalidRequest', 'expiresIn must be a positive integer');
    if (n > this.signedUrlMaxAge) throw new StorageError(400, 'InvalidRequest', `expiresIn must be at most ${this.signedUrlMaxAge} seconds`);
    return n;
  }

  /** The signer of a signed URL, as far as its token names one. */
  signerOf(claims: Record<string, unknown>): RequestAuth {
    if (typeof claims.role !== 'string' || !claims.role) throw new StorageError(400, 'InvalidJWT', 'invalid signature');
    const signer: Record<string, unknown> = { role: claims.role };
    if (typeof claims.sub === 'string') signer.sub = claims.sub;
    return { role: claims.role, claims: signer };
  }
}
