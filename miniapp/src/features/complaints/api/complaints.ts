/**
 * 投诉举报 (issue 13): `submit_complaint` (idempotent by key: a retried submission returns the same
 * complaint) and `track_complaint` (public timeline). Rules and messages come from SQL.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import type { Database } from '@tuoyu/db-types';
import { throwIfError } from '../../../lib/api-error.ts';
import { getSupabase } from '../../../lib/supabase/client.ts';
import { TRACKING_NO } from '../model/complaint.ts';

export { MOBILE, TRACKING_NO, newIdempotencyKey, normalizeTrackingNo } from '../model/complaint.ts';

type Functions = Database['public']['Functions'];
export type SubmitArgs = Functions['submit_complaint']['Args'];
export type Submitted = Functions['submit_complaint']['Returns'][number];
export type Tracked = Functions['track_complaint']['Returns'][number];

export async function submitComplaint(args: SubmitArgs): Promise<Submitted> {
  const result = await getSupabase().rpc('submit_complaint', args);
  throwIfError(result);
  const row = result.data?.[0];
  if (!row) throw new Error('提交失败，请重试');
  return row;
}

export function useSubmitComplaint() {
  // retries reuse the same idempotency key, so a flaky network never files twice
  return useMutation({ mutationFn: submitComplaint, retry: 2 });
}

export async function trackComplaint(trackingNo: string, signal?: AbortSignal): Promise<Tracked | null> {
  const call = getSupabase().rpc('track_complaint', { tracking_no: trackingNo });
  const result = await (signal ? call.abortSignal(signal) : call);
  throwIfError(result);
  return result.data?.[0] ?? null;
}

export function useTrackComplaint(trackingNo: string | null) {
  return useQuery({
    queryKey: ['track-complaint', trackingNo],
    queryFn: ({ signal }) => trackComplaint(trackingNo ?? '', signal),
    enabled: trackingNo !== null && TRACKING_NO.test(trackingNo),
  });
}
