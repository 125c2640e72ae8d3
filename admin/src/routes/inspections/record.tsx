import { usePermissions } from '@refinedev/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { INSPECTION_RESULT_LABELS, INSPECTION_RESULTS, INSPECTION_STATUS_LABELS } from '@tuoyu/domain';
import { Alert, App, Button, Card, DatePicker, Input, Radio, Skeleton, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { EmptyState, QueryError } from '../../components/common/query-states.tsx';
import type { Permissions } from '../../lib/permissions.ts';
import { PhotoPicker, PhotoThumbs } from './photos.tsx';
import {
  fetchChecklist,
  fetchFindings,
  fetchInspection,
  inspectionKeys,
  recordInspection,
  type ChecklistItem,
  type FindingInput,
  type InspectionRow,
} from './queries.ts';

type Result = (typeof INSPECTION_RESULTS)[number];
type Draft = { passed?: boolean; note: string; photos: string[] };

/**
 * 检查记录 (`/inspections/:id`): for a member of the team of a planned inspection, the phone-sized
 * recording form (one card per checklist item: 符合/不符合, the problem, photos; then the result);
 * otherwise the recorded findings.
 */
export function InspectionRecord() {
  const { id = '' } = useParams();
  const { data: permissions } = usePermissions<Permissions>({});
  const inspection = useQuery({ queryKey: inspectionKeys.inspection(id), queryFn: () => fetchInspection(id) });
  const ins = inspection.data;
  if (inspection.isError) return <QueryError error={inspection.error} onRetry={() => void inspection.refetch()} />;
  if (inspection.isPending) return <Skeleton active />;
  if (!ins) return <EmptyState description="检查任务不存在或未分配给您" />;
  const onTeam = Boolean(permissions?.userId && ins.inspector_ids.includes(permissions.userId));
  return (
    <div style={{ maxWidth: 720, margin: '0 auto' }} data-testid="inspection-page">
      <Card size="small" style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="inspection-institution">{ins.institutions?.name ?? '机构'}</Typography.Title>
        <Space wrap style={{ marginTop: 8 }}>
          <Tag data-testid="inspection-status">{INSPECTION_STATUS_LABELS[ins.status]}</Tag>
          {ins.result ? <Tag color={ins.result === 'pass' ? 'green' : 'orange'} data-testid="inspection-result">{INSPECTION_RESULT_LABELS[ins.result]}</Tag> : null}
          <Typography.Text type="secondary">{`计划检查 ${ins.scheduled_on} · ${ins.departments.join('、')}`}</Typography.Text>
        </Space>
        {ins.summary ? <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>{ins.summary}</Typography.Paragraph> : null}
      </Card>
      {ins.status === 'planned' && onTeam ? <RecordForm ins={ins} /> : <RecordedFindings ins={ins} />}
    </div>
  );
}

function RecordedFindings({ ins }: { ins: InspectionRow }) {
  const findings = useQuery({ queryKey: [...inspectionKeys.inspection(ins.id), 'findings'], queryFn: () => fetchFindings(ins.id) });
  if (ins.status === 'planned') return <EmptyState description="尚未检查。检查结果只能由检查组成员在现场记录。" />;
  if (findings.isError) return <QueryError error={findings.error} onRetry={() => void findings.refetch()} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="inspection-findings">
      {(findings.data ?? []).map((f) => (
        <Card key={f.id} size="small" data-testid="inspection-finding">
          <Space wrap>
            <strong>{f.item_title}</strong>
            {f.passed ? <Tag color="green">符合</Tag> : <Tag color="red">不符合</Tag>}
          </Space>
          {f.note ? <div>{f.note}</div> : null}
          <PhotoThumbs paths={f.photo_paths} />
        </Card>
      ))}
    </Space>
  );
}

function RecordForm({ ins }: { ins: InspectionRow }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const navigate = useNavigate();
  const checklist = useQuery({ queryKey: [...inspectionKeys.inspection(ins.id), 'checklist'], queryFn: () => fetchChecklist(ins.id) });
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [result, setResult] = useState<Result | null>(null);
  const [summary, setSummary] = useState('');
  const [rectifyBy, setRectifyBy] = useState<Dayjs | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const draft = (code: string): Draft => drafts[code] ?? { note: '', photos: [] };
  const update = (code: string, patch: Partial<Draft>) => setDrafts((d) => ({ ...d, [code]: { ...draft(code), ...patch } }));

  const save = useMutation({
    mutationFn: (input: Parameters<typeof recordInspection>[0]) => recordInspection(input),
    onSuccess: () => {
      void message.success('检查结果已提交');
      void client.invalidateQueries({ queryKey: inspectionKeys.inspections });
      void client.invalidateQueries({ queryKey: inspectionKeys.rectifications });
      void navigate('/inspections');
    },
    onError: (e: Error) => setProblem(e.message),
  });

  const submit = (items: ChecklistItem[]) => {
    const missing = items.filter((c) => draft(c.code).passed === undefined).map((c) => c.title);
    if (missing.length > 0) return setProblem(`以下检查项尚未填写：${missing.join('、')}`);
    const unexplained = items.filter((c) => draft(c.code).passed === false && draft(c.code).note.trim().length < 2).map((c) => c.title);
    if (unexplained.length > 0) return setProblem(`不符合要求的检查项须说明问题：${unexplained.join('、')}`);
    if (!result) return setProblem('请选择检查结果');
    if (result !== 'pass' && !rectifyBy) return setProblem('请填写整改期限');
    setProblem(null);
    const findings: FindingInput[] = items.map((c) => ({
      item_code: c.code,
      passed: draft(c.code).passed === true,
      ...(draft(c.code).note.trim() ? { note: draft(c.code).note.trim() } : {}),
      photo_paths: draft(c.code).photos,
    }));
    save.mutate({
      inspectionId: ins.id,
      findings,
      result,
      summary: summary.trim() || undefined,
      rectifyBy: result !== 'pass' ? rectifyBy?.format('YYYY-MM-DD') : undefined,
    });
  };

  if (checklist.isError) return <QueryError error={checklist.error} onRetry={() => void checklist.refetch()} />;
  if (checklist.isPending) return <Skeleton active />;
  const items = checklist.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="inspection-record-form">
      {items.map((c) => {
        const d = draft(c.code);
        return (
          <Card key={c.code} size="small" title={c.title} data-testid={`finding-${c.code}`}>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {c.requirement}
              {c.basis ? `（${c.basis}）` : ''}
            </Typography.Paragraph>
            <Radio.Group
              value={d.passed}
              onChange={(e) => update(c.code, { passed: e.target.value as boolean })}
              optionType="button"
              buttonStyle="solid"
              options={[
                { value: true, label: <span data-testid={`finding-${c.code}-pass`}>符合</span> },
                { value: false, label: <span data-testid={`finding-${c.code}-fail`}>不符合</span> },
              ]}
            />
            {d.passed === false ? (
              <Input.TextArea
                style={{ marginTop: 8 }}
                rows={2}
                maxLength={1000}
                placeholder="请说明发现的问题"
                value={d.note}
                onChange={(e) => update(c.code, { note: e.target.value })}
                data-testid={`finding-${c.code}-note`}
              />
            ) : null}
            <div style={{ marginTop: 8 }}>
              <PhotoPicker folder={`findings/${ins.id}`} value={d.photos} onChange={(photos) => update(c.code, { photos })} testId={`finding-${c.code}-photos`} />
            </div>
          </Card>
        );
      })}
      <Card size="small" title="检查结果">
        <Radio.Group
          value={result}
          onChange={(e) => setResult(e.target.value as Result)}
          optionType="button"
          buttonStyle="solid"
          options={INSPECTION_RESULTS.map((r) => ({ value: r, label: <span data-testid={`inspection-result-${r}`}>{INSPECTION_RESULT_LABELS[r]}</span> }))}
        />
        {result && result !== 'pass' ? (
          <div style={{ marginTop: 8 }}>
            <div>整改期限</div>
            <DatePicker value={rectifyBy} onChange={setRectifyBy} style={{ width: '100%' }} data-testid="inspection-rectify-by" />
          </div>
        ) : null}
        <Input.TextArea
          style={{ marginTop: 8 }}
          rows={3}
          maxLength={2000}
          placeholder="检查结论（公开）"
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
          data-testid="inspection-summary"
        />
      </Card>
      {problem ? <Alert type="error" showIcon message={problem} data-testid="inspection-error" /> : null}
      <Button type="primary" block size="large" loading={save.isPending} onClick={() => submit(items)} data-testid="inspection-submit">
        提交检查结果
      </Button>
    </Space>
  );
}
