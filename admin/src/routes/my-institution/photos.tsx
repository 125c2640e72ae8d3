import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { INSTITUTION_PHOTO_MAX_COUNT, institutionPhotoProblem } from '@tuoyu/domain';
import { Alert, Button, Empty, Image, Popconfirm, Space, Typography } from 'antd';
import { useRef, useState, type ChangeEvent } from 'react';
import { QueryError } from '../../components/common/query-states.tsx';
import { useInstitutionPhotos, useRemovePhoto, useUploadPhoto } from './photo-queries.ts';
import type { Institution } from './queries.ts';

/** 机构照片: what families see on the institution's page in the mini-program (once filed). */
export function PhotosTab({ institution }: { institution: Institution }) {
  const photos = useInstitutionPhotos(institution.id);
  const count = photos.data?.length ?? 0;
  const upload = useUploadPhoto(institution.id, count);
  const remove = useRemovePhoto(institution.id);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const pick = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file || upload.isPending) return;
    const problem = institutionPhotoProblem(file, count);
    if (problem) {
      setError(problem);
      return;
    }
    setError(null);
    upload.mutate(file, { onError: (e) => setError(e.message) });
  };

  if (photos.isError) return <QueryError error={photos.error} onRetry={() => void photos.refetch()} />;
  return (
    <div data-testid="institution-photos-tab">
      <Typography.Paragraph type="secondary">
        {`门头、活动室、午休室等环境照片，JPG / PNG / WebP，单张不超过 2 MB，最多 ${INSTITUTION_PHOTO_MAX_COUNT} 张。`}
        {institution.status === 'filed' ? '照片会在小程序的机构详情页公开展示。' : '备案通过后，照片会在小程序的机构详情页公开展示。'}
      </Typography.Paragraph>
      <Space style={{ marginBottom: 16 }}>
        <input ref={input} type="file" accept="image/jpeg,image/png,image/webp" hidden onChange={pick} data-testid="institution-photo-input" />
        <Button icon={<UploadOutlined />} loading={upload.isPending} disabled={count >= INSTITUTION_PHOTO_MAX_COUNT}
          onClick={() => input.current?.click()} data-testid="institution-photo-upload">
          上传照片
        </Button>
      </Space>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="institution-photo-error" /> : null}
      {photos.isLoading ? null : count === 0 ? (
        <Empty description="还没有上传照片" />
      ) : (
        <Image.PreviewGroup>
          <Space wrap size={12}>
            {(photos.data ?? []).map((photo) => (
              <div key={photo.path} data-testid="institution-photo-item" style={{ position: 'relative' }}>
                <Image src={photo.url} width={160} height={120} style={{ objectFit: 'cover', borderRadius: 8 }} alt="机构照片" />
                <Popconfirm title="删除这张照片？" okText="删除" cancelText="取消" onConfirm={() => remove.mutate(photo.path, { onError: (e) => setError(e.message) })}>
                  <Button size="small" danger icon={<DeleteOutlined />} style={{ position: 'absolute', top: 4, right: 4 }} aria-label="删除照片" />
                </Popconfirm>
              </div>
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
    </div>
  );
}
