/**
 * What the account screens read and call (supabase/migrations/20261204008500_create_account_management.sql
 * and 20261204002300_create_institution_invitations.sql). RLS and the RPCs decide; these hooks only
 * carry the calls and turn errors into the Chinese sentence.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RegionLevel } from '@tuoyu/domain';
import type { RpcRow, Tables, TablesInsert } from '../../lib/db.ts';
import { AppError } from '../../lib/errors.ts';
import { supabaseClient } from '../../providers/supabase-client.ts';

function fail(error: unknown): never {
  throw new AppError(error);
}

export const accountKeys = {
  invitations: ['accounts', 'invitations'] as const,
  members: (institutionId: string) => ['accounts', 'members', institutionId] as const,
  scopes: ['accounts', 'scopes'] as const,
  audit: (filters: AuditFilters) => ['accounts', 'audit', filters] as const,
  preview: (code: string) => ['accounts', 'invite-preview', code] as const,
  regions: (parent: string | null) => ['accounts', 'regions', parent] as const,
  institutions: ['accounts', 'institution-options'] as const,
};

// ---------------------------------------------------------------------------------------------
// Institutions created by the county, and invitations
// ---------------------------------------------------------------------------------------------

export type NewInstitution = Pick<TablesInsert<'institutions'>, 'name' | 'type' | 'ownership' | 'operating_model' | 'street_code' | 'contact_phone'>;
export type IssuedCode = { invitation_id: string; code: string; expires_at: string };

/** The county admin enters an institution (draft; RLS: their county) and invites its operator. */
export async function createInstitutionAndInvite(input: NewInstitution & { invitee: string }): Promise<{ institutionId: string } & IssuedCode> {
  const { invitee, ...institution } = input;
  const { data, error } = await supabaseClient.from('institutions').insert(institution as TablesInsert<'institutions'>).select('id').single();
  if (error) fail(error);
  const issued = await createInvitation(data.id, invitee, 'owner');
  return { institutionId: data.id, ...issued };
}

export async function createInvitation(institutionId: string, invitee: string, role: 'owner' | 'staff'): Promise<IssuedCode> {
  const { data, error } = await supabaseClient
    .rpc('create_institution_invitation', { institution_id: institutionId, invitee, member_role: role })
    .single();
  if (error) fail(error);
  return data as IssuedCode;
}

/** The latest SMS / e-mail of an invitation (…12200_deliver_institution_invitations); null: handed over in person. */
export type InvitationDelivery = RpcRow<'invitation_deliveries'>;

export type InvitationRow = Pick<Tables<'institution_invitations'>,
  'id' | 'institution_id' | 'invitee' | 'member_role' | 'expires_at' | 'accepted_at' | 'revoked_at' | 'created_at'> & {
  institution: { name: string } | null;
  delivery: InvitationDelivery | null;
};

export function useInvitations() {
  return useQuery({
    queryKey: accountKeys.invitations,
    queryFn: async (): Promise<InvitationRow[]> => {
      const [rows, deliveries] = await Promise.all([
        supabaseClient
          .from('institution_invitations')
          .select('id,institution_id,invitee,member_role,expires_at,accepted_at,revoked_at,created_at,institution:institutions(name)')
          .order('created_at', { ascending: false })
          .limit(500),
        supabaseClient.rpc('invitation_deliveries'),
      ]);
      if (rows.error) fail(rows.error);
      if (deliveries.error) fail(deliveries.error);
      const byInvitation = new Map((deliveries.data ?? []).map((d) => [d.invitation_id, d]));
      return ((rows.data ?? []) as unknown as Omit<InvitationRow, 'delivery'>[]).map((r) => ({ ...r, delivery: byInvitation.get(r.id) ?? null }));
    },
    // a queued message is sent within seconds by notices-drain: follow it while one is pending
    refetchInterval: (query) => (query.state.data?.some((r) => r.delivery?.delivery_status === 'pending' || r.delivery?.delivery_status === 'retrying') ? 5000 : false),
  });
}

export function useResendInvitation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: string): Promise<IssuedCode> => {
      const { data, error } = await supabaseClient.rpc('resend_institution_invitation', { id }).single();
      if (error) fail(error);
      return data as IssuedCode;
    },
    onSuccess: () => void client.invalidateQueries({ queryKey: accountKeys.invitations }),
  });
}

export function useRevokeInvitation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      const { error } = await supabaseClient.rpc('revoke_institution_invitation', { id });
      if (error) fail(error);
    },
    onSuccess: () => void client.invalidateQueries({ queryKey: accountKeys.invitations }),
  });
}

export type InvitationPreview = RpcRow<'preview_institution_invitation'>;

export function useInvitationPreview(code: string) {
  return useQuery({
    queryKey: accountKeys.preview(code),
    queryFn: async (): Promise<InvitationPreview | null> => {
      const { data, error } = await supabaseClient.rpc('preview_institution_invitation', { code }).maybeSingle();
      if (error) fail(error);
      return (data as InvitationPreview | null) ?? null;
    },
  });
}

/**
 * The invitee's first sign-in: a new account with the chosen password (standard supabase-js
 * sign-up; on a project with e-mail confirmation the session comes after the confirmation link,
 * which leads back to this page), or an existing account's password; then the code is redeemed.
 */
export async function acceptInvitation(input: { code: string; email: string; password: string; existing: boolean; displayName?: string }): Promise<'accepted' | 'confirm_email'> {
  const auth = supabaseClient.auth;
  if (input.existing) {
    const { error } = await auth.signInWithPassword({ email: input.email, password: input.password });
    if (error) fail(error);
  } else {
    const { data, error } = await auth.signUp({
      email: input.email,
      password: input.password,
      options: {
        data: input.displayName ? { display_name: input.displayName } : undefined,
        emailRedirectTo: typeof window === 'undefined' ? undefined : window.location.href,
      },
    });
    if (error) fail(error);
    if (!data.session) return 'confirm_email';
  }
  const { error } = await supabaseClient.rpc('accept_institution_invitation', { code: input.code });
  if (error) fail(error);
  return 'accepted';
}

/** Already signed in (e.g. back from the confirmation e-mail): redeem the code. */
export async function redeemInvitation(code: string): Promise<void> {
  const { error } = await supabaseClient.rpc('accept_institution_invitation', { code });
  if (error) fail(error);
}

// ---------------------------------------------------------------------------------------------
// Institution members
// ---------------------------------------------------------------------------------------------

export type MemberRow = RpcRow<'list_institution_members'>;

export function useMembers(institutionId: string) {
  return useQuery({
    queryKey: accountKeys.members(institutionId),
    enabled: !!institutionId,
    queryFn: async (): Promise<MemberRow[]> => {
      const { data, error } = await supabaseClient.rpc('list_institution_members', { institution_id: institutionId });
      if (error) fail(error);
      return (data ?? []) as MemberRow[];
    },
  });
}

export function useRemoveMember(institutionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (userId: string) => {
      const { error } = await supabaseClient.rpc('remove_institution_member', { institution_id: institutionId, user_id: userId });
      if (error) fail(error);
    },
    onSuccess: () => void client.invalidateQueries({ queryKey: accountKeys.members(institutionId) }),
  });
}

// ---------------------------------------------------------------------------------------------
// Staff scopes (账号与权限)
// ---------------------------------------------------------------------------------------------

export type ScopeRow = RpcRow<'list_staff_scopes'>;

export function useScopes() {
  return useQuery({
    queryKey: accountKeys.scopes,
    queryFn: async (): Promise<ScopeRow[]> => {
      const { data, error } = await supabaseClient.rpc('list_staff_scopes');
      if (error) fail(error);
      return (data ?? []) as ScopeRow[];
    },
  });
}

export function useGrantScope() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: { account: string; region_code: string; role: string }) => {
      const { error } = await supabaseClient.rpc('grant_staff_scope', input);
      if (error) fail(error);
    },
    onSuccess: () => void client.invalidateQueries({ queryKey: accountKeys.scopes }),
  });
}

export function useRevokeScope() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (scopeId: number) => {
      const { error } = await supabaseClient.rpc('revoke_staff_scope', { scope_id: scopeId });
      if (error) fail(error);
    },
    onSuccess: () => void client.invalidateQueries({ queryKey: accountKeys.scopes }),
  });
}

export type RegionOption = Pick<Tables<'regions'>, 'code' | 'name' | 'level'>;

/** Regions at or below `root` of the given levels (for the grant form). */
export function useRegionsUnder(root: string | undefined, levels: readonly RegionLevel[]) {
  return useQuery({
    queryKey: [...accountKeys.regions(root ?? null), levels.join(',')],
    enabled: !!root && levels.length > 0,
    staleTime: 30 * 60_000,
    queryFn: async (): Promise<RegionOption[]> => {
      const r = root!;
      const column = /^\d{2}0{10}$/.test(r) ? 'province_code' : /^\d{4}0{8}$/.test(r) ? 'city_code' : 'county_code';
      const { data, error } = await supabaseClient
        .from('regions')
        .select('code,name,level')
        .in('level', [...levels])
        .or(`code.eq.${r},${column}.eq.${r}`)
        .order('code')
        .limit(1000);
      if (error) fail(error);
      return (data ?? []) as RegionOption[];
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Audit log
// ---------------------------------------------------------------------------------------------

export type AuditFilters = { table?: string; actorId?: string; institutionId?: string; from?: string; to?: string };
export type AuditRow = Tables<'audit_log'>;

export const AUDIT_LIMIT = 1000;

export function useAuditLog(filters: AuditFilters) {
  return useQuery({
    queryKey: accountKeys.audit(filters),
    queryFn: async (): Promise<AuditRow[]> => {
      let query = supabaseClient.from('audit_log').select('*').order('occurred_at', { ascending: false }).order('id', { ascending: false });
      if (filters.table) query = query.eq('table_name', filters.table);
      if (filters.actorId) query = query.eq('actor_id', filters.actorId);
      if (filters.institutionId) query = query.eq('institution_id', filters.institutionId);
      if (filters.from) query = query.gte('occurred_at', filters.from);
      if (filters.to) query = query.lt('occurred_at', filters.to);
      const { data, error } = await query.limit(AUDIT_LIMIT);
      if (error) fail(error);
      return data ?? [];
    },
  });
}

/** Names of the actors in the log (only those the caller's scope shows). */
export function useActorNames(ids: string[]) {
  return useQuery({
    queryKey: ['accounts', 'actor-names', [...ids].sort().join(',')],
    enabled: ids.length > 0,
    queryFn: async (): Promise<Map<string, string>> => {
      const { data, error } = await supabaseClient.rpc('audit_actor_names', { actor_ids: ids });
      if (error) fail(error);
      return new Map(((data ?? []) as { actor_id: string; display_name: string }[]).map((r) => [r.actor_id, r.display_name]));
    },
  });
}

/** Institutions of the caller's area (filter options). */
export function useInstitutionOptions() {
  return useQuery({
    queryKey: accountKeys.institutions,
    queryFn: async (): Promise<{ id: string; name: string }[]> => {
      const { data, error } = await supabaseClient.from('institutions').select('id,name').order('name').limit(1000);
      if (error) fail(error);
      return data ?? [];
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Suspension / revocation
// ---------------------------------------------------------------------------------------------

export function useSetInstitutionStatus(institutionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: { status: 'filed' | 'suspended' | 'revoked'; reason?: string }) => {
      const { error } = await supabaseClient.rpc('set_institution_status', {
        institution_id: institutionId,
        status: input.status,
        reason: input.reason ?? undefined,
      });
      if (error) fail(error);
    },
    onSuccess: () => void client.invalidateQueries(),
  });
}
