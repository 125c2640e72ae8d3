/**
 * 机构照片: the public bucket institution-photos, folder = the institution's id. Members upload and
 * delete (storage RLS); the mini-program shows the photos of filed institutions.
 */
import { institutionPhotoPath, institutionPhotoProblem } from '@tuoyu/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { supabaseClient } from '../../providers/supabase-client.ts';
import { fail } from '../../lib/errors.ts';

export const PHOTO_BUCKET = 'institution-photos';

export interface InstitutionPhoto {
  path: string;
  name: string;
  url: string;
  size: number | null;
}

const photoKeys = { list: (institutionId: string) => ['my-institution', 'photos', institutionId] as const };

export function useInstitutionPhotos(institutionId: string) {
  return useQuery({
    queryKey: photoKeys.list(institutionId),
    queryFn: async (): Promise<InstitutionPhoto[]> => {
      const bucket = supabaseClient.storage.from(PHOTO_BUCKET);
      const { data, error } = await bucket.list(institutionId, { limit: 100, sortBy: { column: 'name', order: 'asc' } });
      if (error) fail(error);
      return (data ?? [])
        .filter((entry) => entry.id !== null && !entry.name.startsWith('.'))
        .map((entry) => {
          const path = `${institutionId}/${entry.name}`;
          const size = (entry.metadata as { size?: number } | null)?.size;
          return { path, name: entry.name, url: bucket.getPublicUrl(path).data.publicUrl, size: typeof size === 'number' ? size : null };
        });
    },
  });
}

let counter = 0;

export function useUploadPhoto(institutionId: string, existing: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (file: File) => {
      const problem = institutionPhotoProblem(file, existing);
      if (problem) fail({ message: problem });
      counter += 1;
      const path = institutionPhotoPath(institutionId, file.type, `${Date.now().toString(36)}${counter}${Math.random().toString(36).slice(2, 6)}`);
      const { error } = await supabaseClient.storage.from(PHOTO_BUCKET).upload(path, file, { contentType: file.type, upsert: false });
      if (error) fail(error);
    },
    onSettled: () => void client.invalidateQueries({ queryKey: photoKeys.list(institutionId) }),
  });
}

export function useRemovePhoto(institutionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (path: string) => {
      const { error } = await supabaseClient.storage.from(PHOTO_BUCKET).remove([path]);
      if (error) fail(error);
    },
    onSettled: () => void client.invalidateQueries({ queryKey: photoKeys.list(institutionId) }),
  });
}
