import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { CONTENT_IMAGE_TYPES } from '@tuoyu/domain';
import { Alert, Button, Form, Image, Space } from 'antd';
import { useRef, useState } from 'react';
import { contentImageUrl, uploadContentImage } from './queries.ts';

/**
 * Form control for image paths in `content-images` (value: one path, or a list with `multiple`).
 * The file goes up at once under the author's region folder; type and size are checked here and
 * again by the bucket.
 */
export function ImageField({ value, onChange, regionCode, multiple = false, testId }: {
  value?: string | string[] | null;
  onChange?: (value: string | string[] | null) => void;
  regionCode: string | undefined;
  multiple?: boolean;
  testId: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const paths = (Array.isArray(value) ? value : value ? [value] : []).filter(Boolean);
  const set = (next: string[]) => onChange?.(multiple ? next : next[0] ?? null);
  const pick = async (file: File | undefined) => {
    if (!file) return;
    if (!regionCode) { setError('请先选择所属区划'); return; }
    setBusy(true);
    setError(null);
    try {
      const path = await uploadContentImage(regionCode, file);
      set(multiple ? [...paths, path] : [path]);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };
  return (
    <div data-testid={testId}>
      <Space wrap>
        {paths.map((p) => (
          <Space key={p} direction="vertical" size={4}>
            <Image src={contentImageUrl(p)} width={96} height={64} style={{ objectFit: 'cover' }} />
            <Button size="small" icon={<DeleteOutlined />} onClick={() => set(paths.filter((x) => x !== p))}>移除</Button>
          </Space>
        ))}
        {multiple || paths.length === 0 ? (
          <Button icon={<UploadOutlined />} loading={busy} onClick={() => input.current?.click()}>上传图片</Button>
        ) : null}
      </Space>
      <input ref={input} type="file" accept={CONTENT_IMAGE_TYPES.join(',')} hidden data-testid={`${testId}-input`}
        onChange={(e) => void pick(e.target.files?.[0])} />
      <div style={{ color: '#888', fontSize: 12 }}>JPG、PNG 或 WebP，不超过 2 MB</div>
      {error ? <Alert type="error" showIcon message={error} style={{ marginTop: 4 }} data-testid={`${testId}-error`} /> : null}
    </div>
  );
}

/** ImageField inside a form with a `region_code` field: uploads go to that region's folder. */
export function RegionImageField(props: Omit<Parameters<typeof ImageField>[0], 'regionCode'>) {
  const form = Form.useFormInstance();
  const regionCode = Form.useWatch<string | undefined>('region_code', form);
  return <ImageField {...props} regionCode={regionCode} />;
}
