/**
 * The family's data and actions as React Query hooks. Every action is one RPC (the state machine
 * lives in SQL); its Chinese error message reaches the page unchanged.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, throwIfError } from '../../../lib/api-error.ts';
import { getSupabase } from '../../../lib/supabase/client.ts';
import { useSession } from '../../../lib/session.ts';

const CHINESE = /[\u4e00-\u9fa5]/;

/** The database's own Chinese message when it has one (rule refused), else a generic one. */
export function actionError(error: unknown): string {
  if (error instanceof ApiError && CHINESE.test(error.message)) return error.message;
  if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return '登录已过期，请重新登录';
  if (error instanceof Error && CHINESE.test(error.message)) return error.message;
  return '操作失败，请稍后重试';
}

export interface Notice { version: string; kind: string; title: string; body: string }

export function usePrivacy() {
  const session = useSession();
  return useQuery({
    queryKey: ['family', 'privacy', session?.userId ?? ''] as const,
    queryFn: async () => {
      const supabase = getSupabase();
      const notices = await supabase.from('privacy_notices').select('version,kind,title,body').lte('effective_at', new Date().toISOString())
        .order('effective_at', { ascending: false });
      throwIfError(notices);
      const latest = (kind: string) => (notices.data ?? []).find((n) => n.kind === kind) ?? null;
      let consent: { notice_version: string; granted_at: string } | null = null;
      if (session) {
        const c = await supabase.from('guardian_consents').select('notice_version,granted_at').is('withdrawn_at', null).maybeSingle();
        throwIfError(c);
        consent = c.data;
      }
      return { privacy: latest('privacy'), childNotice: latest('child_information'), consent };
    },
  });
}

export interface Child {
  id: string;
  name: string;
  birth_date: string;
  sex: 'female' | 'male';
  id_number_masked: string | null;
  health_notes: string | null;
  has_health_record: boolean;
}

export function useChildren() {
  const session = useSession();
  return useQuery({
    queryKey: ['family', 'children', session?.userId ?? ''] as const,
    enabled: session !== null,
    queryFn: async () => {
      const r = await getSupabase().from('children').select('id,name,birth_date,sex,id_number_masked,health_notes,has_health_record')
        .is('anonymised_at', null).order('birth_date');
      throwIfError(r);
      return (r.data ?? []) as Child[];
    },
  });
}

export interface Request {
  id: string;
  kind: 'place' | 'visit';
  status: string;
  class_type: string | null;
  service: string | null;
  wished_start: string | null;
  visit_date: string | null;
  offer_expires_at: string | null;
  reason: string | null;
  created_at: string;
  institution_id: string;
  child: { name: string } | null;
  institution: { name: string } | null;
  class: { name: string } | null;
}

export interface Placement {
  id: string;
  institution_id: string;
  child_id: string;
  started_on: string;
  ended_on: string | null;
  child: { name: string } | null;
  institution: { name: string } | null;
  class: { name: string } | null;
}

export function useRequests() {
  const session = useSession();
  return useQuery({
    queryKey: ['family', 'requests', session?.userId ?? ''] as const,
    enabled: session !== null,
    queryFn: async () => {
      const supabase = getSupabase();
      const r = await supabase.from('enrollment_requests')
        .select('id,kind,status,class_type,service,wished_start,visit_date,offer_expires_at,reason,created_at,institution_id,child:children(name),institution:institutions(name),class:classes(name)')
        .order('created_at', { ascending: false });
      throwIfError(r);
      const p = await supabase.from('placements')
        .select('id,institution_id,child_id,started_on,ended_on,child:children(name),institution:institutions(name),class:classes(name)')
        .order('started_on', { ascending: false });
      throwIfError(p);
      return { requests: (r.data ?? []) as unknown as Request[], placements: (p.data ?? []) as unknown as Placement[] };
    },
  });
}

export function useNotices() {
  const session = useSession();
  return useQuery({
    queryKey: ['family', 'notices', session?.userId ?? ''] as const,
    enabled: session !== null,
    queryFn: async () => {
      const r = await getSupabase().from('notices').select('id,kind,title,body,created_at,read_at').order('created_at', { ascending: false }).limit(50);
      throwIfError(r);
      return r.data ?? [];
    },
  });
}

export interface VisitSlot { id: string; visit_on: string; time_label: string; capacity: number; booked: number; note: string | null }

/** 参观日期 the institution offers (future dates only; public). */
export function useVisitSlots(institutionId: string) {
  return useQuery({
    queryKey: ['family', 'visit-slots', institutionId] as const,
    enabled: Boolean(institutionId),
    queryFn: async () => {
      const r = await getSupabase().from('visit_slots').select('id,visit_on,time_label,capacity,booked,note')
        .eq('institution_id', institutionId).order('visit_on').limit(30);
      throwIfError(r);
      return (r.data ?? []) as VisitSlot[];
    },
  });
}

export interface MyReview {
  id: string;
  institution_id: string;
  institution_name: string;
  care: number; safety: number; meals: number; communication: number; fees: number;
  body: string;
  reply: string | null;
  hidden: boolean;
  hidden_reason: string | null;
  created_at: string;
}

/** 我的评价: my own reviews, hidden ones with the county's reason (public.my_reviews). */
export function useMyReviews() {
  const session = useSession();
  return useQuery({
    queryKey: ['family', 'my-reviews', session?.userId ?? ''] as const,
    enabled: session !== null,
    queryFn: async () => {
      const r = await getSupabase().rpc('my_reviews');
      throwIfError(r);
      return (r.data ?? []) as MyReview[];
    },
  });
}

export interface GuardianInvite { code: string; expires_at: string }

/** A mutation of one RPC that refreshes the family's data afterwards. */
function useRpc<A extends Record<string, unknown>>(fn: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (args: A) => {
      const r = await getSupabase().rpc(fn as never, args as never);
      throwIfError(r);
      return r.data as unknown;
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['family'] }).then(() =>
      queryClient.invalidateQueries({ queryKey: ['registry'] })),
  });
}

export const useGiveConsent = () => useRpc<{ notice_version: string }>('give_consent');
export const useWithdrawConsent = () => useRpc<Record<string, never>>('withdraw_consent');
export const useRequestEnrollment = () =>
  useRpc<{ child: string; institution: string; class_type: string; service: string; wished_start: string; note?: string }>('request_enrollment');
export const useRequestVisit = () => useRpc<{ child: string; institution: string; visit_date: string; note?: string }>('request_visit');
export const useAcceptOffer = () => useRpc<{ request: string }>('accept_offer');
export const useDeclineOffer = () => useRpc<{ request: string; reason?: string }>('decline_offer');
export const useWithdrawRequest = () => useRpc<{ request: string }>('withdraw_request');
export const useInviteGuardian = () => useRpc<{ child: string; relation?: string }>('invite_guardian');
export const useAcceptGuardianInvite = () => useRpc<{ code: string }>('accept_guardian_invite');
export const useSubmitReview = () =>
  useRpc<{ child: string; institution: string; care: number; safety: number; meals: number; communication: number; fees: number; body: string }>('submit_review');

export function useSaveChild() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { id?: string; name: string; birth_date: string; sex: 'female' | 'male'; id_number: string | null;
      health_notes: string | null; has_health_record: boolean }) => {
      const { id, ...fields } = input;
      const supabase = getSupabase();
      const r = id ? await supabase.from('children').update(fields).eq('id', id) : await supabase.from('children').insert(fields);
      throwIfError(r);
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['family'] }),
  });
}
