/**
 * The institution page's extra sections: photos (public bucket institution-photos; anyone lists
 * those of filed institutions) and free places per class (view class_vacancies, public like classes).
 */
import { useQuery } from '@tanstack/react-query';
import { throwIfError } from '../../../lib/api-error.ts';
import { getSupabase } from '../../../lib/supabase/client.ts';

export const PHOTO_BUCKET = 'institution-photos';

export interface InstitutionPhoto {
  name: string;
  url: string;
}

export async function fetchInstitutionPhotos(institutionId: string): Promise<InstitutionPhoto[]> {
  const bucket = getSupabase().storage.from(PHOTO_BUCKET);
  const { data, error } = await bucket.list(institutionId, { limit: 12, sortBy: { column: 'name', order: 'asc' } });
  if (error) throw error;
  return (data ?? [])
    .filter((entry) => entry.id !== null && !entry.name.startsWith('.'))
    .map((entry) => ({ name: entry.name, url: bucket.getPublicUrl(`${institutionId}/${entry.name}`).data.publicUrl }));
}

export function useInstitutionPhotos(institutionId: string) {
  return useQuery({ queryKey: ['registry', 'photos', institutionId] as const, queryFn: () => fetchInstitutionPhotos(institutionId) });
}

export interface ClassVacancy {
  classType: string;
  capacity: number;
  vacancies: number;
  updatedAt: string;
}

export async function fetchVacancies(institutionId: string, signal?: AbortSignal): Promise<ClassVacancy[]> {
  const request = getSupabase().from('class_vacancies').select('class_type,capacity,vacancies,updated_at').eq('institution_id', institutionId);
  const result = await (signal ? request.abortSignal(signal) : request);
  throwIfError(result);
  return (result.data ?? []).map((row) => ({
    classType: row.class_type ?? '',
    capacity: Number(row.capacity ?? 0),
    vacancies: Number(row.vacancies ?? 0),
    updatedAt: row.updated_at ?? '',
  }));
}

export function useVacancies(institutionId: string) {
  return useQuery({
    queryKey: ['registry', 'vacancies', institutionId] as const,
    queryFn: ({ signal }) => fetchVacancies(institutionId, signal),
  });
}
