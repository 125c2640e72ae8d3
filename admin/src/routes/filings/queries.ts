/**
 * Data access of the operator's filing screens (备案) through supabase-js as the signed-in operator:
 * RLS limits every row to their own institutions, the state-machine trigger guards the statuses,
 * the RPCs (create_filing_draft / attach_filing_document / submit_filing) make retries and double
 * clicks safe. Screens use the hooks below, never the client. Errors are Chinese `AppError`s.
 */
import type { QueryData } from '@supabase/supabase-js';
import {
  type ChangeClass,
  type ChecklistDraft,
  type ClassType,
  type ClassTypeRule,
  type FeeItem,
  type FilingChanges,
  type FilingKind,
  materialMimeType,
  materialStoragePath,
  type MaterialType,
  type RegisteredValues,
  validateMaterialFile,
} from '@tuoyu/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Json, Narrow, Tables } from '../../lib/db.ts';
import { changeDiffKey, DOCUMENT_COLUMNS, FILING_BUCKET, type FilingDocument } from '../../components/filing/queries.ts';
import { useClassRules, type ClassTypeRuleRow } from '../my-institution/queries.ts';

export type { FilingDocument };
import { fail } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { supabaseClient } from '../../providers/supabase-client.ts';

const FILING_SELECT = '*,institution:institutions(id,name,type,status,meals_served,county_code)';
const filingQuery = () => supabaseClient.from('filings').select(FILING_SELECT);
export type Filing = Narrow<
  QueryData<ReturnType<typeof filingQuery>>[number],
  { form: Record<string, unknown>; materials: ChecklistDraft }
>;

export const filingKeys = {
  all: ['operator', 'filings'] as const,
  filings: (ids: string[]) => ['operator', 'filings', ...ids] as const,
  filing: (id: string) => ['operator', 'filing', id] as const,
  documents: (id: string) => ['operator', 'documents', id] as const,
  daysLeft: (deadline: string) => ['operator', 'days-left', deadline] as const,
  registered: (institutionId: string) => ['operator', 'registered', institutionId] as const,
  streets: (countyCode: string) => ['operator', 'county-streets', countyCode] as const,
};

// Filings ------------------------------------------------------------------------------------------------

export function useFilings(institutionIds: string[]) {
  return useQuery({
    queryKey: filingKeys.filings(institutionIds),
    enabled: institutionIds.length > 0,
    queryFn: async (): Promise<Filing[]> => {
      const { data, error } = await filingQuery()
        .in('institution_id', institutionIds)
        .order('created_at', { ascending: false });
      if (error) fail(error);
      return (data ?? []) as Filing[];
    },
  });
}

export function useFiling(id: string) {
  return useQuery({
    queryKey: filingKeys.filing(id),
    enabled: isUuid(id),
    queryFn: async (): Promise<Filing | null> => {
      const { data, error } = await filingQuery().eq('id', id).maybeSingle();
      if (error) fail(error);
      return (data as Filing | null) ?? null;
    },
  });
}

/** create_filing_draft: a second click or retry returns the same open draft. */
export function useCreateFilingDraft() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ institutionId, kind }: { institutionId: string; kind: FilingKind }): Promise<Tables<'filings'>> => {
      const { data, error } = await supabaseClient.rpc('create_filing_draft', { institution_id: institutionId, kind });
      if (error) fail(error);
      return data;
    },
    onSuccess: () => void client.invalidateQueries({ queryKey: filingKeys.all }),
  });
}

export function useSaveFilingForm(filingId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (form: Record<string, unknown>) => {
      const { data, error } = await supabaseClient.from('filings').update({ form: form as Json }).eq('id', filingId).select('id').maybeSingle();
      if (error) fail(error);
      if (!data) fail({ message: '备案表没有保存：该备案已提交或您无权修改，请刷新页面查看最新状态' });
    },
    onSuccess: () => void client.invalidateQueries({ queryKey: filingKeys.filing(filingId) }),
  });
}

export function useFilingDocuments(filingId: string) {
  return useQuery({
    queryKey: filingKeys.documents(filingId),
    enabled: isUuid(filingId),
    queryFn: async (): Promise<FilingDocument[]> => {
      const { data, error } = await supabaseClient
        .from('filing_documents')
        .select(DOCUMENT_COLUMNS)
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
    onSettled: () => void client.invalidateQueries({ queryKey: filingKeys.documents(filing.id) }),
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
    onSettled: () => void client.invalidateQueries({ queryKey: filingKeys.documents(filingId) }),
  });
}

/** submit_filing: idempotent (a repeat returns the submitted filing), checks pledge and materials. */
export function useSubmitFiling(filingId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (acceptPledge: boolean): Promise<Tables<'filings'>> => {
      const { data, error } = await supabaseClient.rpc('submit_filing', { filing_id: filingId, accept_pledge: acceptPledge });
      if (error) fail(error);
      return data;
    },
    // Awaited: the caller's onSuccess (which opens the status page) runs once the filing is read
    // again, so the status page never shows the 草稿 cached before the submission.
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: filingKeys.filing(filingId) }),
        client.invalidateQueries({ queryKey: filingKeys.all }),
        client.invalidateQueries({ queryKey: ['filing-status-history', filingId] }),
      ]),
  });
}

/** Working days left until a deadline, from the database's calendar (public.working_days_left). */
export function useWorkingDaysLeft(deadline: string | null, active: boolean) {
  return useQuery({
    queryKey: filingKeys.daysLeft(deadline ?? ''),
    enabled: !!deadline && active,
    queryFn: async (): Promise<number | null> => {
      const { data, error } = await supabaseClient.rpc('working_days_left', { deadline: deadline ?? '' });
      if (error) fail(error);
      return typeof data === 'number' ? data : null;
    },
  });
}

// Change filings (变更备案) ------------------------------------------------------------------------------

/** A registered class with what the proposal must respect (children already enrolled, their carers). */
export type RegisteredClass = Pick<
  Tables<'classes'>,
  'id' | 'name' | 'class_type' | 'min_age_months' | 'max_age_months' | 'capacity' | 'enrolled' | 'carers'
>;
type RegisteredInstitution = Pick<
  Tables<'institutions'>,
  'id' | 'name' | 'type' | 'ownership' | 'operating_model' | 'street_code' | 'services' | 'county_code' | 'city_code' | 'province_code'
> & { fee_items: FeeItem[] };
export type Registered = { institution: RegisteredInstitution; values: RegisteredValues; classes: RegisteredClass[] };

/**
 * The filed values a change filing starts from: the institution, its site and its classes as the
 * public registry has them now (classes in the order filing_change_diff lists them).
 */
export function useRegistered(institutionId: string) {
  return useQuery({
    queryKey: filingKeys.registered(institutionId),
    enabled: isUuid(institutionId),
    queryFn: async (): Promise<Registered | null> => {
      const [institution, site, classes] = await Promise.all([
        supabaseClient
          .from('institutions')
          .select('id,name,type,ownership,operating_model,street_code,services,fee_items,county_code,city_code,province_code')
          .eq('id', institutionId)
          .maybeSingle(),
        supabaseClient.from('institution_sites').select('address,lat,lng').eq('institution_id', institutionId).maybeSingle(),
        supabaseClient
          .from('classes')
          .select('id,name,class_type,min_age_months,max_age_months,capacity,enrolled,carers')
          .eq('institution_id', institutionId)
          .order('created_at')
          .order('id'),
      ]);
      if (institution.error) fail(institution.error);
      if (site.error) fail(site.error);
      if (classes.error) fail(classes.error);
      const inst = institution.data as RegisteredInstitution | null;
      if (!inst) return null;
      const rows = (classes.data ?? []) as RegisteredClass[];
      return {
        institution: inst,
        classes: rows,
        values: {
          name: inst.name,
          type: inst.type,
          ownership: inst.ownership,
          operating_model: inst.operating_model,
          street_code: inst.street_code,
          services: inst.services,
          fee_items: inst.fee_items ?? [],
          site: site.data ? { address: site.data.address, lat: site.data.lat, lng: site.data.lng } : null,
          classes: rows.map(({ id, name, class_type, min_age_months, max_age_months, capacity }): ChangeClass => ({
            id, name, class_type, min_age_months, max_age_months, capacity,
          })),
        },
      };
    },
  });
}

export type CountyStreet = { code: string; name: string };

/** The streets (街道、乡镇) of a county: where a change filing may move the institution (check_filing_changes). */
export function useCountyStreets(countyCode: string | null | undefined) {
  return useQuery({
    queryKey: filingKeys.streets(countyCode ?? ''),
    enabled: !!countyCode,
    staleTime: 30 * 60_000,
    queryFn: async (): Promise<CountyStreet[]> => {
      const { data, error } = await supabaseClient
        .from('regions')
        .select('code,name')
        .eq('level', 'street')
        .eq('county_code', countyCode ?? '')
        .order('code')
        .limit(1000);
      if (error) fail(error);
      return (data ?? []) as CountyStreet[];
    },
  });
}

/** The class rules in force for the institution, by class type (national or the region's override). */
export function useClassRuleMap(institution: RegisteredInstitution | null | undefined) {
  const rules = useClassRules(institution ?? null);
  const map: Partial<Record<ClassType, ClassTypeRule>> = {};
  for (const r of (rules.data ?? []) as ClassTypeRuleRow[]) {
    map[r.class_type] = {
      classType: r.class_type,
      minAgeMonths: r.min_age_months,
      maxAgeMonths: r.max_age_months,
      maxSize: r.max_size,
      childrenPerCarer: r.children_per_carer,
    };
  }
  return { rules: map, query: rules };
}

/** Stores the proposal (`filings.changes`); check_filing_changes refuses an ill-formed one in Chinese. */
export function useSaveFilingChanges(filingId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (changes: FilingChanges) => {
      const { data, error } = await supabaseClient
        .from('filings')
        .update({ changes: changes as Json })
        .eq('id', filingId)
        .select('id')
        .maybeSingle();
      if (error) fail(error);
      if (!data) fail({ message: '变更事项没有保存：该备案已提交或您无权修改，请刷新页面查看最新状态' });
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: filingKeys.filing(filingId) });
      void client.invalidateQueries({ queryKey: changeDiffKey(filingId) });
    },
  });
}
