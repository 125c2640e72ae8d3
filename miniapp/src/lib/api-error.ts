/**
 * Errors from the API. Query hooks throw `ApiError` (message, HTTP status, code); pages show
 * `errorMessage(error, { reading: true })` of @tuoyu/domain — the one translator both apps use.
 */

export class ApiError extends Error {
  constructor(
    message: string,
    /** HTTP status; 0 when the request never got an answer (offline, DNS, refused). */
    readonly status: number,
    readonly code: string = '',
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** What supabase-js returns next to `data`. */
export type SupabaseResult = { error: { message: string; code?: string } | null; status: number };

/** Throws an ApiError when a supabase-js call failed (for use inside query functions). */
export function throwIfError(result: SupabaseResult): void {
  if (result.error) throw new ApiError(result.error.message, result.status, result.error.code ?? '');
}
