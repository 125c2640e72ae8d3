/**
 * /storage/v1 — the Supabase Storage subset supabase-js uses: buckets, upload (POST create, PUT /
 * x-upsert upsert; multipart or raw), download (authenticated and public), signed URLs, list,
 * remove, move, copy. Metadata rows live in storage.objects / storage.buckets and every access by a
 * caller runs as that caller (role + claims), so RLS policies decide exactly as on Supabase.
 *
 * Routed with Hono: buckets.ts (/bucket), objects.ts (/object: download, upload, sign, info,
 * delete), listing.ts (list, bulk remove, move, copy), upload.ts; shared state in context.ts,
 * input checks in validate.ts.
 */
import type { KeySet } from '../config.ts';
import type { Database } from '../db/types.ts';
import type { Service } from '../gateway/app.ts';
import { json } from '../gateway/http.ts';
import { createServiceApp, toService } from '../gateway/service.ts';
import { bucketRoutes } from './buckets.ts';
import { StorageContext } from './context.ts';
import { StorageError, fromPgError } from './errors.ts';
import { objectRoutes } from './objects.ts';

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

export function createStorageService(options: StorageServiceOptions): Service {
  const s = new StorageContext(
    options.db,
    options.storageDir,
    options.maxUploadBytes ?? 50 * 1024 * 1024,
    options.keys.jwtSecret,
    options.signedUrlMaxAge ?? DEFAULT_SIGNED_URL_MAX_AGE,
  );
  const app = createServiceApp();
  app.on(['GET', 'HEAD'], '/status', () => json({ status: 'ok' }));
  app.on(['GET', 'HEAD'], '/health', () => json({ status: 'ok' }));
  objectRoutes(app, s);
  bucketRoutes(app, s);
  app.notFound((c) => new StorageError(404, 'not_found', `Route ${c.req.method}:${c.req.path} not found`).toResponse());
  app.onError((error) => {
    if (error instanceof StorageError) return error.toResponse();
    const mapped = fromPgError(error);
    if (mapped) return mapped.toResponse();
    throw error;
  });
  return toService(app);
}
