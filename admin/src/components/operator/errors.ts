/**
 * Errors of the operator screens in Chinese, with what to do next. The database's own messages
 * (triggers and RPCs raise Chinese text with codes 23514 / 42501 / 22023 / P0001) are shown as they
 * are; check-constraint names and storage errors get a sentence here; the rest goes through the
 * admin's general mapping (lib/errors.ts).
 */
import { toHttpError } from '../../lib/errors.ts';

type ErrorLike = { code?: unknown; message?: unknown; details?: unknown; hint?: unknown; status?: unknown; statusCode?: unknown };

const HAS_CHINESE = /[\u4e00-\u9fff]/;

/** Constraint names of the schema → what people should fix. */
const CONSTRAINT_MESSAGES: Record<string, string> = {
  institution_sites_lat_check: '纬度应在 3.5～53.6 之间（GCJ-02 坐标，中国境内），请检查后重新填写',
  institution_sites_lng_check: '经度应在 73.4～135.1 之间（GCJ-02 坐标，中国境内），请检查后重新填写',
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
};

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A Chinese sentence for any error of supabase-js (PostgREST, RPC, storage) or the network. */
export function operatorErrorMessage(error: unknown): string {
  const e: ErrorLike = typeof error === 'object' && error !== null ? (error as ErrorLike) : { message: String(error) };
  const message = str(e.message);
  const hint = str(e.hint);
  const details = str(e.details);
  for (const [constraint, text] of Object.entries(CONSTRAINT_MESSAGES)) {
    if (message.includes(constraint) || details.includes(constraint)) return text;
  }
  // Storage API errors: numeric status plus an English message.
  const status = Number(e.statusCode ?? e.status);
  if (/mime type .* is not supported|invalid_mime_type/i.test(message) || status === 415) {
    return '服务器拒绝了该文件类型：请上传 JPG、PNG 图片或 PDF 文件';
  }
  if (/payload too large|exceeded the maximum allowed size/i.test(message) || status === 413) {
    return '文件超过服务器允许的大小（20MB），请压缩后重新上传';
  }
  if (/numeric field overflow|out of range/i.test(message)) {
    return '数值超出允许范围（坐标：纬度 3.5～53.6、经度 73.4～135.1），请检查后重新填写';
  }
  if (/row-level security/i.test(message)) {
    return '没有权限执行此操作：只能修改本机构的信息和处于草稿或退回修改状态的备案';
  }
  if (/duplicate|already exists/i.test(message) && !HAS_CHINESE.test(message)) {
    return '同名文件已存在，请重新选择文件上传';
  }
  if (HAS_CHINESE.test(message)) {
    return hint && HAS_CHINESE.test(hint) && !message.includes(hint) ? `${message}（${hint}）` : message;
  }
  return toHttpError(error).message;
}

/** Throws the Chinese message as an Error (for react-query and forms). */
export class OperatorError extends Error {
  constructor(error: unknown) {
    super(operatorErrorMessage(error));
    this.name = 'OperatorError';
  }
}

export function fail(error: unknown): never {
  throw new OperatorError(error);
}
