/**
 * Data access shared by every screen that shows a filing (the operator's, the county's, the
 * registry's): its materials in the private bucket and its status history.
 */
import { useQuery } from '@tanstack/react-query';
import type { FilingStatus } from '@tuoyu/domain';
import type { RpcRow, Tables } from '../../lib/db.ts';
import { toHttpError } from '../../lib/errors.ts';
import { supabaseClient } from '../../providers/supabase-client.ts';

export const FILING_BUCKET = 'filing-documents';

export const DOCUMENT_COLUMNS = 'id,filing_id,material_type,storage_path,file_name,mime_type,size_bytes,created_at';
export type FilingDocument = Pick<
  Tables<'filing_documents'>,
  'id' | 'filing_id' | 'material_type' | 'storage_path' | 'file_name' | 'mime_type' | 'size_bytes' | 'created_at'
>;

export type StatusHistoryEntry = {
  at: string;
  from: FilingStatus | null;
  to: FilingStatus;
  actorId: string | null;
  actorName: string | null;
  reasons: string | null;
};

function fail(error: unknown): never {
  throw toHttpError(error);
}

/** A short-lived URL to preview a material from the private bucket (RLS decides who gets one). */
export async function signedMaterialUrl(path: string, seconds = 600): Promise<string> {
  const { data, error } = await supabaseClient.storage.from(FILING_BUCKET).createSignedUrl(path, seconds);
  if (error || !data?.signedUrl) {
    throw { statusCode: 403, message: '无法获取材料预览链接，可能文件已删除或您无权查看' };
  }
  return data.signedUrl;
}

/** Status changes of a filing, oldest first (`filing_events`, written by the database only). */
export async function fetchStatusHistory(filingId: string): Promise<StatusHistoryEntry[]> {
  const { data, error } = await supabaseClient
    .from('filing_events')
    .select('occurred_at,from_status,to_status,actor_id,actor_name,reasons')
    .eq('filing_id', filingId)
    .order('occurred_at', { ascending: true })
    .order('id', { ascending: true });
  if (error) fail(error);
  return (data ?? []).map((e) => ({
    at: e.occurred_at,
    from: e.from_status as FilingStatus | null,
    to: e.to_status as FilingStatus,
    actorId: e.actor_id,
    actorName: e.actor_name,
    reasons: e.reasons,
  }));
}


/**
 * A material's bytes as an object URL (for the preview and "open in a new window"). A file the
 * storage does not have, or cannot serve, is a Chinese error — the API's JSON never reaches people.
 */
export async function fetchMaterialFile(path: string, mimeType: string): Promise<string> {
  const signed = await signedMaterialUrl(path);
  let response: Response;
  try {
    response = await fetch(signed);
  } catch {
    throw { statusCode: 0, message: '网络连接失败，无法读取材料文件，请检查网络后重试' };
  }
  if (response.status === 404 || response.status === 400) {
    throw { statusCode: 404, message: '材料文件不存在（可能上传未完成或已被删除），请联系机构重新上传' };
  }
  if (response.status === 401 || response.status === 403) {
    throw { statusCode: 403, message: '您无权查看该材料，或预览链接已过期，请刷新页面后重试' };
  }
  if (!response.ok) throw { statusCode: response.status, message: '文件服务暂时不可用，请稍后重试' };
  const blob = await response.blob();
  return URL.createObjectURL(new Blob([blob], { type: mimeType || blob.type }));
}

/** The Chinese page a new window shows when a material cannot be opened. */
export function materialErrorPage(fileName: string, message: string): string {
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>无法打开材料</title></head><body style="font-family:system-ui,'PingFang SC','Microsoft YaHei',sans-serif;max-width:560px;margin:48px auto;padding:0 16px;color:#1f1f1f"><h1 style="font-size:20px" data-testid="material-error-page">无法打开材料</h1><p>文件：${esc(fileName)}</p><p>${esc(message)}</p><p style="color:#8c8c8c">可关闭此窗口，返回审核页面。</p></body></html>`;
}

/**
 * A material's files: the latest upload is the current one (a replacement replaces it), the
 * earlier ones are its history, newest first.
 */
export function currentAndHistory<D extends Pick<FilingDocument, 'created_at'>>(documents: D[]): { current: D | null; history: D[] } {
  const sorted = [...documents].sort((a, b) => a.created_at.localeCompare(b.created_at));
  const current = sorted.pop() ?? null;
  return { current, history: sorted.reverse() };
}

export type ChangeDiffRow = RpcRow<'filing_change_diff'>;
export const changeDiffKey = (filingId: string) => ['filing-change-diff', filingId] as const;

/**
 * Before/after of a change filing, one row per proposed item (SQL: public.filing_change_diff, read
 * under RLS: the county reviewing it and the operator proposing it).
 */
export async function fetchChangeDiff(filingId: string): Promise<ChangeDiffRow[]> {
  const { data, error } = await supabaseClient.rpc('filing_change_diff', { filing_id: filingId });
  if (error) fail(error);
  return data ?? [];
}

/** The before/after rows of a change filing (`enabled` false for other kinds). */
export function useChangeDiff(filingId: string, enabled = true) {
  return useQuery({ queryKey: changeDiffKey(filingId), enabled, queryFn: () => fetchChangeDiff(filingId) });
}

/** Names of the streets a change filing's diff mentions (regions are public reference data). */
export function useStreetNames(rows: ChangeDiffRow[] | undefined) {
  const codes = [...new Set((rows ?? []).filter((r) => r.field === 'street_code').flatMap((r) => [r.before, r.after]))]
    .filter((c): c is string => typeof c === 'string')
    .sort();
  return useQuery({
    queryKey: ['street-names', ...codes],
    enabled: codes.length > 0,
    staleTime: 30 * 60_000,
    queryFn: async (): Promise<Record<string, string>> => {
      const { data, error } = await supabaseClient.from('regions').select('code,name').in('code', codes);
      if (error) fail(error);
      return Object.fromEntries((data ?? []).map((r) => [r.code, r.name]));
    },
  });
}
