import { allowedKindsFor, FILING_KIND_LABELS, FILING_STATUS_LABELS, type FilingKind, INSTITUTION_STATUS_LABELS, isEditableByOperator, labelOf, OPEN_FILING_STATUSES } from '@tuoyu/domain';
import { Alert, Button, Card, Form, Radio, Select, Skeleton, Space, Steps, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { EmptyState, QueryError } from '../../components/common/query-states.tsx';
import { useCreateFilingDraft, useFilings } from './queries.ts';
import { useInstitutions, useMyMemberships } from '../my-institution/queries.ts';
import { wizardSteps } from './wizard-steps.ts';

const KIND_HELP: Record<FilingKind, string> = {
  new: '新设立的托育机构（或注销后重新开办）首次备案',
  change: '已备案机构的名称、地址、负责人、托位、服务等事项发生变化',
  cancel: '机构停止提供托育服务，注销备案',
};

/** Step 1 of the filing wizard: which institution and which kind (only those its status allows). */
export function FilingCreate() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { loading, ids } = useMyMemberships();
  const institutions = useInstitutions(ids);
  const filings = useFilings(ids);
  const create = useCreateFilingDraft();
  const [institutionId, setInstitutionId] = useState<string | undefined>(undefined);
  const [kind, setKind] = useState<FilingKind | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (institutionId || ids.length === 0) return;
    const wanted = params.get('institution');
    setInstitutionId(wanted && ids.includes(wanted) ? wanted : ids.length === 1 ? ids[0] : undefined);
  }, [ids, params, institutionId]);

  const institution = (institutions.data ?? []).find((i) => i.id === institutionId);
  const status = institution?.status;
  const kinds = useMemo(() => (status ? allowedKindsFor(status) : []), [status]);
  useEffect(() => {
    if (kinds.length > 0 && (!kind || !kinds.includes(kind))) setKind(kinds[0]);
  }, [kinds, kind]);
  const open = (filings.data ?? []).find((f) => f.institution_id === institutionId && OPEN_FILING_STATUSES.includes(f.status));

  if (loading) return <Skeleton active />;
  if (ids.length === 0) {
    return (
      <Card title="办理备案">
        <EmptyState description="您的账号尚未关联托育机构，暂不能办理备案。" />
      </Card>
    );
  }

  const start = () => {
    if (!institutionId || !kind) return;
    setError(null);
    create.mutate(
      { institutionId, kind },
      {
        onSuccess: (filing) => navigate(`/filings/${filing.id}/edit?step=1`),
        onError: (e) => setError(e.message),
      },
    );
  };

  return (
    <Card title="办理备案" data-testid="filing-create">
      <Steps current={0} items={wizardSteps(kind).map(({ title }) => ({ title }))} style={{ marginBottom: 24 }} data-testid="filing-steps" />
      {(institutions.isError || filings.isError) && (
        <QueryError error={institutions.error ?? filings.error} onRetry={() => void institutions.refetch()} />
      )}
      <Form layout="vertical" style={{ maxWidth: 720 }}>
        <Form.Item label="备案机构" required>
          <Select
            value={institutionId}
            onChange={(v: string) => {
              setInstitutionId(v);
              setKind(undefined);
            }}
            loading={institutions.isLoading}
            placeholder="请选择机构"
            options={(institutions.data ?? []).map((i) => ({ value: i.id, label: `${i.name}（${labelOf(INSTITUTION_STATUS_LABELS, i.status)}）` }))}
            data-testid="filing-create-institution"
          />
        </Form.Item>
        {institution && (
          <Form.Item label="备案类型" required extra={`机构当前状态：${labelOf(INSTITUTION_STATUS_LABELS, institution.status)}。只能办理与当前状态相符的备案。`}>
            {kinds.length === 0 ? (
              <Alert type="warning" showIcon message="该机构当前状态下不能办理备案，请联系所在县区卫健部门" />
            ) : (
              <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as FilingKind)} data-testid="filing-create-kind">
                <Space direction="vertical">
                  {kinds.map((k) => (
                    <Radio key={k} value={k} data-testid={`filing-kind-${k}`}>
                      {FILING_KIND_LABELS[k]}
                      <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
                        {KIND_HELP[k]}
                      </Typography.Text>
                    </Radio>
                  ))}
                </Space>
              </Radio.Group>
            )}
          </Form.Item>
        )}
        {open && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="filing-create-open"
            message={`该机构已有一份进行中的${FILING_KIND_LABELS[open.kind]}（${FILING_STATUS_LABELS[open.status]}）`}
            description={
              open.kind === kind && isEditableByOperator(open.status)
                ? '点击“下一步”将继续办理这份备案。'
                : (
                    <span>
                      同一机构同时只能办理一份备案。
                      <Link to={isEditableByOperator(open.status) ? `/filings/${open.id}/edit` : `/filings/${open.id}`}>
                        {isEditableByOperator(open.status) ? '继续办理' : '查看办理进度'}
                      </Link>
                    </span>
                  )
            }
          />
        )}
        {error && <Alert type="error" showIcon message="无法开始办理" description={error} style={{ marginBottom: 16 }} data-testid="filing-create-error" />}
        <Button type="primary" disabled={!institutionId || !kind || create.isPending} loading={create.isPending} onClick={start} data-testid="filing-create-next">
          下一步
        </Button>
      </Form>
    </Card>
  );
}
