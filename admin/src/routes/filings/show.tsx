import { EditOutlined } from '@ant-design/icons';
import { deadlineCountdown, FILING_DEADLINE_WORKING_DAYS, FILING_FORM_LABELS, FILING_KIND_LABELS, FILING_STATUS_LABELS, type FilingFormField, filingFormValueText, type FilingStatus, isAwaitingCounty, isEditableByOperator, MATERIAL_LABELS, requiredMaterials } from '@tuoyu/domain';
import { Alert, Button, Card, Col, Descriptions, Empty, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { formatDate, formatDateTime } from '@tuoyu/domain';
import { useNavigate, useParams } from 'react-router';
import { QueryError } from '../../components/common/query-states.tsx';
import { useFiling, useFilingDocuments, useWorkingDaysLeft, type Filing } from './queries.ts';
import { MaterialUpload } from './material-upload.tsx';
import { FilingStatusTag } from '../../components/filing/status.tsx';
import { StatusHistory } from '../../components/filing/status-history.tsx';
import { ChangeDiff } from '../../components/filing/change-diff.tsx';
import { FilingNotFound } from './edit.tsx';

const time = (v: string | null) => formatDateTime(v);

function StatusBanner({ filing, daysLeft }: { filing: Filing; daysLeft: number | null }) {
  const navigate = useNavigate();
  const edit = (
    <Button type="primary" icon={<EditOutlined />} onClick={() => navigate(`/filings/${filing.id}/edit`)} data-testid="filing-continue">
      {filing.status === 'returned' ? '修改并重新提交' : '继续填写'}
    </Button>
  );
  switch (filing.status as FilingStatus) {
    case 'draft':
      return <Alert type="info" showIcon message="备案尚未提交" description="请填写备案表、上传全部材料并签署承诺书后提交。" action={edit} />;
    case 'submitted':
    case 'under_review':
      return (
        <Alert
          type="info"
          showIcon
          data-testid="filing-awaiting"
          message={filing.status === 'submitted' ? '已提交，等待县级卫健部门受理' : '县级卫健部门正在审核'}
          description={`依规定应在提交后 ${FILING_DEADLINE_WORKING_DAYS} 个工作日内办结，办理期限：${formatDate(filing.deadline_on)}（${deadlineText(daysLeft)}）。审核期间不能修改材料。`}
        />
      );
    case 'returned':
      return (
        <Alert
          type="warning"
          showIcon
          data-testid="filing-reasons"
          message="退回修改"
          description={`退回理由：${filing.decision_reasons ?? '—'}。请按意见修改后重新提交。`}
          action={edit}
        />
      );
    case 'rejected':
      return (
        <Alert
          type="error"
          showIcon
          data-testid="filing-reasons"
          message="不予备案"
          description={`理由：${filing.decision_reasons ?? '—'}。如对决定有异议，可联系所在县区卫健部门；问题整改后可重新办理备案。`}
        />
      );
    case 'approved':
      return (
        <Alert
          type="success"
          showIcon
          data-testid="filing-approved"
          message={filing.kind === 'cancel' ? '已注销备案' : `已备案，备案号 ${filing.filing_no ?? '—'}`}
          description="备案信息已向社会公开，家长可在小程序中查询。"
        />
      );
    default:
      return null;
  }
}

/** 办理进度: status, reviewer reasons and per-material notes, deadline and working days left, history. */
export function FilingShow() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const filing = useFiling(id);
  const documents = useFilingDocuments(id);
  const awaiting = filing.data ? isAwaitingCounty(filing.data.status) : false;
  const daysLeft = useWorkingDaysLeft(filing.data?.deadline_on ?? null, awaiting);

  if (filing.isLoading) return <Skeleton active />;
  if (filing.isError) return <QueryError error={filing.error} onRetry={() => void filing.refetch()} />;
  const row = filing.data;
  if (!row) return <FilingNotFound />;
  const required = requiredMaterials(row.kind, row.institution?.meals_served ?? false).map((type) => ({ type, label: MATERIAL_LABELS[type] }));
  const docs = documents.data ?? [];
  const formEntries = Object.entries(row.form ?? {});

  return (
    <Card
      data-testid="filing-status-page"
      title={
        <Space wrap>
          <span>{FILING_KIND_LABELS[row.kind]}</span>
          <Typography.Text type="secondary" data-testid="filing-institution">
            {row.institution?.name}
          </Typography.Text>
          <FilingStatusTag status={row.status} />
        </Space>
      }
      extra={
        <Space>
          <Button onClick={() => navigate('/filings')}>备案记录</Button>
          {isEditableByOperator(row.status) && (
            <Button type="primary" onClick={() => navigate(`/filings/${row.id}/edit`)}>
              {row.status === 'returned' ? '修改并重新提交' : '继续填写'}
            </Button>
          )}
        </Space>
      }
    >
      <div style={{ marginBottom: 16 }}>
        <StatusBanner filing={row} daysLeft={daysLeft.data ?? null} />
      </div>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 24 }} data-testid="filing-summary">
        <Descriptions.Item label="当前状态">
          <span data-testid="filing-status-label">{FILING_STATUS_LABELS[row.status] ?? row.status}</span>
        </Descriptions.Item>
        <Descriptions.Item label="备案类型">{FILING_KIND_LABELS[row.kind]}</Descriptions.Item>
        <Descriptions.Item label="提交时间">{time(row.submitted_at)}</Descriptions.Item>
        <Descriptions.Item label="办理期限">
          <span data-testid="filing-deadline">{row.deadline_on ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label="剩余时限">
          {awaiting ? (
            <Tag color={(daysLeft.data ?? 1) < 0 ? 'red' : (daysLeft.data ?? 2) <= 1 ? 'orange' : 'blue'} data-testid="filing-days-left">
              {daysLeft.isLoading ? '计算中…' : deadlineText(daysLeft.data ?? null)}
            </Tag>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label="备案号">{row.filing_no ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="开始审核">{time(row.review_started_at)}</Descriptions.Item>
        <Descriptions.Item label="办结时间">{time(row.decided_at)}</Descriptions.Item>
        <Descriptions.Item label="承诺书">{row.pledge_accepted ? '已签署' : '未签署'}</Descriptions.Item>
        <Descriptions.Item label="审核意见">
          <span data-testid="filing-decision-reasons">{row.decision_reasons ?? '—'}</span>
        </Descriptions.Item>
      </Descriptions>
      <Row gutter={24}>
        <Col xs={24} lg={15}>
          <Typography.Title level={5}>备案表</Typography.Title>
          {formEntries.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="备案表尚未填写" />
          ) : (
            <Descriptions size="small" column={1} bordered style={{ marginBottom: 24 }} data-testid="filing-form-view">
              {formEntries.map(([key, value]) => (
                <Descriptions.Item key={key} label={FILING_FORM_LABELS[key as FilingFormField] ?? key}>
                  {filingFormValueText(value)}
                </Descriptions.Item>
              ))}
            </Descriptions>
          )}
          {/* after approval the registry already reads as proposed: the before/after is of an open proposal only */}
          {row.kind === 'change' && row.status !== 'approved' && <ChangeDiff filingId={row.id} title="拟变更内容（变更前后对照）" />}
          <Typography.Title level={5}>备案材料</Typography.Title>
          {documents.isError && <QueryError error={documents.error} onRetry={() => void documents.refetch()} />}
          {documents.isLoading ? (
            <Skeleton active />
          ) : (
            <Space direction="vertical" style={{ width: '100%' }} data-testid="filing-materials">
              {required.map((m) => (
                <MaterialUpload
                  key={m.type}
                  filing={row}
                  material={m.type}
                  documents={docs.filter((d) => d.material_type === m.type)}
                  editable={false}
                  autoPreview={false}
                  reviewerNote={row.materials[m.type]}
                />
              ))}
            </Space>
          )}
        </Col>
        <Col xs={24} lg={9}>
          <Typography.Title level={5}>办理记录</Typography.Title>
          <StatusHistory filingId={row.id} />
        </Col>
      </Row>
    </Card>
  );
}

const deadlineText = (daysLeft: number | null) => (daysLeft === null ? '—' : deadlineCountdown(daysLeft).text);
