/**
 * The one translator from API errors (PostgREST / Postgres codes, GoTrue, Storage, the network) to a
 * Chinese sentence that tells people what to do next — used by the admin and the mini-program.
 * The database's own messages (triggers and RPCs raise Chinese text) are shown as they are.
 */
import { LAT_RANGE_MESSAGE, LNG_RANGE_MESSAGE } from './coordinates.ts';
import { TARGET_CHECK_MESSAGES } from './targets.ts';

/** What supabase-js, refine or fetch throw or return as `error`. */
export type ErrorLike = {
  code?: unknown;
  message?: unknown;
  details?: unknown;
  hint?: unknown;
  status?: unknown;
  statusCode?: unknown;
};

const HAS_CHINESE = /[\u4e00-\u9fff]/;
const JWT_PROBLEM = /jwt expired|jwt.*invalid|invalid jwt|jws|token.*expired/i;
const NETWORK_FAILURE = /failed to fetch|networkerror|load failed|fetch failed|network request failed|request:fail/i;

function asErrorLike(error: unknown): ErrorLike {
  return typeof error === 'object' && error !== null ? (error as ErrorLike) : { message: String(error ?? '') };
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

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

/** True when the request never got an answer (offline, DNS, refused; supabase-js reports status 0). */
export function isNetworkError(error: unknown): boolean {
  const e = asErrorLike(error);
  return NETWORK_FAILURE.test(str(e.message)) || e.status === 0 || e.statusCode === 0;
}

/** HTTP-like status of an error: 0 for the network, else the response's status or the code's. */
export function errorStatus(error: unknown): number {
  const e = asErrorLike(error);
  if (isNetworkError(error)) return 0;
  const fromCode = statusForCode(str(e.code) || undefined, str(e.message));
  const explicit = Number(e.status ?? e.statusCode);
  if (fromCode === 500 && Number.isInteger(explicit) && explicit >= 400) return explicit;
  return fromCode;
}

/** Whether an error means the session is gone (expired/invalid JWT). */
export function isSessionError(error: unknown): boolean {
  const e = asErrorLike(error);
  const code = str(e.code);
  if (e.statusCode === 401 || e.status === 401) return true;
  if (/^PGRST30[0-3]$/.test(code)) return true;
  return JWT_PROBLEM.test(str(e.message));
}

/** Check-constraint names of the schema → what people should fix. */
export const CONSTRAINT_MESSAGES: Record<string, string> = {
  institution_sites_lat_check: `${LAT_RANGE_MESSAGE}（GCJ-02 坐标，中国境内），请检查后重新填写`,
  institution_sites_lng_check: `${LNG_RANGE_MESSAGE}（GCJ-02 坐标，中国境内），请检查后重新填写`,
  institution_sites_address_check: '详细地址应为 4～200 个字',
  institutions_name_check: '机构名称应为 2～100 个字',
  institutions_contact_phone_check: '联系电话格式不正确：只能包含数字和“-”，5～20 位，例如 0537-7211001',
  institutions_opening_hours_check: '开放时间不能超过 200 个字',
  institutions_prepayment_terms_check: '预收费及退费规则不能超过 1000 个字',
  institutions_description_check: '机构简介不能超过 2000 个字',
  classes_age_check: '最小月龄应小于最大月龄',
  classes_enrolled_capacity_check: '在托人数不能超过托位数',
  classes_capacity_check: '托位数应大于 0',
  classes_name_check: '班级名称应为 1～50 个字',
  staff_certificate_check: '资格证书类型和证书编号须同时填写或同时留空',
  staff_name_check: '姓名应为 1～50 个字',
  staff_certificate_no_check: '证书编号不能超过 64 个字符',
  filing_documents_mime_type_check: '文件类型不支持：请上传 JPG、PNG 图片或 PDF 文件',
  filing_documents_size_bytes_check: '文件大小应在 20MB 以内',
  ...TARGET_CHECK_MESSAGES,
  // 补贴标准 (the trigger words these first; the constraints stay as the last guard)
  subsidy_rules_unique: '该区划本年度已有此类别（班型）的补贴标准，请直接修改',
  subsidy_rules_class_type_check: '运营补贴须选择班型；建设补助不分班型',
  subsidy_rules_amount_yuan_check: '补贴标准金额不能为负数',
  subsidy_rules_min_months_check: '最少在托月数应为 0～6 个月',
};

export const NETWORK_ERROR_MESSAGE = '网络连接失败，请检查网络后重试';

/**
 * A Chinese sentence for any error of supabase-js (PostgREST, RPC, Storage, Auth) or the network.
 * `reading`: the person only tried to look at something (the mini-program's pages), so refusals
 * and failures are worded as "cannot show" instead of "cannot do".
 */
export function errorMessage(error: unknown, options: { reading?: boolean } = {}): string {
  const e = asErrorLike(error);
  const code = str(e.code);
  const message = str(e.message);
  const details = str(e.details);
  const hint = str(e.hint);
  const reading = options.reading === true;
  for (const [constraint, text] of Object.entries(CONSTRAINT_MESSAGES)) {
    if (message.includes(constraint) || details.includes(constraint)) return text;
  }
  if (isNetworkError(error)) return NETWORK_ERROR_MESSAGE;
  const status = errorStatus(error);
  // Storage API errors: numeric status plus an English message.
  if (/mime type .* is not supported|invalid_mime_type/i.test(message) || status === 415) {
    return '服务器拒绝了该文件类型：请上传 JPG、PNG 图片或 PDF 文件';
  }
  if (/payload too large|exceeded the maximum allowed size/i.test(message) || status === 413) {
    return '文件超过服务器允许的大小（20MB），请压缩后重新上传';
  }
  if (/numeric field overflow|out of range/i.test(message)) {
    return `数值超出允许范围（坐标：${LAT_RANGE_MESSAGE}、${LNG_RANGE_MESSAGE}），请检查后重新填写`;
  }
  if (!reading && HAS_CHINESE.test(message)) {
    return hint && HAS_CHINESE.test(hint) && !message.includes(hint) ? `${message}（${hint}）` : message;
  }
  if (!code && /already exists/i.test(message)) return '同名文件已存在，请重新选择文件上传';
  const suffix = message && !reading ? `（${message}）` : '';
  switch (status) {
    case 401:
      return reading ? '没有权限查看，请登录后重试' : '登录已过期，请重新登录';
    case 403:
      return reading ? '没有权限查看，请登录后重试' : '没有权限执行此操作，如需开通请联系上级管理员';
    case 404:
      return reading ? '没有找到要查看的内容' : '请求的数据或接口不存在，请刷新页面后重试';
    case 406:
      return '未找到对应的记录，可能已被删除或无权查看';
    case 409:
      return code === '23503' ? '关联的数据不存在或仍被其他记录引用' : '已存在相同的记录，请勿重复提交';
    case 501:
    case 503:
      return '服务暂时不可用，请稍后重试';
    default:
      if (reading) return Number(e.status ?? e.statusCode) >= 500 ? '服务暂时不可用，请稍后重试' : '加载失败，请稍后重试';
      if (status >= 400 && status < 500) return `提交的数据不符合要求，请检查后重试${suffix}`;
      return `操作失败，请稍后重试${suffix}`;
  }
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
  if (NETWORK_FAILURE.test(message) || error.status === 0) {
    return '无法连接认证服务，请检查网络或稍后重试';
  }
  if (error.status && error.status >= 500) return '认证服务暂时不可用，请稍后重试';
  return `登录失败：${message || '请稍后重试'}`;
}
