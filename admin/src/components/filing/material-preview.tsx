import { isImageMaterial } from '@tuoyu/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, Image, Spin, Typography } from 'antd';
import { signedMaterialUrl, type FilingDocument } from './queries.ts';

/**
 * Preview of one material from the private bucket through a short-lived signed URL: images inline,
 * PDFs in an embedded viewer with a link to open them in a new tab.
 */
export function MaterialPreview({ document }: { document: FilingDocument }) {
  const url = useQuery({
    queryKey: ['filing-document-url', document.storage_path],
    queryFn: () => signedMaterialUrl(document.storage_path),
    staleTime: 5 * 60_000,
  });
  if (url.isLoading) return <Spin size="small" />;
  if (url.isError || !url.data) {
    return <Alert type="warning" showIcon message={(url.error as { message?: string } | null)?.message ?? '无法预览该材料'} />;
  }
  if (isImageMaterial(document.mime_type)) {
    return (
      <div data-testid="material-image">
        <Image src={url.data} alt={document.file_name} width={240} style={{ maxHeight: 320, objectFit: 'contain' }} />
      </div>
    );
  }
  return (
    <div>
      <object
        data={url.data}
        type="application/pdf"
        width="100%"
        height={360}
        aria-label={document.file_name}
        data-testid="material-pdf"
      >
        <Typography.Text type="secondary">浏览器无法内嵌显示 PDF，请点击下方链接查看。</Typography.Text>
      </object>
      <a href={url.data} target="_blank" rel="noreferrer">
        在新窗口打开 {document.file_name}
      </a>
    </div>
  );
}
