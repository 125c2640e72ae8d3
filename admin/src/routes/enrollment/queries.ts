/**
 * What the operator's enrollment screen reads and calls (supabase/migrations/20261204003000_create_enrollment.sql,
 * 20261204001000_create_children.sql). RLS lets members read their institutions' requests and placements and the
 * children concerned; the RPCs check membership, the age range of the class and the state of the request.
 */
import type { QueryData } from '@supabase/supabase-js';
import type { Tables } from '../../lib/db.ts';
import { toHttpError } from '../../lib/errors.ts';
import { supabaseClient } from '../../providers/supabase-client.ts';

function fail(error: unknown): never {
  throw toHttpError(error);
}

const CHILD_EMBED = 'child:children(id,name,birth_date,sex,health_notes)';
const requestQuery = () => supabaseClient.from('enrollment_requests').select(`*,${CHILD_EMBED}`);
export type RequestRow = QueryData<ReturnType<typeof requestQuery>>[number];
const placementQuery = () => supabaseClient.from('placements').select(`*,${CHILD_EMBED}`);
export type PlacementRow = QueryData<ReturnType<typeof placementQuery>>[number];
export type ClassRow = Pick<Tables<'classes'>, 'id' | 'name' | 'class_type' | 'min_age_months' | 'max_age_months' | 'capacity' | 'enrolled'>;

/** Open requests (pending and offered) of one institution, oldest first. */
export async function fetchOpenRequests(institutionId: string): Promise<RequestRow[]> {
  const { data, error } = await requestQuery()
    .eq('institution_id', institutionId)
    .in('status', ['pending', 'offered'])
    .order('created_at', { ascending: true });
  if (error) fail(error);
  return data ?? [];
}

/** Children in care now (placements not ended). */
export async function fetchRoster(institutionId: string): Promise<PlacementRow[]> {
  const { data, error } = await placementQuery().eq('institution_id', institutionId).is('ended_on', null).order('started_on');
  if (error) fail(error);
  return data ?? [];
}

export async function fetchClasses(institutionId: string): Promise<ClassRow[]> {
  const { data, error } = await supabaseClient
    .from('classes')
    .select('id,name,class_type,min_age_months,max_age_months,capacity,enrolled')
    .eq('institution_id', institutionId)
    .order('min_age_months');
  if (error) fail(error);
  return data ?? [];
}

/** Offer a place; without a deadline the county's setting applies (3 days by default). */
export async function offerPlace(requestId: string, classId: string, respondBy?: string): Promise<void> {
  const { error } = await supabaseClient.rpc('offer_place', { request: requestId, class: classId, ...(respondBy ? { respond_by: respondBy } : {}) });
  if (error) fail(error);
}

export async function declineRequest(requestId: string, reason: string): Promise<void> {
  const { error } = await supabaseClient.rpc('decline_request', { request: requestId, reason });
  if (error) fail(error);
}

export async function markVisitDone(requestId: string): Promise<void> {
  const { error } = await supabaseClient.rpc('mark_visit_done', { request: requestId });
  if (error) fail(error);
}

export async function endPlacement(placementId: string, endedOn: string, reason: 'left' | 'graduated'): Promise<void> {
  const { error } = await supabaseClient.rpc('end_placement', { placement: placementId, ended_on: endedOn, reason });
  if (error) fail(error);
}

export type VisitSlotRow = Pick<Tables<'visit_slots'>, 'id' | 'visit_on' | 'time_label' | 'capacity' | 'booked' | 'note'>;

/** The institution's visit dates from today on (supabase/migrations/20261204009200_create_visit_slots.sql). */
export async function fetchVisitSlots(institutionId: string, fromDay: string): Promise<VisitSlotRow[]> {
  const { data, error } = await supabaseClient
    .from('visit_slots')
    .select('id,visit_on,time_label,capacity,booked,note')
    .eq('institution_id', institutionId)
    .gte('visit_on', fromDay)
    .order('visit_on');
  if (error) fail(error);
  return data ?? [];
}

export async function publishVisitSlot(institutionId: string, slot: { visit_on: string; time_label: string; capacity: number; note?: string }): Promise<void> {
  const { error } = await supabaseClient.from('visit_slots').insert({ institution_id: institutionId, ...slot, note: slot.note?.trim() || null });
  if (error) fail(error);
}

export async function removeVisitSlot(slotId: string): Promise<void> {
  const { error } = await supabaseClient.from('visit_slots').delete().eq('id', slotId);
  if (error) fail(error);
}
