import { PrinterOutlined } from '@ant-design/icons';
import { approvalProblem, checklistForRpc, isAwaitingCounty, reasonsSchema, type ChecklistDraft, type ChecklistDraftItem, FILING_FORM_LABELS, type FilingFormField, filingFormValueText, formatBytes, INSTITUTION_TYPE_LABELS, labelOf, MATERIAL_LABELS, type MaterialType, OWNERSHIP_LABELS, requiredMaterials } from '@tuoyu/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Form, Input, Radio, Row, Skeleton, Space, Typography } from 'antd';
import { formatDateTime } from '@tuoyu/domain';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { QueryError } from '../../components/common/query-states.tsx';
import { ChangeDiff } from './change-diff.tsx';
import { zodRule } from '../../lib/zod-rule.ts';
import {
  decide,
  fetchDocuments,
  fetchFiling,
  fetchWorkingDaysLeft,
  type Decision,
  type FilingDocument,
  type FilingRow,
} from './queries.ts';
import { RequirePermission, usePermissionNames } from '../../components/require-permission.tsx';
import { MaterialPreview } from '../../components/filing/material-preview.tsx';
import { StatusHistory, statusHistoryKey } from '../../components/filing/status-history.tsx';
import { DeadlineTag, FilingStatusTag, filingKindLabel } from '../../components/filing/status.tsx';

const formatTime = (value: string | null) => formatDateTime(value);

export const filingKey = (id: string) => ['filing-review', id] as const;

export function FilingReviewShow() {
  return (
    <RequirePermission anyOf={['filing.review', 'filing.view_region']}>
      <ReviewScreen />
    </RequirePermission>
  );
}

function ReviewScreen() {
  const { id = '' } = useParams();
  const filing = useQuery({ queryKey: filingKey(id), queryFn: () => fetchFiling(id) });
  const documents = useQuery({ queryKey: ['filing-documents', id], queryFn: () => fetchDocuments(id), enabled: !!filing.data });

  if (filing.isLoading) return <Skeleton active />;
  if (filing.isError) return <QueryError error={filing.error as { message?: string }} onRetry={() => void filing.refetch()} />;
  if (!filing.data) {
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="review-not-found"
        message="未找到该备案，或您无权查看"
        description="备案只由机构所在县区的卫健部门审核；请从备案审核列表进入。"
      />
    );
  }
  return <ReviewBody filing={filing.data} documents={documents.data ?? []} documentsLoading={documents.isLoading} />;
}

function ReviewBody({ filing, documents, documentsLoading }: { filing: FilingRow; documents: FilingDocument[]; documentsLoading: boolean }) {
  const { has } = usePermissionNames();
  const canReview = has('filing.review');
  const daysLeft = useQuery({
    queryKey: ['filing-days-left', filing.id, filing.status],
    queryFn: () => fetchWorkingDaysLeft(filing.id),
  });
  const countdown = typeof daysLeft.data === 'number' ? { daysLeft: daysLeft.data } : null;
  const institution = filing.institution;

  const materialTypes = useMemo(() => {
    const required = requiredMaterials(filing.kind, institution?.meals_served ?? false);
    const extra = documents.map((d) => d.material_type).filter((m) => !required.includes(m));
    return [...required, ...new Set(extra)];
  }, [filing.kind, institution?.meals_served, documents]);

  const [checklist, setChecklist] = useState<ChecklistDraft>(filing.materials ?? {});
  useEffect(() => setChecklist(filing.materials ?? {}), [filing.id, filing.materials]);
  const editable = canReview && filing.status === 'under_review';

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="review-screen" data-filing-status={filing.status}>
      <Card
        title={
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="review-institution-name">
              {institution?.name ?? '—'}
            </Typography.Title>
            <span>{filingKindLabel(filing.kind)}</span>
            <FilingStatusTag status={filing.status} />
            <DeadlineTag countdown={countdown} />
          </Space>
        }
        extra={
          <Link to="/filing-reviews" className="no-print">
            返回审核列表
          </Link>
        }
      >
        {filing.status === 'approved' && filing.filing_no && (
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="review-approved"
            message={
              <span>
                已准予备案，备案号 <Typography.Text strong copyable data-testid="review-filing-no">{filing.filing_no}</Typography.Text>
              </span>
            }
            action={
              <Link to={`/filing-reviews/${filing.id}/certificate`} data-testid="review-certificate-link">
                <Button icon={<PrinterOutlined />}>打印备案凭证</Button>
              </Link>
            }
          />
        )}
        {(filing.status === 'returned' || filing.status === 'rejected') && filing.decision_reasons && (
          <Alert
            type={filing.status === 'rejected' ? 'error' : 'warning'}
            showIcon
            style={{ marginBottom: 16 }}
            message={filing.status === 'rejected' ? '不予备案理由' : '退回理由'}
            description={filing.decision_reasons}
            data-testid="review-reasons"
          />
        )}
        <Descriptions bordered size="small" column={2} data-testid="review-details">
          <Descriptions.Item label="机构类型">{labelOf(INSTITUTION_TYPE_LABELS, institution?.type)}</Descriptions.Item>
          <Descriptions.Item label="举办性质">{labelOf(OWNERSHIP_LABELS, institution?.ownership)}</Descriptions.Item>
          <Descriptions.Item label="所在街道">{institution?.street?.name ?? institution?.street_code ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="联系电话">{institution?.contact_phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="提供膳食">{institution?.meals_served ? '是' : '否'}</Descriptions.Item>
          <Descriptions.Item label="承诺书">{filing.pledge_accepted ? '已签署' : '未签署'}</Descriptions.Item>
          <Descriptions.Item label="提交时间">{formatTime(filing.submitted_at)}</Descriptions.Item>
          <Descriptions.Item label="办理期限">{filing.deadline_on ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="开始审核">{formatTime(filing.review_started_at)}</Descriptions.Item>
          <Descriptions.Item label="办结时间">{formatTime(filing.decided_at)}</Descriptions.Item>
          {Object.entries(filing.form ?? {}).map(([key, value]) => (
            <Descriptions.Item key={key} label={FILING_FORM_LABELS[key as FilingFormField] ?? key}>
              {filingFormValueText(value)}
            </Descriptions.Item>
          ))}
        </Descriptions>
      </Card>

      {filing.kind === 'change' ? <ChangeDiff filingId={filing.id} /> : null}

      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card title="备案材料与审核清单" loading={documentsLoading} data-testid="review-materials">
            <Space direction="vertical" size="middle" style={{ width: '100%' }}>
              {materialTypes.map((type) => (
                <MaterialRow
                  key={type}
                  type={type}
                  documents={documents.filter((d) => d.material_type === type)}
                  check={checklist[type]}
                  editable={editable}
                  onChange={(check) => setChecklist((current) => ({ ...current, [type]: check }))}
                />
              ))}
            </Space>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Space direction="vertical" size="large" style={{ width: '100%' }}>
            {canReview && <DecisionPanel filing={filing} checklist={checklist} materialTypes={materialTypes} />}
            <Card title="状态记录">
              <StatusHistory filingId={filing.id} />
            </Card>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}

function MaterialRow({
  type,
  documents,
  check,
  editable,
  onChange,
}: {
  type: MaterialType;
  documents: FilingDocument[];
  check: ChecklistDraftItem | undefined;
  editable: boolean;
  onChange(check: ChecklistDraftItem): void;
}) {
  const verdict = check?.ok === true ? 'ok' : check?.ok === false ? 'bad' : undefined;
  return (
    <Card size="small" type="inner" title={MATERIAL_LABELS[type]} data-testid={`material-${type}`}>
      {documents.length === 0 ? (
        <Alert type="error" showIcon message="未上传该材料" />
      ) : (
        <Space wrap align="start" size="large">
          {documents.map((d) => (
            <div key={d.id} style={{ minWidth: 240, maxWidth: 480 }}>
              <Typography.Text type="secondary">
                {d.file_name}（{formatBytes(d.size_bytes)}）
              </Typography.Text>
              <MaterialPreview document={d} />
            </div>
          ))}
        </Space>
      )}
      <Space style={{ marginTop: 12 }} wrap>
        <Radio.Group
          value={verdict}
          disabled={!editable}
          onChange={(e) => onChange({ ok: e.target.value === 'ok', note: check?.note ?? null })}
          data-testid={`material-verdict-${type}`}
        >
          <Radio.Button value="ok">合格</Radio.Button>
          <Radio.Button value="bad">不合格</Radio.Button>
        </Radio.Group>
        <Input
          placeholder="审核意见（选填）"
          style={{ width: 280 }}
          value={check?.note ?? ''}
          disabled={!editable}
          maxLength={200}
          onChange={(e) => onChange({ ok: check?.ok ?? null, note: e.target.value })}
          data-testid={`material-note-${type}`}
        />
      </Space>
    </Card>
  );
}

function DecisionPanel({ filing, checklist, materialTypes }: { filing: FilingRow; checklist: ChecklistDraft; materialTypes: MaterialType[] }) {
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reasons?: string }>();
  const [pendingDecision, setPendingDecision] = useState<Decision | null>(null);
  const mutation = useMutation({
    mutationFn: async (vars: { decision: Decision; reasons?: string }) =>
      decide(filing.id, vars.decision, { reasons: vars.reasons, checklist }),
    onMutate: (vars) => setPendingDecision(vars.decision),
    onSettled: async () => {
      setPendingDecision(null);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: filingKey(filing.id) }),
        queryClient.invalidateQueries({ queryKey: statusHistoryKey(filing.id) }),
        queryClient.invalidateQueries({ queryKey: ['filing-review-queue'] }),
      ]);
    },
    onSuccess: () => form.resetFields(),
  });
  const busy = mutation.isPending;
  const [approveProblem, setApproveProblem] = useState<string | null>(null);

  async function withReasons(decision: 'return' | 'reject') {
    setApproveProblem(null);
    const { reasons } = await form.validateFields().catch(() => ({ reasons: undefined }));
    if (!reasons) return;
    mutation.mutate({ decision, reasons: reasons.trim() });
  }

  function approve() {
    form.setFields([{ name: 'reasons', errors: [] }]);
    const problem = approvalProblem(materialTypes, checklistForRpc(checklist));
    if (problem) {
      setApproveProblem(`${problem}，不能准予备案`);
      return;
    }
    setApproveProblem(null);
    mutation.mutate({ decision: 'approve' });
  }

  if (!isAwaitingCounty(filing.status)) {
    return null;
  }
  return (
    <Card title="审核决定" data-testid="decision-panel">
      {mutation.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message="操作未成功"
          description={(mutation.error as { message?: string }).message ?? '请稍后重试'}
          data-testid="decision-error"
        />
      )}
      {filing.status === 'submitted' ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary">开始审核后，可逐项核对材料并作出决定。</Typography.Paragraph>
          <Button type="primary" block loading={busy} disabled={busy} onClick={() => mutation.mutate({ decision: 'start' })} data-testid="decision-start">
            开始审核
          </Button>
        </Space>
      ) : (
        <Form form={form} layout="vertical" disabled={busy}>
          {approveProblem && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={approveProblem} data-testid="approve-problem" />}
          <Form.Item
            name="reasons"
            label="退回或不予备案的理由"
            validateFirst
            rules={[{ required: true, whitespace: true, message: '请填写退回或不予备案的理由' }, zodRule(reasonsSchema, { required: false })]}
          >
            <Input.TextArea rows={4} placeholder="例如：消防安全证明已过期，请补充有效的消防验收意见书" data-testid="decision-reasons" />
          </Form.Item>
          <Space wrap>
            <Button type="primary" loading={pendingDecision === 'approve'} disabled={busy} onClick={approve} data-testid="decision-approve">
              准予备案
            </Button>
            <Button loading={pendingDecision === 'return'} disabled={busy} onClick={() => void withReasons('return')} data-testid="decision-return">
              退回修改
            </Button>
            <Button danger loading={pendingDecision === 'reject'} disabled={busy} onClick={() => void withReasons('reject')} data-testid="decision-reject">
              不予备案
            </Button>
          </Space>
        </Form>
      )}
    </Card>
  );
}
