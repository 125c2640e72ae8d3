/** Parenting articles by age, experts with their upcoming slots, the caller's bookings and the booking RPCs. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ageInMonths } from '@tuoyu/domain';
import { throwIfError } from '../../../lib/api-error.ts';
import { getSupabase } from '../../../lib/supabase/client.ts';

export function useArticles(ageMonths: number) {
  return useQuery({
    queryKey: ['guidance', 'articles', ageMonths] as const,
    queryFn: async () => {
      const result = await getSupabase().from('articles').select('id,title,topic,min_age_months,max_age_months,summary,body,source')
        .not('published_at', 'is', null).lte('min_age_months', ageMonths).gte('max_age_months', ageMonths)
        .order('published_at', { ascending: false }).limit(50);
      throwIfError(result);
      return result.data ?? [];
    },
  });
}

export function useExperts() {
  return useQuery({
    queryKey: ['guidance', 'experts'] as const,
    queryFn: async () => {
      const supabase = getSupabase();
      const experts = await supabase.from('experts').select('id,name,title,speciality,bio,guidance_centers(name)').order('name');
      throwIfError(experts);
      const slots = await supabase.from('consultation_slots').select('id,expert_id,starts_at,ends_at,mode,location,free_places,waitlist_count')
        .is('cancelled_at', null).gt('starts_at', new Date().toISOString()).order('starts_at').limit(200);
      throwIfError(slots);
      return (experts.data ?? []).map((e) => ({ ...e, slots: (slots.data ?? []).filter((s) => s.expert_id === e.id) }));
    },
  });
}

export function useMyBookings(userId: string | undefined) {
  return useQuery({
    queryKey: ['guidance', 'my-bookings', userId ?? ''] as const,
    enabled: Boolean(userId),
    queryFn: async () => {
      const result = await getSupabase().from('consultation_bookings').select('id,slot_id,status,waitlist_position')
        .eq('user_id', userId ?? '').neq('status', 'cancelled');
      throwIfError(result);
      return result.data ?? [];
    },
  });
}

export function useBookingActions() {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ['guidance'] });
  const book = useMutation({
    mutationFn: async (slotId: string) => {
      const result = await getSupabase().rpc('book_consultation', { slot_id: slotId });
      throwIfError(result);
    },
    onSettled: refresh,
  });
  const cancel = useMutation({
    mutationFn: async (bookingId: string) => {
      const result = await getSupabase().rpc('cancel_consultation', { booking_id: bookingId });
      throwIfError(result);
    },
    onSettled: refresh,
  });
  return { book, cancel };
}

/** The signed-in family's children (RLS: children they guard) with their age in months today. */
export function useMyChildrenAges(userId: string | undefined) {
  return useQuery({
    queryKey: ['guidance', 'children', userId ?? ''] as const,
    enabled: Boolean(userId),
    queryFn: async () => {
      const result = await getSupabase().from('children').select('id,name,birth_date').is('anonymised_at', null).order('birth_date');
      throwIfError(result);
      return (result.data ?? []).map((c) => ({ id: c.id, name: c.name, months: ageInMonths(c.birth_date) }));
    },
  });
}
