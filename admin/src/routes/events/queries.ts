/**
 * What the event screens read and call (supabase/migrations/20261204005000_create_campaigns_and_events.sql).
 * RLS limits events and sign-ups to the person's street (community workers) or counties (admins);
 * the write trigger refuses other streets and lets only the county publish or return.
 */
import type { Database } from '@tuoyu/db-types';
import { supabaseClient } from '../../providers/supabase-client.ts';

export type EventRow = Database['public']['Tables']['events']['Row'];
export type EventInsert = Database['public']['Tables']['events']['Insert'];
export type SignupRow = Database['public']['Tables']['event_signups']['Row'];
export type CampaignRow = Database['public']['Tables']['campaigns']['Row'];
export type ReportRow = Database['public']['Functions']['campaign_report']['Returns'][number];

function fail(error: { message: string } | null): void {
  if (error) throw new Error(error.message);
}

export async function fetchEvents(): Promise<EventRow[]> {
  const { data, error } = await supabaseClient.from('events').select('*').order('starts_at', { ascending: false }).limit(500);
  fail(error);
  return (data ?? []) as EventRow[];
}

export async function fetchEvent(id: string): Promise<EventRow | null> {
  const { data, error } = await supabaseClient.from('events').select('*').eq('id', id).maybeSingle();
  fail(error);
  return data as EventRow | null;
}

export async function fetchCampaigns(): Promise<CampaignRow[]> {
  const { data, error } = await supabaseClient.from('campaigns').select('*').order('starts_on', { ascending: false });
  fail(error);
  return (data ?? []) as CampaignRow[];
}

/** Streets under the given counties plus the given street codes, for the street picker. */
export async function fetchStreets(countyCodes: string[], streetCodes: string[]): Promise<{ code: string; name: string }[]> {
  const codes = [...new Set(streetCodes)];
  const parts: { code: string; name: string }[] = [];
  if (countyCodes.length > 0) {
    const { data, error } = await supabaseClient.from('regions').select('code,name').in('parent_code', countyCodes).eq('level', 'street').order('code');
    fail(error);
    parts.push(...(data ?? []));
  }
  if (codes.length > 0) {
    const { data, error } = await supabaseClient.from('regions').select('code,name').in('code', codes);
    fail(error);
    parts.push(...(data ?? []));
  }
  return [...new Map(parts.map((p) => [p.code, p])).values()];
}

export async function fetchRegionNames(codes: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(codes.filter(Boolean))];
  if (unique.length === 0) return new Map();
  const { data, error } = await supabaseClient.from('regions').select('code,name').in('code', unique);
  fail(error);
  return new Map((data ?? []).map((r) => [r.code, r.name]));
}

export async function createEvent(values: EventInsert): Promise<EventRow> {
  const { data, error } = await supabaseClient.from('events').insert(values).select('*').single();
  fail(error);
  return data as EventRow;
}

export async function setEventStatus(id: string, status: EventRow['status'], reviewNote?: string): Promise<EventRow> {
  const { data, error } = await supabaseClient.from('events').update({ status, review_note: reviewNote ?? null }).eq('id', id).select('*').single();
  fail(error);
  return data as EventRow;
}

export async function fetchSignups(eventId: string): Promise<SignupRow[]> {
  const { data, error } = await supabaseClient.from('event_signups').select('*').eq('event_id', eventId).order('created_at');
  fail(error);
  return (data ?? []) as SignupRow[];
}

export async function checkIn(eventId: string, code: string): Promise<SignupRow> {
  const { data, error } = await supabaseClient.rpc('check_in_event_signup', { event_id: eventId, code });
  fail(error);
  return data as unknown as SignupRow;
}

export async function recordNoShows(eventId: string): Promise<number> {
  const { data, error } = await supabaseClient.rpc('record_event_no_shows', { event_id: eventId });
  fail(error);
  return data as number;
}

export async function fetchCampaignReport(campaignId: string): Promise<ReportRow[]> {
  const { data, error } = await supabaseClient.rpc('campaign_report', { campaign_id: campaignId });
  fail(error);
  return (data ?? []) as ReportRow[];
}

export async function updateEvent(id: string, values: Database['public']['Tables']['events']['Update']): Promise<EventRow> {
  const { data, error } = await supabaseClient.from('events').update(values).eq('id', id).select('*').single();
  fail(error);
  return data as EventRow;
}

/** Filed institutions in the given counties (the open-day picker). */
export async function fetchFiledInstitutions(countyCodes: string[]): Promise<{ id: string; name: string }[]> {
  if (countyCodes.length === 0) return [];
  const { data, error } = await supabaseClient.from('institutions').select('id,name').in('county_code', countyCodes).eq('status', 'filed').order('name').limit(500);
  fail(error);
  return data ?? [];
}

export async function fetchEventInstitutionIds(eventId: string): Promise<string[]> {
  const { data, error } = await supabaseClient.from('event_institutions').select('institution_id').eq('event_id', eventId);
  fail(error);
  return (data ?? []).map((r) => r.institution_id);
}

/** Make the event's institutions exactly `ids` (the trigger admits filed institutions only). */
export async function setEventInstitutions(eventId: string, ids: string[]): Promise<void> {
  const current = await fetchEventInstitutionIds(eventId);
  const gone = current.filter((x) => !ids.includes(x));
  const added = ids.filter((x) => !current.includes(x));
  if (gone.length > 0) {
    const { error } = await supabaseClient.from('event_institutions').delete().eq('event_id', eventId).in('institution_id', gone);
    fail(error);
  }
  if (added.length > 0) {
    const { error } = await supabaseClient.from('event_institutions').insert(added.map((institution_id) => ({ event_id: eventId, institution_id })));
    fail(error);
  }
}

export type ReviewSetting = Database['public']['Tables']['event_review_settings']['Row'];

export async function fetchReviewSettings(countyCodes: string[]): Promise<ReviewSetting[]> {
  if (countyCodes.length === 0) return [];
  const { data, error } = await supabaseClient.from('event_review_settings').select('*').in('county_code', countyCodes);
  fail(error);
  return (data ?? []) as ReviewSetting[];
}

export async function setReviewRequired(countyCode: string, required: boolean): Promise<void> {
  const { error } = await supabaseClient.from('event_review_settings').upsert({ county_code: countyCode, review_required: required }, { onConflict: 'county_code' });
  fail(error);
}
