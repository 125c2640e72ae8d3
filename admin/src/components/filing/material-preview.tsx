import { isImageMaterial } from '@tuoyu/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Image, Spin, Typography } from 'antd';
import { fetchMaterialFile, materialErrorPage, signedMaterialUrl, type FilingDocument } from './queries.ts';

const IMAGE_BOX = { width: 240, height: 180 } as const;
const PDF_BOX = { width: '100%', height: 360 } as const;

/**
 * Preview of one material from the private bucket: the file is fetched through a short-lived signed
 * URL and shown from memory (images inline, PDFs in an embedded viewer); "在新窗口打开" opens the
 * same bytes in a new window, or a Chinese error page when the file cannot be read — never the
 * storage API's English JSON.
 */
export function MaterialPreview({ document }: { document: FilingDocument }) {
  const file = useQuery({
    queryKey: ['filing-document-file', document.storage_path],
    queryFn: () => fetchMaterialFile(document.storage_path, document.mime_type),
    staleTime: 5 * 60_000,
    retry: false,
  });
  const image = isImageMaterial(document.mime_type);
  // Images show the signed URL (the zoomed preview loads it too); a PDF's viewer needs only the bytes.
  const url = useQuery({
    queryKey: ['filing-document-url', document.storage_path],
    queryFn: () => signedMaterialUrl(document.storage_path),
    staleTime: 5 * 60_000,
    enabled: image,
  });

  /** Opens the window at once (so the browser allows it), then fills it. */
  function openInNewWindow() {
    const win = window.open('', '_blank');
    if (!win) return;
    if (file.data) {
      win.location.href = file.data;
      return;
    }
    const message = (file.error as { message?: string } | null)?.message ?? '文件暂时无法读取，请稍后重试';
    win.document.open();
    win.document.write(materialErrorPage(document.file_name, message));
    win.document.close();
  }

  const openLink = (
    <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={openInNewWindow} disabled={file.isLoading} data-testid="material-open">
      在新窗口打开 {document.file_name}
    </Button>
  );
  // The preview keeps its size from the first render (spinner, image or viewer), so the verdict
  // buttons below never move while files load — a reviewer's click lands where it was aimed.
  const box = image ? IMAGE_BOX : PDF_BOX;
  if (file.isLoading) {
    return (
      <div data-testid="material-loading">
        <div style={{ ...box, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
          <Spin size="small" />
        </div>
        <div>{openLink}</div>
      </div>
    );
  }
  if (file.isError || !file.data) {
    return (
      <div>
        <Alert
          type="warning"
          showIcon
          data-testid="material-error"
          message={(file.error as { message?: string } | null)?.message ?? '无法预览该材料'}
        />
        {openLink}
      </div>
    );
  }
  if (image) {
    return (
      <div data-testid="material-image">
        <div style={box}>
          <Image src={url.data ?? file.data} alt={document.file_name} width={IMAGE_BOX.width} height={IMAGE_BOX.height} style={{ objectFit: 'contain' }} />
        </div>
        <div>{openLink}</div>
      </div>
    );
  }
  return (
    <div>
      {/* the bytes already fetched: one source, so the viewer loads once */}
      <object data={file.data} type="application/pdf" width="100%" height={PDF_BOX.height} aria-label={document.file_name} data-testid="material-pdf">
        <Typography.Text type="secondary">浏览器无法内嵌显示 PDF，请点击下方链接查看。</Typography.Text>
      </object>
      {openLink}
    </div>
  );
}
