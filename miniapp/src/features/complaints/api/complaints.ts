/**
 * 投诉举报 (issue 13): `submit_complaint` (idempotent by key: a retried submission returns the same
 * complaint) and `track_complaint` (public timeline). Rules and messages come from SQL.
 */
import Taro from '@tarojs/taro';
import { useMutation, useQuery } from '@tanstack/react-query';
import { COMPLAINT_PHOTO_LIMITS, photoExtension, photoProblem } from '@tuoyu/domain';
import type { Database } from '@tuoyu/db-types';
import { ApiError, throwIfError } from '../../../lib/api-error.ts';
import { getSupabase } from '../../../lib/supabase/client.ts';
import { TRACKING_NO, photoMimeType } from '../model/complaint.ts';

export { MOBILE, TRACKING_NO, newIdempotencyKey, normalizeTrackingNo } from '../model/complaint.ts';
export { COMPLAINT_PHOTO_LIMITS } from '@tuoyu/domain';

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

/** A photo chosen with Taro.chooseImage (H5 adds the browser's File). */
export type ChosenPhoto = { path: string; size: number; type?: string; originalFileObj?: Blob };

/**
 * Uploads one photo under pending/<idempotency key>/ of the complaint-photos bucket (JPG/PNG,
 * ≤ 5 MB; the bucket and submit_complaint check again) and returns its storage path.
 */
export async function uploadComplaintPhoto(key: string, photo: ChosenPhoto, index: number): Promise<string> {
  const mime = photoMimeType(photo.path, photo.type ?? photo.originalFileObj?.type);
  const problem = photoProblem({ type: mime ?? '', size: photo.size }, COMPLAINT_PHOTO_LIMITS);
  if (problem) throw new Error(problem);
  const path = `pending/${key}/${index}-${Date.now().toString(36)}.${photoExtension(mime!)}`;
  const body: Blob | ArrayBuffer = photo.originalFileObj
    ?? (await new Promise<ArrayBuffer>((resolve, reject) => {
      Taro.getFileSystemManager().readFile({
        filePath: photo.path,
        success: (r) => resolve(r.data as ArrayBuffer),
        fail: (e) => reject(new Error(e.errMsg || '读取照片失败')),
      });
    }));
  const { error } = await getSupabase().storage.from('complaint-photos').upload(path, body, { contentType: mime!, upsert: false });
  if (error) throw new Error(/size|exceed/i.test(error.message) ? '照片不能超过5MB，请压缩后重试' : /mime|type/i.test(error.message) ? '照片只能是 JPG 或 PNG 格式' : `照片上传失败：${error.message}`);
  return path;
}

export function useUploadComplaintPhoto(key: string) {
  return useMutation({ mutationFn: ({ photo, index }: { photo: ChosenPhoto; index: number }) => uploadComplaintPhoto(key, photo, index) });
}

export type ComplaintReply = {
  tracking_no: string;
  status: string;
  public_result: string | null;
  rating: number | null;
  rating_comment: string | null;
  replies: { at: string; note: string }[];
};

/** The complainant's view (complaint_reply): the full reply; null when tracking number and mobile do not match. */
export async function fetchComplaintReply(trackingNo: string, mobile: string): Promise<ComplaintReply | null> {
  const result = await getSupabase().rpc('complaint_reply', { tracking_no: trackingNo, contact_mobile: mobile });
  throwIfError(result);
  return (result.data ?? null) as ComplaintReply | null;
}

export function useComplaintReply() {
  return useMutation({ mutationFn: ({ trackingNo, mobile }: { trackingNo: string; mobile: string }) => fetchComplaintReply(trackingNo, mobile) });
}

export async function rateComplaint(args: { trackingNo: string; mobile: string; rating: number; comment?: string }): Promise<void> {
  const result = await getSupabase().rpc('rate_complaint', {
    tracking_no: args.trackingNo,
    rating: args.rating,
    contact_mobile: args.mobile,
    ...(args.comment ? { comment: args.comment } : {}),
  });
  throwIfError(result);
  // a wrong mobile answers an empty row (the failure counts towards the lookup limit, SQL)
  if (!result.data?.id) throw new ApiError('投诉不存在或手机号不符', 404, 'P0002');
}

export function useRateComplaint() {
  return useMutation({ mutationFn: rateComplaint });
}
