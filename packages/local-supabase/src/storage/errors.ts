import { json } from '../gateway/http.ts';

/** Supabase Storage's error body: `{statusCode, error, message}` (statusCode is a string). */
export class StorageError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
  ) {
    super(message);
  }

  toResponse(): Response {
    return json({ statusCode: String(this.status), error: this.error, message: this.message }, this.status);
  }
}

export const notFound = (what = 'Object') => new StorageError(404, 'not_found', `${what} not found`);

/** Postgres errors met while running metadata SQL as the caller → Storage's answers. */
export function fromPgError(error: unknown): StorageError | undefined {
  const e = error as { code?: string; message?: string };
  if (e?.code === '42501') return new StorageError(403, 'Unauthorized', e.message?.includes('row-level security') ? 'new row violates row-level security policy' : (e.message ?? 'permission denied'));
  if (e?.code === '23505') return new StorageError(409, 'Duplicate', 'The resource already exists');
  if (e?.code === '23503') return new StorageError(404, 'not_found', 'Bucket not found');
  if (e?.code && /^(22|23)/.test(e.code)) return new StorageError(400, 'InvalidRequest', e.message ?? 'invalid request');
  return undefined;
}
