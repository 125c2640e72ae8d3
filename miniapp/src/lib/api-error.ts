/**
 * Errors from the API, turned into something a family can act on (in Chinese). Query hooks throw
 * `ApiError`; pages show `describeError(error)`.
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

const NETWORK_FAILURE = /network request failed|failed to fetch|networkerror|fetch failed|request:fail/i;

export function describeError(error: unknown): string {
  const status = error instanceof ApiError ? error.status : 0;
  const message = error instanceof Error ? error.message : String(error ?? '');
  if (status === 0 && (NETWORK_FAILURE.test(message) || error instanceof ApiError)) {
    return '网络连接失败，请检查网络后重试';
  }
  if (status === 401 || status === 403) return '没有权限查看，请登录后重试';
  if (status === 404) return '没有找到要查看的内容';
  if (status >= 500) return '服务暂时不可用，请稍后重试';
  return '加载失败，请稍后重试';
}
