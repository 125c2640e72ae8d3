import { FILING_KIND_LABELS, isEditableByOperator, MATERIAL_LABELS, missingMaterials, missingMaterialsMessage, requiredMaterials } from '@tuoyu/domain';
import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Result, Skeleton, Space, Steps, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { QueryError } from '../../components/common/query-states.tsx';
import { useFiling, useFilingDocuments, useSaveFilingForm, useSubmitFiling, type Filing } from './queries.ts';
import { FilingFormFields, fromFormValues, PLEDGE_TEXT, toFormValues } from './filing-form.tsx';
import { MaterialUpload } from './material-upload.tsx';
import { FilingStatusTag } from '../../components/filing/status.tsx';
import { wizardSteps, type WizardStep } from './wizard-steps.ts';
import { ChangeStep } from './change-step.tsx';
import { ChangeDiffTable } from '../../components/filing/change-diff.tsx';
import { useChangeDiff } from '../../components/filing/queries.ts';

/** Steps 2–4 of the filing wizard (form, materials, pledge and submit) for a draft or returned filing. */
export function FilingEdit() {
  const { id = '' } = useParams();
  const filing = useFiling(id);
  if (filing.isLoading) return <Skeleton active />;
  if (filing.isError) return <QueryError error={filing.error} onRetry={() => void filing.refetch()} />;
  if (!filing.data) return <FilingNotFound />;
  if (!isEditableByOperator(filing.data.status)) return <NotEditable filing={filing.data} />;
  return <Wizard filing={filing.data} />;
}

export function FilingNotFound() {
  const navigate = useNavigate();
  return (
    <div data-testid="filing-not-found">
      <Result
        status="404"
        title="未找到该备案"
        subTitle="该备案不存在，或不属于您的机构（无权查看）。请从“备案办理”列表进入。"
        extra={
          <Button type="primary" onClick={() => navigate('/filings')}>
            返回备案办理
          </Button>
        }
      />
    </div>
  );
}

function NotEditable({ filing }: { filing: Filing }) {
  const navigate = useNavigate();
  return (
    <div data-testid="filing-not-editable">
      <Result
        status="info"
        title={<Space>备案当前状态：<FilingStatusTag status={filing.status} /></Space>}
        subTitle="备案已提交或已办结，不能再修改。如需变更已备案事项，请办理变更备案。"
        extra={
          <Button type="primary" onClick={() => navigate(`/filings/${filing.id}`)}>
            查看办理进度
          </Button>
        }
      />
    </div>
  );
}

function Wizard({ filing }: { filing: Filing }) {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const steps = wizardSteps(filing.kind);
  const index = Math.min(Math.max(Number(params.get('step') ?? 1) || 1, 0), steps.length - 1);
  const step: WizardStep = steps[index]?.key ?? 'form';
  const go = (next: number) => setParams({ step: String(next) }, { replace: false });
  const isChange = filing.kind === 'change';
  const diff = useChangeDiff(filing.id, isChange && step === 'submit');
  const noChanges = isChange && diff.isSuccess && diff.data.length === 0;

  const [form] = Form.useForm<Record<string, unknown>>();
  const saveForm = useSaveFilingForm(filing.id);
  const documents = useFilingDocuments(filing.id);
  const submit = useSubmitFiling(filing.id);
  const [formError, setFormError] = useState<string | null>(null);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [pledge, setPledge] = useState(filing.pledge_accepted);

  useEffect(() => {
    form.setFieldsValue(toFormValues(filing.form) as Parameters<typeof form.setFieldsValue>[0]);
  }, [form, filing.form]);

  const meals = filing.institution?.meals_served ?? false;
  const required = requiredMaterials(filing.kind, meals).map((type) => ({ type, label: MATERIAL_LABELS[type] }));
  const docs = documents.data ?? [];
  const missing = missingMaterials(filing.kind, meals, docs.map((d) => d.material_type));

  const saveAndNext = async () => {
    setFormError(null);
    try {
      const values = await form.validateFields();
      await saveForm.mutateAsync(fromFormValues(values));
      go(index + 1);
    } catch (e) {
      if (e instanceof Error) setFormError(e.message);
      // validation errors are shown at the fields
    }
  };

  const doSubmit = () => {
    if (submit.isPending) return;
    setSubmitError(null);
    submit.mutate(pledge, {
      onSuccess: (row) => {
        void message.success(row.status === 'submitted' ? '备案已提交，请等待县级卫健部门审核' : '备案已提交');
        navigate(`/filings/${filing.id}`);
      },
      onError: (e) => setSubmitError(e.message),
    });
  };

  return (
    <Card
      data-testid="filing-wizard"
      title={
        <Space wrap>
          <span>{FILING_KIND_LABELS[filing.kind]}</span>
          <Typography.Text type="secondary">{filing.institution?.name}</Typography.Text>
          <FilingStatusTag status={filing.status} />
        </Space>
      }
      extra={<Button onClick={() => navigate(`/filings/${filing.id}`)}>查看办理进度</Button>}
    >
      <Steps
        current={index}
        onChange={(next) => go(next)}
        items={steps.map(({ title }) => ({ title }))}
        style={{ marginBottom: 24 }}
        data-testid="filing-steps"
      />
      {filing.status === 'returned' && filing.decision_reasons && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="filing-returned-reasons"
          message="县级卫健部门退回修改"
          description={`理由：${filing.decision_reasons}。请按意见修改备案表或重新上传材料后再次提交。`}
        />
      )}

      {step === 'kind' && (
        <div data-testid="filing-step-kind">
          <Descriptions bordered column={1} size="small" style={{ maxWidth: 640, marginBottom: 16 }}>
            <Descriptions.Item label="备案机构">{filing.institution?.name ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="备案类型">{FILING_KIND_LABELS[filing.kind]}</Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph type="secondary">备案类型在开始办理时确定；如需办理其他类型，请先办结或删除这份草稿。</Typography.Paragraph>
          <Button type="primary" onClick={() => go(index + 1)}>
            下一步
          </Button>
        </div>
      )}

      <div style={{ display: step === 'form' ? 'block' : 'none' }} data-testid="filing-step-form">
        <Form form={form} layout="vertical" style={{ maxWidth: 720 }} disabled={saveForm.isPending}>
          {formError && <Alert type="error" showIcon message="备案表没有保存" description={formError} style={{ marginBottom: 16 }} data-testid="filing-form-error" />}
          <FilingFormFields kind={filing.kind} />
        </Form>
        <Button type="primary" loading={saveForm.isPending} onClick={() => void saveAndNext()} data-testid="filing-form-next">
          保存并下一步
        </Button>
      </div>

      {step === 'changes' && <ChangeStep filing={filing} onBack={() => go(index - 1)} onSaved={() => go(index + 1)} />}

      {step === 'materials' && (
        <div data-testid="filing-step-materials">
          {documents.isError && <QueryError error={documents.error} onRetry={() => void documents.refetch()} />}
          {documents.isLoading ? (
            <Skeleton active />
          ) : (
            <Space direction="vertical" style={{ width: '100%' }} size="middle">
              {filing.kind === 'cancel' && <Alert type="info" showIcon message="注销备案只需上传签字盖章的备案表。" />}
              {required.map((m) => (
                <MaterialUpload
                  key={m.type}
                  filing={filing}
                  material={m.type}
                  documents={docs.filter((d) => d.material_type === m.type)}
                  editable
                  reviewerNote={filing.materials[m.type]}
                />
              ))}
            </Space>
          )}
          <Space style={{ marginTop: 16 }}>
            <Button onClick={() => go(index - 1)}>上一步</Button>
            <Button type="primary" onClick={() => go(index + 1)} data-testid="filing-materials-next">
              下一步
            </Button>
            {missing.length > 0 && <Typography.Text type="warning">还有 {missing.length} 项材料待上传</Typography.Text>}
          </Space>
        </div>
      )}

      {step === 'submit' && (
        <div data-testid="filing-step-submit" style={{ maxWidth: 760 }}>
          {isChange && (
            <>
              {diff.isError && <QueryError error={diff.error} onRetry={() => void diff.refetch()} />}
              <ChangeDiffTable rows={diff.data ?? []} loading={diff.isPending} title="变更事项确认（变更前后对照）" />
              {noChanges && (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 16 }}
                  data-testid="filing-no-changes"
                  message="变更备案须填写拟变更的内容"
                  description="尚未提出任何变更项目，不能提交。请返回“变更事项”修改拟变更的内容。"
                />
              )}
            </>
          )}
          <Card size="small" title="承诺书" style={{ marginBottom: 16 }} data-testid="filing-pledge-text">
            {PLEDGE_TEXT.map((line) => (
              <Typography.Paragraph key={line} style={{ marginBottom: 4 }}>
                {line}
              </Typography.Paragraph>
            ))}
          </Card>
          <div style={{ marginBottom: 16 }}>
            <Checkbox checked={pledge} onChange={(e) => setPledge(e.target.checked)} data-testid="filing-pledge">
              我已阅读并同意以上承诺，对所提交材料的真实性负责
            </Checkbox>
          </div>
          {missing.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="filing-missing"
              message={missingMaterialsMessage(missing)}
              description="请返回“上传材料”补齐后再提交。"
            />
          )}
          {submitError && <Alert type="error" showIcon message="提交失败" description={submitError} style={{ marginBottom: 16 }} data-testid="filing-submit-error" />}
          <Space>
            <Button onClick={() => go(index - 1)} disabled={submit.isPending}>
              上一步
            </Button>
            <Button type="primary" disabled={!pledge || noChanges || submit.isPending} loading={submit.isPending} onClick={doSubmit} data-testid="filing-submit">
              {filing.status === 'returned' ? '重新提交' : '提交备案'}
            </Button>
            {!pledge && <Typography.Text type="secondary">请先阅读并勾选承诺书</Typography.Text>}
          </Space>
        </div>
      )}
    </Card>
  );
}
