/**
 * 备案后发现问题告知 (issue 13 §2): public.filing_notices. RLS and the table's trigger decide everything —
 * the county admin records a notice on an approved filing of their county within 15 working days
 * and may change the 改正期限 or confirm the fix; members of the institution read their notices and
 * write only the 改正说明. These hooks are thin supabase-js calls; errors come back in Chinese.
 */
import { chinaToday, FILING_NOTICE_WORKING_DAYS } from '@tuoyu/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Tables, TablesInsert } from '../../lib/db.ts';
import { AppError } from '../../lib/errors.ts';
import { supabaseClient } from '../../providers/supabase-client.ts';

function fail(error: unknown): never {
  throw new AppError(error);
}

const NOTICE_COLUMNS = 'id,institution_id,filing_id,problem,notify_by,rectify_by,notified_at,resolved_at,operator_reply,updated_at';
export type FilingNotice = Pick<
  Tables<'filing_notices'>,
  'id' | 'institution_id' | 'filing_id' | 'problem' | 'notify_by' | 'rectify_by' | 'notified_at' | 'resolved_at' | 'operator_reply' | 'updated_at'
>;

export const noticeKeys = {
  all: ['filing-notices'] as const,
  institution: (institutionId: string) => ['filing-notices', 'institution', institutionId] as const,
  open: () => ['filing-notices', 'open'] as const,
  window: (institutionId: string) => ['filing-notices', 'window', institutionId] as const,
};

/** The notices of one institution, newest first. */
export function useInstitutionNotices(institutionId: string, enabled = true) {
  return useQuery({
    queryKey: noticeKeys.institution(institutionId),
    enabled: enabled && !!institutionId,
    queryFn: async (): Promise<FilingNotice[]> => {
      const { data, error } = await supabaseClient
        .from('filing_notices')
        .select(NOTICE_COLUMNS)
        .eq('institution_id', institutionId)
        .order('notified_at', { ascending: false });
      if (error) fail(error);
      return data ?? [];
    },
  });
}

export type OpenNotice = Pick<Tables<'filing_notices'>, 'institution_id' | 'rectify_by' | 'resolved_at'>;

/** Every unresolved notice the person may read (RLS: their jurisdiction), for the registry's tags. */
export function useOpenNotices(enabled = true) {
  return useQuery({
    queryKey: noticeKeys.open(),
    enabled,
    queryFn: async (): Promise<Map<string, OpenNotice[]>> => {
      const { data, error } = await supabaseClient.from('filing_notices').select('institution_id,rectify_by,resolved_at').is('resolved_at', null).limit(5000);
      if (error) fail(error);
      const byInstitution = new Map<string, OpenNotice[]>();
      for (const n of data ?? []) byInstitution.set(n.institution_id, [...(byInstitution.get(n.institution_id) ?? []), n]);
      return byInstitution;
    },
  });
}

export type NoticeWindow = { filingId: string; filingNo: string | null; decidedOn: string; notifyBy: string };

/**
 * The approved filing a new notice refers to (the latest one) and its 告知期限, computed by the
 * database's own working-day calendar (public.add_working_days) — null when nothing was approved.
 */
export function useNoticeWindow(institutionId: string, enabled = true) {
  return useQuery({
    queryKey: noticeKeys.window(institutionId),
    enabled: enabled && !!institutionId,
    queryFn: async (): Promise<NoticeWindow | null> => {
      const { data, error } = await supabaseClient
        .from('filings')
        .select('id,filing_no,decided_at')
        .eq('institution_id', institutionId)
        .eq('status', 'approved')
        .not('decided_at', 'is', null)
        .order('decided_at', { ascending: false })
        .limit(1)
        .maybeSingle();
      if (error) fail(error);
      if (!data?.decided_at) return null;
      const decidedOn = chinaToday(new Date(data.decided_at));
      const limit = await supabaseClient.rpc('add_working_days', { start: decidedOn, days: FILING_NOTICE_WORKING_DAYS });
      if (limit.error) fail(limit.error);
      return { filingId: data.id, filingNo: data.filing_no, decidedOn, notifyBy: limit.data };
    },
  });
}

function useInvalidateNotices() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: noticeKeys.all });
}

/** 告知问题 (county admin): the trigger fills the county, 告知期限 and 告知时间 and refuses a late notice. */
export function useCreateNotice() {
  const invalidate = useInvalidateNotices();
  return useMutation({
    mutationFn: async (input: { filingId: string; problem: string; rectifyBy: string }) => {
      const { error } = await supabaseClient
        .from('filing_notices')
        // institution_id, county_code and notify_by are the trigger's (from the filing)
        .insert({ filing_id: input.filingId, problem: input.problem, rectify_by: input.rectifyBy } as TablesInsert<'filing_notices'>);
      if (error) fail(error);
    },
    onSuccess: () => void invalidate(),
  });
}

/** 修改改正期限 / 确认已整改 (county admin; the trigger refuses these columns to the institution). */
export function useUpdateNoticeAsCounty() {
  const invalidate = useInvalidateNotices();
  return useMutation({
    mutationFn: async (input: { id: string; rectifyBy?: string; resolved?: boolean }) => {
      const values: { rectify_by?: string; resolved_at?: string | null } = {};
      if (input.rectifyBy) values.rectify_by = input.rectifyBy;
      if (input.resolved !== undefined) values.resolved_at = input.resolved ? new Date().toISOString() : null;
      const { data, error } = await supabaseClient.from('filing_notices').update(values).eq('id', input.id).select('id');
      if (error) fail(error);
      if (!data?.length) fail({ code: '42501', message: '无权修改该告知' });
    },
    onSuccess: () => void invalidate(),
  });
}

/** 改正说明 (a member of the institution; the only column it may write). */
export function useReplyToNotice() {
  const invalidate = useInvalidateNotices();
  return useMutation({
    mutationFn: async (input: { id: string; reply: string }) => {
      const { data, error } = await supabaseClient.from('filing_notices').update({ operator_reply: input.reply }).eq('id', input.id).select('id');
      if (error) fail(error);
      if (!data?.length) fail({ code: '42501', message: '无权填写该告知的改正说明' });
    },
    onSuccess: () => void invalidate(),
  });
}
