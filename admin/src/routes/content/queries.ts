/**
 * Content authoring (issue 14): campaigns, 科学育儿 articles, guidance centres, experts, consultation
 * slots and their bookings. RLS decides who writes what (admins of the region; experts their own
 * slots — supabase/migrations/20261204005000…005200); the screens only offer what it allows.
 * Images go to the public bucket `content-images` under the author's region code (the bucket limits
 * type and size; its policy limits the folder to the author's regions).
 */
import type { Database } from '@tuoyu/db-types';
import { CONTENT_IMAGE_BUCKET, CONTENT_IMAGE_MAX_BYTES, CONTENT_IMAGE_TYPES, isWithinRegion } from '@tuoyu/domain';
import { supabaseClient } from '../../providers/supabase-client.ts';

type Tables = Database['public']['Tables'];
export type ContentTable = 'campaigns' | 'articles' | 'guidance_centers' | 'experts';
export type Row<T extends ContentTable> = Tables[T]['Row'];
export type Insert<T extends ContentTable> = Tables[T]['Insert'];
export type SlotRow = Tables['consultation_slots']['Row'];
export type BookingRow = Tables['consultation_bookings']['Row'];
export type ExpertRow = Tables['experts']['Row'];

function fail(error: { message: string } | null): void {
  if (error) throw new Error(error.message);
}

const ORDER: Record<ContentTable, string> = { campaigns: 'starts_on', articles: 'created_at', guidance_centers: 'name', experts: 'name' };

export async function listRows<T extends ContentTable>(table: T): Promise<Row<T>[]> {
  const { data, error } = await supabaseClient.from(table).select('*').order(ORDER[table], { ascending: table === 'guidance_centers' || table === 'experts' }).limit(500);
  fail(error);
  return (data ?? []) as unknown as Row<T>[];
}

/** Insert (no id) or update one row; RLS refusals come back as the database's message. */
export async function saveRow<T extends ContentTable>(table: T, id: string | null, values: Insert<T>): Promise<Row<T>> {
  const query = id
    ? supabaseClient.from(table).update(values as never).eq('id' as never, id as never).select('*').single()
    : supabaseClient.from(table).insert(values as never).select('*').single();
  const { data, error } = await query;
  fail(error);
  return data as unknown as Row<T>;
}

export async function deleteRow(table: ContentTable, id: string): Promise<void> {
  const { error, count } = await supabaseClient.from(table).delete({ count: 'exact' }).eq('id' as never, id as never);
  fail(error);
  if (count === 0) throw new Error('没有删除权限，或该记录已不存在');
}

/** Checked here for a quick Chinese answer; the bucket enforces the same limits. */
export function imageProblem(file: File): string | null {
  if (!(CONTENT_IMAGE_TYPES as readonly string[]).includes(file.type)) return '只能上传 JPG、PNG 或 WebP 图片';
  if (file.size > CONTENT_IMAGE_MAX_BYTES) return `图片不能超过 ${CONTENT_IMAGE_MAX_BYTES / 1024 / 1024} MB`;
  return null;
}

export async function uploadContentImage(regionCode: string, file: File): Promise<string> {
  const problem = imageProblem(file);
  if (problem) throw new Error(problem);
  const ext = file.type === 'image/png' ? 'png' : file.type === 'image/webp' ? 'webp' : 'jpg';
  const path = `${regionCode}/${crypto.randomUUID()}.${ext}`;
  const { error } = await supabaseClient.storage.from(CONTENT_IMAGE_BUCKET).upload(path, file, { contentType: file.type });
  fail(error);
  return path;
}

export function contentImageUrl(path: string): string {
  return supabaseClient.storage.from(CONTENT_IMAGE_BUCKET).getPublicUrl(path).data.publicUrl;
}

// Consultations ---------------------------------------------------------------------------------

/** Experts the caller manages: their own expert profile, or (admins) those of their regions. */
export async function fetchManagedExperts(userId: string | null, regionCodes: string[]): Promise<ExpertRow[]> {
  const { data, error } = await supabaseClient.from('experts').select('*').order('name');
  fail(error);
  const rows = (data ?? []) as ExpertRow[];
  // the list of everyone's active experts is public: keep those the caller manages (RLS still decides)
  return rows.filter((e) => (userId !== null && e.user_id === userId) || regionCodes.some((code) => isWithinRegion(e.region_code, code)));
}

export async function fetchSlots(expertIds: string[]): Promise<SlotRow[]> {
  if (expertIds.length === 0) return [];
  const { data, error } = await supabaseClient.from('consultation_slots').select('*').in('expert_id', expertIds)
    .order('starts_at', { ascending: false }).limit(300);
  fail(error);
  return (data ?? []) as SlotRow[];
}

export async function createSlot(values: Tables['consultation_slots']['Insert']): Promise<SlotRow> {
  const { data, error } = await supabaseClient.from('consultation_slots').insert(values).select('*').single();
  fail(error);
  return data as SlotRow;
}

export async function cancelSlot(id: string): Promise<void> {
  const { error } = await supabaseClient.from('consultation_slots').update({ cancelled_at: new Date().toISOString() }).eq('id', id);
  fail(error);
}

export async function fetchBookings(slotId: string): Promise<BookingRow[]> {
  const { data, error } = await supabaseClient.from('consultation_bookings').select('*').eq('slot_id', slotId).order('created_at');
  fail(error);
  return (data ?? []) as BookingRow[];
}

export async function recordConsultation(bookingId: string, tookPlace: boolean): Promise<BookingRow> {
  const { data, error } = await supabaseClient.rpc('record_consultation', { booking_id: bookingId, took_place: tookPlace });
  fail(error);
  return data as unknown as BookingRow;
}
