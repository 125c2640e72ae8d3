/**
 * Data access of the operator's institution screens (我的机构: profile, location, classes, staff, fees)
 * through supabase-js as the signed-in operator: RLS limits every row to their own institutions
 * (institution_members), the triggers guard class limits and protected columns. Screens use the
 * hooks below, never the client. Errors are Chinese `AppError`s.
 */
import type { FeeItem } from '@tuoyu/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Permissions } from '../../lib/permissions.ts';
import { useFreshPermissions } from '../../lib/fresh-permissions.ts';
import { isUuid } from '../../lib/ids.ts';
import type { Narrow, RegionRow, Tables, TablesInsert } from '../../lib/db.ts';
import { supabaseClient } from '../../providers/supabase-client.ts';
import { fail } from '../../lib/errors.ts';

// Types (generated: lib/db.ts) ------------------------------------------------------------------------

export type Institution = Narrow<Tables<'institutions'>, { fee_items: FeeItem[] }>;

/** The columns of `Institution` (institutions is read column by column: created_by is not readable). */
const INSTITUTION_COLUMNS =
  'id,name,type,ownership,operating_model,street_code,county_code,city_code,province_code,affordable,services,meals_served,opening_hours,fee_items,prepayment_terms,contact_phone,description,status,filing_no,filed_at,updated_at';

export type InstitutionInput = Partial<
  Pick<
    Institution,
    | 'name'
    | 'type'
    | 'ownership'
    | 'operating_model'
    | 'street_code'
    | 'affordable'
    | 'services'
    | 'meals_served'
    | 'opening_hours'
    | 'fee_items'
    | 'prepayment_terms'
    | 'contact_phone'
    | 'description'
  >
>;

const SITE_COLUMNS = 'institution_id,address,lat,lng,premises_note';
export type Site = Pick<Tables<'institution_sites'>, 'institution_id' | 'address' | 'lat' | 'lng' | 'premises_note'>;
export type SiteInput = Pick<TablesInsert<'institution_sites'>, 'address' | 'lat' | 'lng' | 'premises_note'>;

const CLASS_COLUMNS = 'id,institution_id,name,class_type,min_age_months,max_age_months,capacity,enrolled,carers';
export type ClassRow = Pick<
  Tables<'classes'>,
  'id' | 'institution_id' | 'name' | 'class_type' | 'min_age_months' | 'max_age_months' | 'capacity' | 'enrolled' | 'carers'
>;
export type ClassInput = Omit<ClassRow, 'id' | 'institution_id'>;

const CLASS_RULE_COLUMNS = 'class_type,region_code,min_age_months,max_age_months,max_size,children_per_carer,basis';
export type ClassTypeRuleRow = Pick<
  Tables<'class_type_rules'>,
  'class_type' | 'region_code' | 'min_age_months' | 'max_age_months' | 'max_size' | 'children_per_carer' | 'basis'
>;

const STAFF_COLUMNS = 'id,institution_id,name,role,certificate_type,certificate_no,certificate_expires_on,health_certificate_expires_on,employed_since';
export type StaffRow = Pick<
  Tables<'staff'>,
  'id' | 'institution_id' | 'name' | 'role' | 'certificate_type' | 'certificate_no' | 'certificate_expires_on' | 'health_certificate_expires_on' | 'employed_since'
>;
export type StaffInput = Omit<StaffRow, 'id' | 'institution_id'>;

// Memberships ---------------------------------------------------------------------------------------------

/** The operator's institutions from get_my_permissions() (institution_members). */
export function useMyMemberships(): { loading: boolean; ids: string[]; memberships: Permissions['memberships'] } {
  const { data, isLoading } = useFreshPermissions();
  const memberships = data?.memberships ?? [];
  return { loading: isLoading, ids: memberships.map((m) => m.institutionId), memberships };
}

// Institutions --------------------------------------------------------------------------------------------

export const institutionKeys = {
  institutions: (ids: string[]) => ['operator', 'institutions', ...ids] as const,
  institution: (id: string) => ['operator', 'institution', id] as const,
  site: (id: string) => ['operator', 'site', id] as const,
  classes: (id: string) => ['operator', 'classes', id] as const,
  rules: (id: string) => ['operator', 'class-rules', id] as const,
  staff: (id: string) => ['operator', 'staff', id] as const,
  regions: (parent: string | null, level: string) => ['operator', 'regions', parent, level] as const,
  region: (code: string) => ['operator', 'region', code] as const,
};

export function useInstitutions(ids: string[]) {
  return useQuery({
    queryKey: institutionKeys.institutions(ids),
    enabled: ids.length > 0,
    queryFn: async (): Promise<Institution[]> => {
      const { data, error } = await supabaseClient.from('institutions').select(INSTITUTION_COLUMNS).in('id', ids).order('name');
      if (error) fail(error);
      return (data ?? []) as Institution[];
    },
  });
}

export function useInstitution(id: string, enabled = true) {
  return useQuery({
    queryKey: institutionKeys.institution(id),
    enabled: enabled && isUuid(id),
    queryFn: async (): Promise<Institution | null> => {
      const { data, error } = await supabaseClient.from('institutions').select(INSTITUTION_COLUMNS).eq('id', id).maybeSingle();
      if (error) fail(error);
      return (data as Institution | null) ?? null;
    },
  });
}

export function useUpdateInstitution(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (values: InstitutionInput): Promise<Institution> => {
      const { data, error } = await supabaseClient.from('institutions').update(values).eq('id', id).select(INSTITUTION_COLUMNS).maybeSingle();
      if (error) fail(error);
      if (!data) fail({ message: '没有保存：该机构不存在或您无权修改，请刷新页面后重试' });
      return data as Institution;
    },
    onSuccess: (row) => {
      client.setQueryData(institutionKeys.institution(id), row);
      void client.invalidateQueries({ queryKey: ['operator', 'institutions'] });
    },
  });
}

export function useSite(institutionId: string) {
  return useQuery({
    queryKey: institutionKeys.site(institutionId),
    queryFn: async (): Promise<Site | null> => {
      const { data, error } = await supabaseClient
        .from('institution_sites')
        .select(SITE_COLUMNS)
        .eq('institution_id', institutionId)
        .maybeSingle();
      if (error) fail(error);
      if (!data) return null;
      const row = data as Site;
      return { ...row, lat: Number(row.lat), lng: Number(row.lng) };
    },
  });
}

/**
 * Site first, then the street (its county follows): a refused site (bad coordinate, address) leaves
 * everything as it was. Street changes of filed institutions go through a change filing (the
 * trigger refuses them; the form does not offer them).
 */
export function useSaveLocation(institutionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (values: { streetCode: string; streetChanged: boolean; site: SiteInput; hasSite: boolean }) => {
      const { error } = values.hasSite
        ? await supabaseClient.from('institution_sites').update(values.site).eq('institution_id', institutionId)
        : // county_code and the other region columns are filled in by the trigger
          await supabaseClient.from('institution_sites').insert({ institution_id: institutionId, ...values.site } as TablesInsert<'institution_sites'>);
      if (error) fail(error);
      if (values.streetChanged) {
        const street = await supabaseClient.from('institutions').update({ street_code: values.streetCode }).eq('id', institutionId);
        if (street.error) fail(street.error);
      }
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: institutionKeys.site(institutionId) });
      void client.invalidateQueries({ queryKey: institutionKeys.institution(institutionId) });
    },
  });
}

// Regions (street picker) ------------------------------------------------------------------------------

export function useRegionChildren(parent: string | null, level: 'province' | 'city' | 'county' | 'street', enabled = true) {
  return useQuery({
    queryKey: institutionKeys.regions(parent, level),
    enabled: enabled && (level === 'province' || !!parent),
    staleTime: 30 * 60_000,
    queryFn: async (): Promise<RegionRow[]> => {
      let query = supabaseClient.from('regions').select('code,name,level,parent_code').eq('level', level).order('code');
      query = parent ? query.eq('parent_code', parent) : query;
      const { data, error } = await query.limit(1000);
      if (error) fail(error);
      return (data ?? []) as RegionRow[];
    },
  });
}

export function useRegionName(code: string | null | undefined) {
  return useQuery({
    queryKey: institutionKeys.region(code ?? ''),
    enabled: !!code,
    staleTime: 30 * 60_000,
    queryFn: async (): Promise<string | null> => {
      const { data, error } = await supabaseClient.from('regions').select('name').eq('code', code ?? '').maybeSingle();
      if (error) fail(error);
      return (data as { name: string } | null)?.name ?? null;
    },
  });
}

// Classes -----------------------------------------------------------------------------------------------

export function useClasses(institutionId: string) {
  return useQuery({
    queryKey: institutionKeys.classes(institutionId),
    queryFn: async (): Promise<ClassRow[]> => {
      const { data, error } = await supabaseClient
        .from('classes')
        .select(CLASS_COLUMNS)
        .eq('institution_id', institutionId)
        .order('min_age_months')
        .order('name');
      if (error) fail(error);
      return (data ?? []) as ClassRow[];
    },
  });
}

/** The class rules in force for the institution: its county's, city's or province's override, else national. */
export function useClassRules(institution: Pick<Institution, 'id' | 'county_code' | 'city_code' | 'province_code'> | null) {
  return useQuery({
    queryKey: institutionKeys.rules(institution?.id ?? ''),
    enabled: !!institution,
    staleTime: 10 * 60_000,
    queryFn: async (): Promise<ClassTypeRuleRow[]> => {
      const { data, error } = await supabaseClient
        .from('class_type_rules')
        .select(CLASS_RULE_COLUMNS);
      if (error) fail(error);
      const rows = (data ?? []) as ClassTypeRuleRow[];
      const rank = (r: ClassTypeRuleRow) =>
        r.region_code === institution?.county_code ? 0 : r.region_code === institution?.city_code ? 1 : r.region_code === institution?.province_code ? 2 : r.region_code === null ? 3 : 9;
      const best = new Map<string, ClassTypeRuleRow>();
      for (const r of rows.filter((x) => rank(x) < 9).sort((a, b) => rank(a) - rank(b))) {
        if (!best.has(r.class_type)) best.set(r.class_type, r);
      }
      return [...best.values()];
    },
  });
}

export function useSaveClass(institutionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, values }: { id: string | null; values: ClassInput }) => {
      const { error } = id
        ? await supabaseClient.from('classes').update(values).eq('id', id)
        : await supabaseClient.from('classes').insert({ ...values, institution_id: institutionId } as TablesInsert<'classes'>);
      if (error) fail(error);
    },
    onSuccess: () => void client.invalidateQueries({ queryKey: institutionKeys.classes(institutionId) }),
  });
}

export function useDeleteRow(table: 'classes' | 'staff', institutionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      const { error } = await supabaseClient.from(table).delete().eq('id', id);
      if (error) fail(error);
    },
    onSuccess: () =>
      void client.invalidateQueries({ queryKey: table === 'classes' ? institutionKeys.classes(institutionId) : institutionKeys.staff(institutionId) }),
  });
}

// Staff --------------------------------------------------------------------------------------------------

export function useStaff(institutionId: string) {
  return useQuery({
    queryKey: institutionKeys.staff(institutionId),
    queryFn: async (): Promise<StaffRow[]> => {
      const { data, error } = await supabaseClient
        .from('staff')
        .select(STAFF_COLUMNS)
        .eq('institution_id', institutionId)
        .order('name');
      if (error) fail(error);
      return (data ?? []) as StaffRow[];
    },
  });
}

export function useSaveStaff(institutionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, values, idNumber }: { id: string | null; values: StaffInput; idNumber?: string }) => {
      const { data, error } = id
        ? await supabaseClient.from('staff').update(values).eq('id', id).select('id').single()
        : await supabaseClient.from('staff').insert({ ...values, institution_id: institutionId } as TablesInsert<'staff'>).select('id').single();
      if (error) fail(error);
      // 身份证号: only through the RPC (stored keyed-hashed and encrypted; blank = keep as is)
      if (idNumber?.trim()) {
        const { error: idError } = await supabaseClient.rpc('set_staff_id_number', { staff: data.id, id_number: idNumber.trim() });
        if (idError) fail(idError);
      }
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: institutionKeys.staff(institutionId) });
      void client.invalidateQueries({ queryKey: ['staff-id-overview', institutionId] });
    },
  });
}


/** Masked ID numbers of the institution's staff (public.staff_id_overview). */
export function useStaffIdOverview(institutionId: string) {
  return useQuery({
    queryKey: ['staff-id-overview', institutionId],
    queryFn: async () => {
      const { data, error } = await supabaseClient.rpc('staff_id_overview', { institution: institutionId });
      if (error) fail(error);
      return new Map((data ?? []).map((r) => [r.staff_id, r.id_number_masked]));
    },
  });
}
