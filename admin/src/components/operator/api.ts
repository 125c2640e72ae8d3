/**
 * Data access of the operator screens (institution profile, filings) through supabase-js as the
 * signed-in operator: RLS limits every row to their own institutions (institution_members), the
 * triggers guard the filing state machine, class limits and protected columns, the RPCs
 * (create_filing_draft / attach_filing_document / submit_filing) make retries and double clicks safe.
 * Components use the hooks below, never the client. Errors are Chinese `OperatorError`s.
 */
import { type FilingKind, type FilingStatus, materialMimeType, materialStoragePath, type MaterialType, validateMaterialFile } from '@tuoyu/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Permissions } from '../../lib/permissions.ts';
import { useFreshPermissions } from './fresh-permissions.ts';
import { supabaseClient } from '../../providers/supabase-client.ts';
import { fail } from '../../lib/errors.ts';

export const FILING_BUCKET = 'filing-documents';

// Types -------------------------------------------------------------------------------------------------

export type FeeItem = { name: string; amount: number; unit: string; note?: string | null };

export type Institution = {
  id: string;
  name: string;
  type: 'center' | 'home_based';
  ownership: string;
  operating_model: string;
  street_code: string;
  county_code: string;
  city_code: string;
  province_code: string;
  affordable: boolean;
  services: string[];
  meals_served: boolean;
  opening_hours: string | null;
  fee_items: FeeItem[];
  prepayment_terms: string | null;
  contact_phone: string | null;
  description: string | null;
  status: string;
  filing_no: string | null;
  filed_at: string | null;
  updated_at: string;
};

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

export type Site = { institution_id: string; address: string; lat: number; lng: number; premises_note: string | null };
export type SiteInput = { address: string; lat: number; lng: number; premises_note?: string | null };

export type ClassRow = {
  id: string;
  institution_id: string;
  name: string;
  class_type: string;
  min_age_months: number;
  max_age_months: number;
  capacity: number;
  enrolled: number;
  carers: number;
};
export type ClassInput = Omit<ClassRow, 'id' | 'institution_id'>;

export type ClassTypeRuleRow = {
  class_type: string;
  region_code: string | null;
  min_age_months: number;
  max_age_months: number;
  max_size: number;
  children_per_carer: number;
  basis: string | null;
};

export type StaffRow = {
  id: string;
  institution_id: string;
  name: string;
  role: string;
  certificate_type: string | null;
  certificate_no: string | null;
  health_certificate_expires_on: string | null;
  employed_since: string | null;
};
export type StaffInput = Omit<StaffRow, 'id' | 'institution_id'>;

export type RegionRow = { code: string; name: string; level: string; parent_code: string | null };

export type Filing = {
  id: string;
  institution_id: string;
  county_code: string;
  kind: FilingKind;
  status: FilingStatus;
  form: Record<string, unknown>;
  materials: Record<string, { ok?: boolean; note?: string }>;
  pledge_accepted: boolean;
  submitted_at: string | null;
  deadline_on: string | null;
  review_started_at: string | null;
  decided_at: string | null;
  decision_reasons: string | null;
  filing_no: string | null;
  created_at: string;
  updated_at: string;
  institution?: { id: string; name: string; type: string; status: string; meals_served: boolean; county_code: string } | null;
};

export type FilingDocument = {
  id: string;
  filing_id: string;
  material_type: MaterialType;
  storage_path: string;
  file_name: string;
  mime_type: string;
  size_bytes: number;
  created_at: string;
};

const FILING_SELECT = '*,institution:institutions(id,name,type,status,meals_served,county_code)';

const isUuid = (v: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

// Memberships ---------------------------------------------------------------------------------------------

/** The operator's institutions from get_my_permissions() (institution_members). */
export function useMyMemberships(): { loading: boolean; ids: string[]; memberships: Permissions['memberships'] } {
  const { data, isLoading } = useFreshPermissions();
  const memberships = data?.memberships ?? [];
  return { loading: isLoading, ids: memberships.map((m) => m.institutionId), memberships };
}

// Institutions --------------------------------------------------------------------------------------------

export const operatorKeys = {
  institutions: (ids: string[]) => ['operator', 'institutions', ...ids] as const,
  institution: (id: string) => ['operator', 'institution', id] as const,
  site: (id: string) => ['operator', 'site', id] as const,
  classes: (id: string) => ['operator', 'classes', id] as const,
  rules: (id: string) => ['operator', 'class-rules', id] as const,
  staff: (id: string) => ['operator', 'staff', id] as const,
  regions: (parent: string | null, level: string) => ['operator', 'regions', parent, level] as const,
  region: (code: string) => ['operator', 'region', code] as const,
  filings: (ids: string[]) => ['operator', 'filings', ...ids] as const,
  filing: (id: string) => ['operator', 'filing', id] as const,
  documents: (id: string) => ['operator', 'documents', id] as const,
  daysLeft: (deadline: string) => ['operator', 'days-left', deadline] as const,
};

export function useInstitutions(ids: string[]) {
  return useQuery({
    queryKey: operatorKeys.institutions(ids),
    enabled: ids.length > 0,
    queryFn: async (): Promise<Institution[]> => {
      const { data, error } = await supabaseClient.from('institutions').select('*').in('id', ids).order('name');
      if (error) fail(error);
      return (data ?? []) as Institution[];
    },
  });
}

export function useInstitution(id: string, enabled = true) {
  return useQuery({
    queryKey: operatorKeys.institution(id),
    enabled: enabled && isUuid(id),
    queryFn: async (): Promise<Institution | null> => {
      const { data, error } = await supabaseClient.from('institutions').select('*').eq('id', id).maybeSingle();
      if (error) fail(error);
      return (data as Institution | null) ?? null;
    },
  });
}

export function useUpdateInstitution(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (values: InstitutionInput): Promise<Institution> => {
      const { data, error } = await supabaseClient.from('institutions').update(values).eq('id', id).select('*').maybeSingle();
      if (error) fail(error);
      if (!data) fail({ message: '没有保存：该机构不存在或您无权修改，请刷新页面后重试' });
      return data as Institution;
    },
    onSuccess: (row) => {
      client.setQueryData(operatorKeys.institution(id), row);
      void client.invalidateQueries({ queryKey: ['operator', 'institutions'] });
    },
  });
}

export function useSite(institutionId: string) {
  return useQuery({
    queryKey: operatorKeys.site(institutionId),
    queryFn: async (): Promise<Site | null> => {
      const { data, error } = await supabaseClient
        .from('institution_sites')
        .select('institution_id,address,lat,lng,premises_note')
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
        : await supabaseClient.from('institution_sites').insert({ institution_id: institutionId, ...values.site });
      if (error) fail(error);
      if (values.streetChanged) {
        const street = await supabaseClient.from('institutions').update({ street_code: values.streetCode }).eq('id', institutionId);
        if (street.error) fail(street.error);
      }
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: operatorKeys.site(institutionId) });
      void client.invalidateQueries({ queryKey: operatorKeys.institution(institutionId) });
    },
  });
}

// Regions (street picker) ------------------------------------------------------------------------------

export function useRegionChildren(parent: string | null, level: 'province' | 'city' | 'county' | 'street', enabled = true) {
  return useQuery({
    queryKey: operatorKeys.regions(parent, level),
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
    queryKey: operatorKeys.region(code ?? ''),
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
    queryKey: operatorKeys.classes(institutionId),
    queryFn: async (): Promise<ClassRow[]> => {
      const { data, error } = await supabaseClient
        .from('classes')
        .select('id,institution_id,name,class_type,min_age_months,max_age_months,capacity,enrolled,carers')
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
    queryKey: operatorKeys.rules(institution?.id ?? ''),
    enabled: !!institution,
    staleTime: 10 * 60_000,
    queryFn: async (): Promise<ClassTypeRuleRow[]> => {
      const { data, error } = await supabaseClient
        .from('class_type_rules')
        .select('class_type,region_code,min_age_months,max_age_months,max_size,children_per_carer,basis');
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
        : await supabaseClient.from('classes').insert({ ...values, institution_id: institutionId });
      if (error) fail(error);
    },
    onSuccess: () => void client.invalidateQueries({ queryKey: operatorKeys.classes(institutionId) }),
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
      void client.invalidateQueries({ queryKey: table === 'classes' ? operatorKeys.classes(institutionId) : operatorKeys.staff(institutionId) }),
  });
}

// Staff --------------------------------------------------------------------------------------------------

export function useStaff(institutionId: string) {
  return useQuery({
    queryKey: operatorKeys.staff(institutionId),
    queryFn: async (): Promise<StaffRow[]> => {
      const { data, error } = await supabaseClient
        .from('staff')
        .select('id,institution_id,name,role,certificate_type,certificate_no,health_certificate_expires_on,employed_since')
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
    mutationFn: async ({ id, values }: { id: string | null; values: StaffInput }) => {
      const { error } = id
        ? await supabaseClient.from('staff').update(values).eq('id', id)
        : await supabaseClient.from('staff').insert({ ...values, institution_id: institutionId });
      if (error) fail(error);
    },
    onSuccess: () => void client.invalidateQueries({ queryKey: operatorKeys.staff(institutionId) }),
  });
}

// Filings ------------------------------------------------------------------------------------------------

export function useFilings(institutionIds: string[]) {
  return useQuery({
    queryKey: operatorKeys.filings(institutionIds),
    enabled: institutionIds.length > 0,
    queryFn: async (): Promise<Filing[]> => {
      const { data, error } = await supabaseClient
        .from('filings')
        .select(FILING_SELECT)
        .in('institution_id', institutionIds)
        .order('created_at', { ascending: false });
      if (error) fail(error);
      return (data ?? []) as Filing[];
    },
  });
}

export function useFiling(id: string) {
  return useQuery({
    queryKey: operatorKeys.filing(id),
    enabled: isUuid(id),
    queryFn: async (): Promise<Filing | null> => {
      const { data, error } = await supabaseClient.from('filings').select(FILING_SELECT).eq('id', id).maybeSingle();
      if (error) fail(error);
      return (data as Filing | null) ?? null;
    },
  });
}

/** create_filing_draft: a second click or retry returns the same open draft. */
export function useCreateFilingDraft() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ institutionId, kind }: { institutionId: string; kind: FilingKind }): Promise<Filing> => {
      const { data, error } = await supabaseClient.rpc('create_filing_draft', { institution_id: institutionId, kind });
      if (error) fail(error);
      return data as Filing;
    },
    onSuccess: () => void client.invalidateQueries({ queryKey: ['operator', 'filings'] }),
  });
}

export function useSaveFilingForm(filingId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (form: Record<string, unknown>) => {
      const { data, error } = await supabaseClient.from('filings').update({ form }).eq('id', filingId).select('id').maybeSingle();
      if (error) fail(error);
      if (!data) fail({ message: '备案表没有保存：该备案已提交或您无权修改，请刷新页面查看最新状态' });
    },
    onSuccess: () => void client.invalidateQueries({ queryKey: operatorKeys.filing(filingId) }),
  });
}

export function useFilingDocuments(filingId: string) {
  return useQuery({
    queryKey: operatorKeys.documents(filingId),
    enabled: isUuid(filingId),
    queryFn: async (): Promise<FilingDocument[]> => {
      const { data, error } = await supabaseClient
        .from('filing_documents')
        .select('id,filing_id,material_type,storage_path,file_name,mime_type,size_bytes,created_at')
        .eq('filing_id', filingId)
        .order('created_at');
      if (error) fail(error);
      return (data ?? []) as FilingDocument[];
    },
  });
}

let uploadCounter = 0;

/**
 * One material: checked here (type, size), uploaded to the private bucket under the filing's folder,
 * then registered with attach_filing_document (which reads type and size from the stored object).
 */
export function useUploadMaterial(filing: Pick<Filing, 'id' | 'institution_id' | 'county_code'>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ material, file }: { material: MaterialType; file: File }): Promise<FilingDocument> => {
      const problem = validateMaterialFile(file);
      if (problem) fail({ message: problem });
      const mime = materialMimeType(file) ?? 'application/pdf';
      uploadCounter += 1;
      const path = materialStoragePath({
        countyCode: filing.county_code,
        institutionId: filing.institution_id,
        filingId: filing.id,
        materialType: material,
        mimeType: mime,
        unique: `${Date.now().toString(36)}${uploadCounter}${Math.random().toString(36).slice(2, 6)}`,
      });
      const upload = await supabaseClient.storage.from(FILING_BUCKET).upload(path, file, { contentType: mime, upsert: false });
      if (upload.error) fail(upload.error);
      const { data, error } = await supabaseClient.rpc('attach_filing_document', {
        filing_id: filing.id,
        material_type: material,
        storage_path: path,
        file_name: file.name.slice(0, 200),
      });
      if (error) {
        // Leave no orphan object behind when the database refuses the material.
        await supabaseClient.storage.from(FILING_BUCKET).remove([path]);
        fail(error);
      }
      return data as FilingDocument;
    },
    onSettled: () => void client.invalidateQueries({ queryKey: operatorKeys.documents(filing.id) }),
  });
}

export function useRemoveMaterial(filingId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (doc: FilingDocument) => {
      const { error } = await supabaseClient.from('filing_documents').delete().eq('id', doc.id);
      if (error) fail(error);
      await supabaseClient.storage.from(FILING_BUCKET).remove([doc.storage_path]);
    },
    onSettled: () => void client.invalidateQueries({ queryKey: operatorKeys.documents(filingId) }),
  });
}

/** submit_filing: idempotent (a repeat returns the submitted filing), checks pledge and materials. */
export function useSubmitFiling(filingId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (acceptPledge: boolean): Promise<Filing> => {
      const { data, error } = await supabaseClient.rpc('submit_filing', { filing_id: filingId, accept_pledge: acceptPledge });
      if (error) fail(error);
      return data as Filing;
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: operatorKeys.filing(filingId) });
      void client.invalidateQueries({ queryKey: ['operator', 'filings'] });
      void client.invalidateQueries({ queryKey: ['filing-status-history', filingId] });
    },
  });
}

/** Working days left until a deadline, from the database's calendar (public.working_days_left). */
export function useWorkingDaysLeft(deadline: string | null, active: boolean) {
  return useQuery({
    queryKey: operatorKeys.daysLeft(deadline ?? ''),
    enabled: !!deadline && active,
    queryFn: async (): Promise<number | null> => {
      const { data, error } = await supabaseClient.rpc('working_days_left', { deadline });
      if (error) fail(error);
      return typeof data === 'number' ? data : null;
    },
  });
}
