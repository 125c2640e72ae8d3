import { DeleteOutlined, EyeOutlined, UploadOutlined } from '@ant-design/icons';
import { type ChecklistDraftItem, formatBytes, isImageMaterial, MATERIAL_FILE_ACCEPT, MATERIAL_HINTS, MATERIAL_LABELS, type MaterialType, validateMaterialFile } from '@tuoyu/domain';
import { Alert, Button, Card, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { useRef, useState, type ChangeEvent } from 'react';
import { MaterialPreview } from '../../components/filing/material-preview.tsx';
import { currentAndHistory } from '../../components/filing/queries.ts';
import { useRemoveMaterial, useUploadMaterial, type Filing, type FilingDocument } from './queries.ts';

/** Upload, list, preview and removal of one required material of a filing. */
export function MaterialUpload({
  filing,
  material,
  documents,
  editable,
  reviewerNote,
  autoPreview = true,
}: {
  filing: Pick<Filing, 'id' | 'institution_id' | 'county_code'>;
  material: MaterialType;
  documents: FilingDocument[];
  editable: boolean;
  reviewerNote?: ChecklistDraftItem | undefined;
  /** Preview the latest file right away (the wizard); otherwise on click (the status page). */
  autoPreview?: boolean;
}) {
  const upload = useUploadMaterial(filing);
  const remove = useRemoveMaterial(filing.id);
  const [error, setError] = useState<string | null>(null);
  // undefined = the latest file is previewed; null = none; else that file
  const [chosen, setPreview] = useState<string | null | undefined>(undefined);
  // A replacement replaces: the latest upload is the material, earlier ones are its history.
  const { current, history } = currentAndHistory(documents);
  const [showHistory, setShowHistory] = useState(false);
  // Images preview at once; a PDF opens its embedded viewer on 预览 (several viewers loading at once
  // make the page heavy and, in Chromium, swallow clicks while they start).
  const autoId = autoPreview && current && isImageMaterial(current.mime_type) ? current.id : null;
  const preview = chosen === undefined ? autoId : chosen;

  const input = useRef<HTMLInputElement>(null);
  const pick = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ''; // the same file may be chosen again after an error
    if (!file || upload.isPending) return;
    const problem = validateMaterialFile(file);
    if (problem) {
      setError(problem);
      return;
    }
    setError(null);
    upload.mutate({ material, file }, { onError: (e) => setError(e.message) });
  };

  const done = documents.length > 0;
  return (
    <Card
      size="small"
      data-testid={`material-${material}`}
      data-uploaded={done ? 'true' : 'false'}
      title={
        <Space>
          <span>{MATERIAL_LABELS[material]}</span>
          {done ? <Tag color="green">已上传</Tag> : <Tag color="red">待上传</Tag>}
          {reviewerNote?.ok === false && <Tag color="orange">审核意见：需补正</Tag>}
        </Space>
      }
      extra={
        editable && (
          <span data-testid={`material-upload-${material}`}>
            {/* A native file input (antd's Upload would add its list/progress code to the shared antd chunk). */}
            <input ref={input} type="file" accept={MATERIAL_FILE_ACCEPT} hidden onChange={pick} />
            <Button icon={<UploadOutlined />} loading={upload.isPending} disabled={upload.isPending} onClick={() => input.current?.click()}>
              {done ? '重新上传' : '上传文件'}
            </Button>
          </span>
        )
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {MATERIAL_HINTS[material]}（JPG、PNG 或 PDF，单个文件不超过 20MB）
      </Typography.Paragraph>
      {reviewerNote?.note && (
        <Alert type={reviewerNote.ok === false ? 'warning' : 'info'} showIcon message={`审核意见：${reviewerNote.note}`} style={{ marginBottom: 8 }} data-testid={`material-note-${material}`} />
      )}
      {error && (
        <Alert type="error" showIcon message={error} closable onClose={() => setError(null)} style={{ marginBottom: 8 }} data-testid={`material-error-${material}`} />
      )}
      {done && (
        <List
          size="small"
          dataSource={current ? [current] : []}
          renderItem={(doc) => (
            <List.Item
              data-testid={`material-file-${material}`}
              actions={[
                <Button key="preview" size="small" type="link" icon={<EyeOutlined />} onClick={() => setPreview(preview === doc.id ? null : doc.id)}>
                  {preview === doc.id ? '收起' : '预览'}
                </Button>,
                editable && (
                  <Popconfirm
                    key="remove"
                    title="删除该文件？"
                    okText="删除"
                    cancelText="取消"
                    onConfirm={() =>
                      remove.mutate(doc, { onError: (e) => setError(e.message) })
                    }
                  >
                    <Button size="small" type="link" danger icon={<DeleteOutlined />} loading={remove.isPending}>
                      删除
                    </Button>
                  </Popconfirm>
                ),
              ].filter(Boolean)}
            >
              <Space direction="vertical" style={{ width: '100%' }}>
                <span>
                  {doc.file_name} <Typography.Text type="secondary">（{formatBytes(doc.size_bytes)}）</Typography.Text>
                </span>
                {preview === doc.id && <MaterialPreview document={doc} />}
              </Space>
            </List.Item>
          )}
        />
      )}
      {history.length > 0 && (
        <div style={{ marginTop: 4 }}>
          <Button size="small" type="link" style={{ paddingInline: 0 }} onClick={() => setShowHistory(!showHistory)} data-testid={`material-history-toggle-${material}`}>
            {showHistory ? '收起历史版本' : `历史版本（${history.length}）`}
          </Button>
          {showHistory && (
            <List
              size="small"
              dataSource={history}
              renderItem={(doc) => (
                <List.Item
                  data-testid={`material-history-file-${material}`}
                  actions={[
                    <Button key="preview" size="small" type="link" icon={<EyeOutlined />} onClick={() => setPreview(preview === doc.id ? null : doc.id)}>
                      {preview === doc.id ? '收起' : '预览'}
                    </Button>,
                  ]}
                >
                  <Space direction="vertical" style={{ width: '100%' }}>
                    <Typography.Text type="secondary">
                      {doc.file_name}（{formatBytes(doc.size_bytes)}，已被替换）
                    </Typography.Text>
                    {preview === doc.id && <MaterialPreview document={doc} />}
                  </Space>
                </List.Item>
              )}
            />
          )}
        </div>
      )}
    </Card>
  );
}
