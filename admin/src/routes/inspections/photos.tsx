import { useMutation, useQuery } from '@tanstack/react-query';
import { INSPECTION_PHOTO_LIMITS } from '@tuoyu/domain';
import { App, Button, Image, Space, Typography } from 'antd';
import { useRef } from 'react';
import { signedPhotoUrl, uploadInspectionPhoto } from './queries.ts';

/** Thumbnails of stored photos (signed URLs; storage RLS decides who gets one). */
export function PhotoThumbs({ paths }: { paths: string[] }) {
  const urls = useQuery({
    queryKey: ['inspection-photos', ...paths],
    enabled: paths.length > 0,
    queryFn: () => Promise.all(paths.map((p) => signedPhotoUrl(p))),
  });
  if (paths.length === 0) return null;
  return (
    <Image.PreviewGroup>
      <Space wrap data-testid="photo-thumbs">
        {(urls.data ?? []).map((u, i) => (u ? <Image key={paths[i]} src={u} width={64} height={64} style={{ objectFit: 'cover' }} /> : null))}
      </Space>
    </Image.PreviewGroup>
  );
}

/** Add photos (JPG/PNG ≤ 5 MB) to a folder of the inspection-photos bucket; shows what is attached. */
export function PhotoPicker({ folder, value, onChange, testId }: { folder: string; value: string[]; onChange: (paths: string[]) => void; testId: string }) {
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const upload = useMutation({
    mutationFn: async (files: File[]) => {
      const room = INSPECTION_PHOTO_LIMITS.maxCount - value.length;
      if (files.length > room) throw new Error(`最多${INSPECTION_PHOTO_LIMITS.maxCount}张照片`);
      const paths: string[] = [];
      for (const f of files) paths.push(await uploadInspectionPhoto(folder, f));
      return paths;
    },
    onSuccess: (paths) => onChange([...value, ...paths]),
    onError: (e: Error) => void message.error(e.message),
  });
  return (
    <div>
      <input
        ref={input}
        type="file"
        accept={INSPECTION_PHOTO_LIMITS.mimeTypes.join(',')}
        multiple
        style={{ display: 'none' }}
        data-testid={testId}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length > 0) upload.mutate(files);
        }}
      />
      <Space wrap>
        <Button size="small" loading={upload.isPending} onClick={() => input.current?.click()}>拍照/上传照片</Button>
        <Typography.Text type="secondary" data-testid={`${testId}-count`}>{value.length > 0 ? `已上传${value.length}张` : 'JPG/PNG，每张不超过5MB'}</Typography.Text>
      </Space>
      <PhotoThumbs paths={value} />
    </div>
  );
}
