import { PrinterOutlined } from '@ant-design/icons';
import { approvalProblem, checklistForRpc, isAwaitingCounty, reasonsSchema, type ChecklistDraft, type ChecklistDraftItem, FILING_FORM_FIELDS, FILING_FORM_LABELS, type FilingFormField, filingFormValueText, formatBytes, INSTITUTION_TYPE_LABELS, labelOf, MATERIAL_LABELS, type MaterialType, OWNERSHIP_LABELS, requiredMaterials } from '@tuoyu/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Radio, Row, Skeleton, Space, Typography } from 'antd';
import { formatDateTime } from '@tuoyu/domain';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { QueryError } from '../../components/common/query-states.tsx';
import { ChangeDiff } from '../../components/filing/change-diff.tsx';
import { zodRule } from '../../lib/zod-rule.ts';
import {
  decide,
  fetchDocuments,
  fetchFiling,
  fetchWorkingDaysLeft,
  saveMaterialMark,
  type Decision,
  type FilingDocument,
  type FilingRow,
} from './queries.ts';
import { RequirePermission, usePermissionNames } from '../../components/require-permission.tsx';
import { MaterialPreview } from '../../components/filing/material-preview.tsx';
import { currentAndHistory } from '../../components/filing/queries.ts';
import { StatusHistory, statusHistoryKey } from '../../components/filing/status-history.tsx';
import { DeadlineTag, FilingStatusTag, filingKindLabel } from '../../components/filing/status.tsx';

const formatTime = (value: string | null) => formatDateTime(value);

/**
 * The form's fields in the kind's order, each with its Chinese label; keys the domain does not
 * know are never shown as raw identifiers, and 联系电话 is shown once (above, with the institution).
 */
function formRows(kind: FilingRow['kind'], form: Record<string, unknown>): { field: FilingFormField; value: unknown }[] {
  const known = Object.keys(FILING_FORM_LABELS) as FilingFormField[];
  const order = [...FILING_FORM_FIELDS[kind], ...known.filter((f) => !FILING_FORM_FIELDS[kind].includes(f))];
  return order
    .filter((field) => field !== 'contact_phone' && form[field] !== undefined && form[field] !== null && form[field] !== '')
    .map((field) => ({ field, value: form[field] }));
}

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
  // Each mark is saved as the reviewer goes (a reload keeps it): verdicts at once, notes on blur.
  const [saveState, setSaveState] = useState<Partial<Record<MaterialType, 'saving' | 'saved' | string>>>({});
  const save = useMutation({
    mutationFn: (vars: { type: MaterialType; check: ChecklistDraftItem }) => saveMaterialMark(filing.id, vars.type, vars.check),
    onMutate: (vars) => setSaveState((s) => ({ ...s, [vars.type]: 'saving' })),
    onSuccess: (_data, vars) => setSaveState((s) => ({ ...s, [vars.type]: 'saved' })),
    onError: (error, vars) => setSaveState((s) => ({ ...s, [vars.type]: (error as { message?: string }).message ?? '保存失败' })),
  });
  const persist = (type: MaterialType, check: ChecklistDraftItem) => save.mutate({ type, check });

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
        <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }} data-testid="review-details">
          <Descriptions.Item label="机构类型">{labelOf(INSTITUTION_TYPE_LABELS, institution?.type)}</Descriptions.Item>
          <Descriptions.Item label="举办性质">{labelOf(OWNERSHIP_LABELS, institution?.ownership)}</Descriptions.Item>
          <Descriptions.Item label="所在街道">{institution?.street?.name ?? institution?.street_code ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="联系电话">{filingFormValueText((filing.form ?? {})['contact_phone'] ?? institution?.contact_phone ?? '—')}</Descriptions.Item>
          <Descriptions.Item label="提供膳食">{institution?.meals_served ? '是' : '否'}</Descriptions.Item>
          <Descriptions.Item label="承诺书">{filing.pledge_accepted ? '已签署' : '未签署'}</Descriptions.Item>
          <Descriptions.Item label="提交时间">{formatTime(filing.submitted_at)}</Descriptions.Item>
          <Descriptions.Item label="办理期限">{filing.deadline_on ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="开始审核">{formatTime(filing.review_started_at)}</Descriptions.Item>
          <Descriptions.Item label="办结时间">{formatTime(filing.decided_at)}</Descriptions.Item>
          {formRows(filing.kind, filing.form ?? {}).map(({ field, value }) => (
            <Descriptions.Item key={field} label={FILING_FORM_LABELS[field]}>
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
                  saveState={saveState[type]}
                  onChange={(check, commit) => {
                    setChecklist((current) => ({ ...current, [type]: check }));
                    if (commit) persist(type, check);
                  }}
                  onCommit={() => persist(type, checklist[type] ?? { ok: null })}
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
  saveState,
  onChange,
  onCommit,
}: {
  type: MaterialType;
  documents: FilingDocument[];
  check: ChecklistDraftItem | undefined;
  editable: boolean;
  saveState: string | undefined;
  /** `commit`: save now (a verdict); notes are saved on blur (`onCommit`). */
  onChange(check: ChecklistDraftItem, commit: boolean): void;
  onCommit(): void;
}) {
  const verdict = check?.ok === true ? 'ok' : check?.ok === false ? 'bad' : undefined;
  // A replacement replaces: the reviewer checks the latest file; earlier ones are its history.
  const { current, history } = currentAndHistory(documents);
  const [showHistory, setShowHistory] = useState(false);
  return (
    <Card size="small" type="inner" title={MATERIAL_LABELS[type]} data-testid={`material-${type}`}>
      {!current ? (
        <Alert type="error" showIcon message="未上传该材料" />
      ) : (
        <Space wrap align="start" size="large">
          {[current, ...(showHistory ? history : [])].map((d) => (
            <div key={d.id} style={{ minWidth: 0, maxWidth: 480, width: '100%' }} data-testid={d === current ? 'material-current' : 'material-history'}>
              <Typography.Text type="secondary">
                {d.file_name}（{formatBytes(d.size_bytes)}{d === current ? '' : '，已被替换'}）
              </Typography.Text>
              <MaterialPreview document={d} />
            </div>
          ))}
        </Space>
      )}
      {history.length > 0 && (
        <Button size="small" type="link" style={{ paddingInline: 0 }} onClick={() => setShowHistory(!showHistory)}>
          {showHistory ? '收起历史版本' : `历史版本（${history.length}）`}
        </Button>
      )}
      <Space style={{ marginTop: 12 }} wrap>
        <Radio.Group
          value={verdict}
          disabled={!editable}
          onChange={(e) => onChange({ ok: e.target.value === 'ok', note: check?.note ?? null }, true)}
          data-testid={`material-verdict-${type}`}
        >
          <Radio.Button value="ok">合格</Radio.Button>
          <Radio.Button value="bad">不合格</Radio.Button>
        </Radio.Group>
        <Input
          placeholder="审核意见（选填）"
          style={{ width: 280, maxWidth: '100%' }}
          value={check?.note ?? ''}
          disabled={!editable}
          maxLength={200}
          onChange={(e) => onChange({ ok: check?.ok ?? null, note: e.target.value }, false)}
          onBlur={() => editable && onCommit()}
          onPressEnter={() => editable && onCommit()}
          data-testid={`material-note-${type}`}
        />
        {saveState === 'saving' ? (
          <Typography.Text type="secondary">保存中…</Typography.Text>
        ) : saveState === 'saved' ? (
          <Typography.Text type="success" data-testid={`material-saved-${type}`}>已保存</Typography.Text>
        ) : saveState ? (
          <Typography.Text type="danger" data-testid={`material-save-error-${type}`}>未保存：{saveState}</Typography.Text>
        ) : null}
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
  const { modal } = App.useApp();

  /** Every decision is confirmed with a summary of what is decided (issue 16). */
  function confirmDecision(decision: 'approve' | 'return' | 'reject', reasons?: string) {
    const marks = materialTypes.map((t) => checklist[t]?.ok);
    const ok = marks.filter((m) => m === true).length;
    const bad = marks.filter((m) => m === false).length;
    const title = { approve: '确认准予备案？', return: '确认退回修改？', reject: '确认不予备案？' }[decision];
    const effect = {
      approve: filing.kind === 'new' ? '准予后将生成备案号，机构状态变为已备案，并向机构发送通知。' : '准予后变更内容将生效，并向机构发送通知。',
      return: '退回后机构可修改材料并重新提交，理由将通知机构。',
      reject: '不予备案是最终决定，理由将通知机构并予以公开。',
    }[decision];
    modal.confirm({
      title,
      className: 'decision-confirm',
      okText: { approve: '准予备案', return: '退回修改', reject: '不予备案' }[decision],
      cancelText: '再看看',
      okButtonProps: { danger: decision === 'reject', ...({ 'data-testid': 'decision-confirm-ok' } as object) },
      cancelButtonProps: { ...({ 'data-testid': 'decision-confirm-cancel' } as object) },
      content: (
        <Descriptions size="small" column={1} data-testid="decision-summary" style={{ marginTop: 12 }}>
          <Descriptions.Item label="机构">{filing.institution?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="备案类型">{filingKindLabel(filing.kind)}</Descriptions.Item>
          <Descriptions.Item label="材料核对">
            {`合格 ${ok} 项，不合格 ${bad} 项，未标记 ${materialTypes.length - ok - bad} 项`}
          </Descriptions.Item>
          {reasons ? <Descriptions.Item label="理由">{reasons}</Descriptions.Item> : null}
          <Descriptions.Item label="说明">{effect}</Descriptions.Item>
        </Descriptions>
      ),
      onOk: () => mutation.mutate({ decision, reasons }),
    });
  }

  async function withReasons(decision: 'return' | 'reject') {
    setApproveProblem(null);
    const { reasons } = await form.validateFields().catch(() => ({ reasons: undefined }));
    if (!reasons) return;
    confirmDecision(decision, reasons.trim());
  }

  function approve() {
    form.setFields([{ name: 'reasons', errors: [] }]);
    const problem = approvalProblem(materialTypes, checklistForRpc(checklist));
    if (problem) {
      setApproveProblem(`${problem}，不能准予备案`);
      return;
    }
    setApproveProblem(null);
    confirmDecision('approve');
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
