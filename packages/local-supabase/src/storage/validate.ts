/** Input checks and shapes shared by the storage routes: bucket ids, object keys, bodies, metadata. */
import { MAX_JSON_DEPTH, jsonDepth, readBody, tryDecode } from '../gateway/http.ts';
import { StorageError } from './errors.ts';

export interface BucketRow {
  id: string;
  name: string;
  owner: string | null;
  public: boolean;
  file_size_limit: number | string | null;
  allowed_mime_types: string[] | null;
  created_at: Date | string;
  updated_at: Date | string;
}

export interface ObjectMeta {
  eTag?: string;
  size?: number;
  mimetype?: string;
  cacheControl?: string;
  lastModified?: string;
  contentLength?: number;
  httpStatusCode?: number;
}

export const BUCKET_COLUMNS = `id, name, owner::text, public, file_size_limit, allowed_mime_types, created_at, updated_at`;
export const BUCKET_ID_RE = /^[\w!\-.*'() &$@=;:+,?]+$/;

export function bucketJson(b: BucketRow): Record<string, unknown> {
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

export function checkBucketId(id: string): string {
  if (!id || id === '.' || id === '..' || !BUCKET_ID_RE.test(id)) throw new StorageError(400, 'InvalidBucketName', `Bucket name invalid: ${id}`);
  return id;
}

export const utf8Length = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * Object keys as Supabase accepts them: no empty segments, no "." / "..", no control characters;
 * at most 1,024 bytes, and each segment (a folder or file name on disk) at most 255 bytes.
 */
export function checkKey(name: string): string {
  // eslint-disable-next-line no-control-regex
  if (!name || name.startsWith('/') || name.split('/').some((s) => s === '' || s === '.' || s === '..') || /[\u0000-\u001f\u007f]/.test(name)) {
    throw new StorageError(400, 'InvalidKey', `Invalid key: ${name}`);
  }
  if (utf8Length(name) > 1024 || name.split('/').some((s) => utf8Length(s) > 255)) {
    throw new StorageError(400, 'InvalidKey', 'Invalid key: a name is too long (at most 255 bytes per segment, 1024 in all)');
  }
  return name;
}

export function mimeAllowed(mime: string, allowed: string[] | null): boolean {
  if (!allowed || allowed.length === 0) return true;
  const base = mime.split(';')[0]!.trim().toLowerCase();
  return allowed.some((a) => {
    const rule = a.trim().toLowerCase();
    if (rule === '*/*' || rule === '*') return true;
    if (rule.endsWith('/*')) return base.startsWith(rule.slice(0, -1));
    return base === rule;
  });
}

export const isUuid = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

/** Split "/bucket/a/b.png" into bucket + key (each segment URL-decoded). */
export function splitBucketKey(rest: string): { bucket: string; key: string } {
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

export async function jsonBody(req: Request): Promise<Record<string, unknown>> {
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

/** `file_size_limit` as a number of bytes or a string such as "5MB" / "100KB" / "1GB". */
export function parseSizeLimit(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return value > 0 ? Math.floor(value) : null;
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(String(value).trim());
  if (!match) throw new StorageError(400, 'InvalidRequest', `Invalid file_size_limit: ${String(value)}`);
  const unit = (match[2] ?? 'b').toLowerCase() as 'b' | 'kb' | 'mb' | 'gb';
  return Math.floor(Number(match[1]) * { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[unit]);
}

/** User metadata (x-metadata header, base64 JSON, or the form's `metadata` field) must be a JSON object. */
export function parseUserMetadata(text: string, source: string): Record<string, unknown> {
  if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) throw new StorageError(400, 'InvalidRequest', `${source} is nested deeper than ${MAX_JSON_DEPTH} levels`);
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    /* below */
  }
  throw new StorageError(400, 'InvalidRequest', `${source} must be a JSON object${source === 'x-metadata' ? ' encoded in base64' : ''}`);
}
