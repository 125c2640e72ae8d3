/**
 * Events for families: upcoming published events, a campaign's events (view campaign_events:
 * inside its dates), one event with the caller's own sign-up, and the sign-up RPCs.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Database } from '@tuoyu/db-types';
import { throwIfError } from '../../../lib/api-error.ts';
import { getSupabase } from '../../../lib/supabase/client.ts';

type EventRow = Database['public']['Tables']['events']['Row'];
export type EventSummary = Pick<EventRow, 'id' | 'title' | 'kind' | 'starts_at' | 'ends_at' | 'venue' | 'free_places' | 'waitlist_count' | 'campaign_id'>;
export type Signup = Database['public']['Tables']['event_signups']['Row'];
export type Campaign = Database['public']['Tables']['campaigns']['Row'];

const SUMMARY = 'id,title,kind,starts_at,ends_at,venue,free_places,waitlist_count,campaign_id';

export function useCampaigns() {
  return useQuery({
    queryKey: ['events', 'campaigns'] as const,
    queryFn: async () => {
      const result = await getSupabase().from('campaigns').select('*').order('starts_on', { ascending: false }).limit(20);
      throwIfError(result);
      return result.data ?? [];
    },
  });
}

/** A campaign's events, or (no campaign) the published events that have not ended yet. */
export function useEventList(campaignId: string | undefined) {
  return useQuery({
    queryKey: ['events', 'list', campaignId ?? 'upcoming'] as const,
    queryFn: async (): Promise<EventSummary[]> => {
      const supabase = getSupabase();
      const result = campaignId
        ? await supabase.from('campaign_events').select(SUMMARY).eq('campaign_id', campaignId).order('starts_at').limit(100)
        : await supabase.from('events').select(SUMMARY).eq('status', 'published').gt('ends_at', new Date().toISOString()).order('starts_at').limit(100);
      throwIfError(result);
      return (result.data ?? []) as EventSummary[];
    },
  });
}

export function useEvent(id: string | undefined) {
  return useQuery({
    queryKey: ['events', 'event', id ?? ''] as const,
    enabled: Boolean(id),
    queryFn: async () => {
      const result = await getSupabase().from('events').select('*').eq('id', id ?? '').maybeSingle();
      throwIfError(result);
      return result.data;
    },
  });
}

/** The caller's active sign-up for the event (RLS: own rows only), null when none or signed out. */
export function useMySignup(eventId: string | undefined, userId: string | undefined) {
  return useQuery({
    queryKey: ['events', 'my-signup', eventId ?? '', userId ?? ''] as const,
    enabled: Boolean(eventId && userId),
    queryFn: async (): Promise<Signup | null> => {
      const result = await getSupabase().from('event_signups').select('*').eq('event_id', eventId ?? '').eq('user_id', userId ?? '')
        .neq('status', 'cancelled').maybeSingle();
      throwIfError(result);
      return result.data;
    },
  });
}

export function useSignupActions(eventId: string) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ['events'] });
  const signUp = useMutation({
    mutationFn: async (input: { attendeeKind: 'child' | 'adult'; attendeeName: string }) => {
      const result = await getSupabase().rpc('sign_up_for_event', { event_id: eventId, attendee_kind: input.attendeeKind, attendee_name: input.attendeeName });
      throwIfError(result);
      return result.data as unknown as Signup;
    },
    onSettled: refresh,
  });
  const cancel = useMutation({
    mutationFn: async (signupId: string) => {
      const result = await getSupabase().rpc('cancel_event_signup', { signup_id: signupId });
      throwIfError(result);
    },
    onSettled: refresh,
  });
  return { signUp, cancel };
}

export type NearbyEvent = Database['public']['Functions']['nearby_events']['Returns'][number];

/** Published, not yet ended events within `radiusM` of a point, nearest first (rpc nearby_events). */
export function useNearbyEvents(point: { lat: number; lng: number } | null, radiusM = 20000) {
  return useQuery({
    queryKey: ['events', 'nearby', point?.lat ?? 0, point?.lng ?? 0, radiusM] as const,
    enabled: point !== null,
    queryFn: async (): Promise<NearbyEvent[]> => {
      const result = await getSupabase().rpc('nearby_events', { lat: point!.lat, lng: point!.lng, radius_m: radiusM });
      throwIfError(result);
      return result.data ?? [];
    },
  });
}
