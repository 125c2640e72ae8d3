/**
 * Data access shared by every screen that shows a filing (the operator's, the county's, the
 * registry's): its materials in the private bucket and its status history.
 */
import type { FilingStatus } from '@tuoyu/domain';
import type { Tables } from '../../lib/db.ts';
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

