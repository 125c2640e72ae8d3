/**
 * Turns PostgREST / GoTrue / network errors into refine's HttpError with an HTTP-like status and a
 * Chinese message that tells the person what to do next.
 *
 * @refinedev/supabase sets `statusCode = parseInt(error.code)`, which yields 42501 or NaN for
 * PostgREST codes, so refine's authProvider.onError would never see a 401. We map codes ourselves.
 */

export type AppHttpError = {
  message: string;
  statusCode: number;
  code?: string;
  details?: string;
  hint?: string;
};

type ErrorLike = {
  code?: unknown;
  message?: unknown;
  details?: unknown;
  hint?: unknown;
  status?: unknown;
  statusCode?: unknown;
  name?: unknown;
};

function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

const JWT_PROBLEM = /jwt expired|jwt.*invalid|invalid jwt|jws|token.*expired/i;

/** HTTP-like status for a PostgREST/Postgres error code (PostgREST's own mapping). */
export function statusForCode(code: string | undefined, message = ''): number {
  if (JWT_PROBLEM.test(message)) return 401;
  if (!code) return 500;
  if (/^PGRST30[0-3]$/.test(code)) return 401;
  if (code === '42501') return 403;
  if (code === 'PGRST116') return 406;
  if (code === '23505' || code === '23503') return 409;
  if (code === '42P01' || code === '42883' || code === 'PGRST202' || code === 'PGRST205') return 404;
  if (code === '25006') return 405;
  if (code.startsWith('08') || code === 'PGRST000' || code === 'PGRST001' || code === 'PGRST002') return 503;
  if (code === 'P0001' || /^(22|23|42)/.test(code) || code.startsWith('PGRST1') || code.startsWith('PGRST2')) {
    return 400;
  }
  const numeric = Number(code);
  if (Number.isInteger(numeric) && numeric >= 400 && numeric < 600) return numeric;
  return 500;
}

/** A Chinese sentence for people; P0001 messages come from our own RPCs and are shown as they are. */
export function chineseMessage(status: number, code: string | undefined, message: string): string {
  if (code === 'P0001' && message) return message;
  if (/failed to fetch|networkerror|load failed|fetch failed/i.test(message)) {
    return '无法连接服务器，请检查网络后重试';
  }
  switch (status) {
    case 401:
      return '登录已过期，请重新登录';
    case 403:
      return '没有权限执行此操作，如需开通请联系上级管理员';
    case 404:
      return '请求的数据或接口不存在，请刷新页面后重试';
    case 406:
      return '未找到对应的记录，可能已被删除或无权查看';
    case 409:
      return code === '23503' ? '关联的数据不存在或仍被其他记录引用' : '已存在相同的记录，请勿重复提交';
    case 501:
      return '服务器暂不支持该操作，请稍后重试';
    case 503:
      return '数据库暂时不可用，请稍后重试';
    default:
      if (status >= 400 && status < 500) return `提交的数据不符合要求，请检查后重试${message ? `（${message}）` : ''}`;
      return `操作失败，请稍后重试${message ? `（${message}）` : ''}`;
  }
}

export function toHttpError(error: unknown): AppHttpError {
  const e: ErrorLike = typeof error === 'object' && error !== null ? (error as ErrorLike) : { message: String(error) };
  const code = asString(e.code);
  const message = asString(e.message) ?? '';
  const explicitStatus = typeof e.status === 'number' && e.status >= 400 ? e.status : undefined;
  let status = statusForCode(code, message);
  if (status === 500 && explicitStatus) status = explicitStatus;
  if (/failed to fetch|networkerror|load failed|fetch failed/i.test(message)) status = 0;
  return {
    statusCode: status,
    message: chineseMessage(status, code, message),
    ...(code ? { code } : {}),
    ...(asString(e.details) ? { details: asString(e.details) } : {}),
    ...(asString(e.hint) ? { hint: asString(e.hint) } : {}),
  };
}

/** Whether an error means the session is gone (expired/invalid JWT). */
export function isSessionError(error: unknown): boolean {
  const e: ErrorLike = typeof error === 'object' && error !== null ? (error as ErrorLike) : {};
  const code = asString(e.code);
  const message = asString(e.message) ?? '';
  if (e.statusCode === 401 || e.status === 401) return true;
  if (code && /^PGRST30[0-3]$/.test(code)) return true;
  return JWT_PROBLEM.test(message);
}

/** GoTrue sign-in errors → Chinese. */
export function loginErrorMessage(error: { code?: string; status?: number; message?: string } | null): string {
  if (!error) return '登录失败，请稍后重试';
  const code = error.code ?? '';
  const message = error.message ?? '';
  if (code === 'invalid_credentials' || /invalid login credentials/i.test(message)) {
    return '邮箱或密码错误，请重新输入';
  }
  if (code === 'email_not_confirmed') return '该邮箱尚未验证，请先完成邮箱验证';
  if (code === 'user_banned') return '该账号已被停用，请联系管理员';
  if (error.status === 429 || /rate limit|too many/i.test(code + message)) {
    return '尝试次数过多，请稍后再试';
  }
  if (/failed to fetch|networkerror|load failed|fetch failed/i.test(message) || error.status === 0) {
    return '无法连接认证服务，请检查网络或稍后重试';
  }
  if (error.status && error.status >= 500) return '认证服务暂时不可用，请稍后重试';
  return `登录失败：${message || '请稍后重试'}`;
}
