import { List } from '@refinedev/antd';
import { usePermissions } from '@refinedev/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { RECTIFICATION_STATUS_LABELS } from '@tuoyu/domain';
import { App, Button, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { QueryError } from '../../components/common/query-states.tsx';
import { hasPermission, type Permissions } from '../../lib/permissions.ts';
import { PhotoPicker, PhotoThumbs } from './photos.tsx';
import { fetchRectifications, inspectionKeys, recheckRectification, reportRectification, type RectificationListRow } from './queries.ts';

const STATUS_COLORS = { open: 'orange', reported: 'blue', closed: 'default' } as const;

type Dialog = { kind: 'report' | 'recheck'; row: RectificationListRow } | null;

/**
 * 整改: the institution sees its rectifications with their deadline and reports with evidence; the
 * county sees its list (overdue ones highlighted) and re-checks: 销号 or 退回.
 */
export function RectificationList() {
  const { message } = App.useApp();
  const client = useQueryClient();
  const { data: permissions } = usePermissions<Permissions>({});
  const canReport = Boolean(permissions && hasPermission(permissions, 'rectification.report'));
  const canRecheck = Boolean(permissions && hasPermission(permissions, 'rectification.recheck'));
  const list = useQuery({ queryKey: inspectionKeys.rectifications, queryFn: fetchRectifications });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [report, setReport] = useState('');
  const [evidence, setEvidence] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const act = useMutation({
    mutationFn: (run: () => Promise<void>) => run(),
    onSuccess: () => {
      void message.success('已保存');
      setDialog(null);
      void client.invalidateQueries({ queryKey: inspectionKeys.rectifications });
    },
    onError: (e: Error) => void message.error(e.message),
  });
  const openDialog = (kind: 'report' | 'recheck', row: RectificationListRow) => {
    setReport('');
    setEvidence([]);
    setNote('');
    setDialog({ kind, row });
  };
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const row = dialog?.row;
  return (
    <List title="整改">
      <Table<RectificationListRow>
        rowKey={(r) => r.id ?? ''}
        loading={list.isPending}
        dataSource={list.data ?? []}
        data-testid="rectification-table"
        locale={{ emptyText: '暂无整改任务' }}
        scroll={{ x: 900 }}
        onRow={(r) => ({
          'data-rectification-id': r.id ?? '',
          'data-overdue': String(Boolean(r.overdue)),
          style: r.overdue ? { background: '#fff1f0' } : undefined,
        }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '机构', render: (_, r) => <Link to={`/inspections/${r.inspection_id}`}>{r.institution_name}</Link> },
          { title: '整改要求', render: (_, r) => <Typography.Paragraph style={{ margin: 0, maxWidth: 320 }}>{r.requirement}</Typography.Paragraph> },
          {
            title: '整改期限',
            render: (_, r) => (
              <span>
                {r.deadline_on}
                {r.overdue ? <Tag color="red" style={{ marginLeft: 8 }} data-testid="rectification-overdue">逾期</Tag> : null}
              </span>
            ),
          },
          {
            title: '状态',
            render: (_, r) => (r.status ? <Tag color={STATUS_COLORS[r.status]} data-testid="rectification-status">{RECTIFICATION_STATUS_LABELS[r.status]}</Tag> : null),
          },
          {
            title: '整改报告',
            render: (_, r) => (
              <div style={{ maxWidth: 280 }}>
                {r.operator_report ? <div>{r.operator_report}</div> : null}
                <PhotoThumbs paths={r.evidence_paths ?? []} />
                {r.recheck_note ? <Typography.Text type="secondary">{`复查意见：${r.recheck_note}`}</Typography.Text> : null}
              </div>
            ),
          },
          {
            title: '操作',
            render: (_, r) => (
              <Space wrap>
                {canReport && r.status !== 'closed' ? (
                  <Button size="small" onClick={() => openDialog('report', r)} data-testid="rectification-report">报告整改</Button>
                ) : null}
                {canRecheck && r.status === 'reported' ? (
                  <Button size="small" type="primary" onClick={() => openDialog('recheck', r)} data-testid="rectification-recheck">复查</Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={dialog?.kind === 'report'}
        title="报告整改情况"
        okText="提交"
        okButtonProps={{ 'data-testid': 'rectification-report-submit' } as Record<string, string>}
        onCancel={() => setDialog(null)}
        onOk={() => {
          if (report.trim().length < 2) return void message.error('请填写整改情况');
          act.mutate(() => reportRectification(row?.id ?? '', report.trim(), evidence));
        }}
        confirmLoading={act.isPending}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{`整改要求：${row?.requirement ?? ''}（期限 ${row?.deadline_on ?? ''}）`}</Typography.Paragraph>
        <Input.TextArea rows={4} maxLength={2000} value={report} onChange={(e) => setReport(e.target.value)} placeholder="整改措施和完成情况" data-testid="rectification-report-text" />
        <div style={{ marginTop: 8 }}>
          {row?.id ? <PhotoPicker folder={`rectifications/${row.id}`} value={evidence} onChange={setEvidence} testId="rectification-evidence" /> : null}
        </div>
      </Modal>
      <Modal
        open={dialog?.kind === 'recheck'}
        title="复查整改"
        footer={null}
        onCancel={() => setDialog(null)}
        destroyOnHidden
      >
        <Typography.Paragraph>{row?.operator_report}</Typography.Paragraph>
        <PhotoThumbs paths={row?.evidence_paths ?? []} />
        <Input.TextArea style={{ marginTop: 8 }} rows={3} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} placeholder="复查意见" data-testid="rectification-recheck-note" />
        <Space style={{ marginTop: 12 }}>
          <Button
            type="primary"
            loading={act.isPending}
            data-testid="rectification-close"
            onClick={() => (note.trim().length < 2 ? void message.error('请填写复查意见') : act.mutate(() => recheckRectification(row?.id ?? '', true, note.trim())))}
          >
            复查通过，销号
          </Button>
          <Button
            danger
            loading={act.isPending}
            data-testid="rectification-return"
            onClick={() => (note.trim().length < 2 ? void message.error('请填写复查意见') : act.mutate(() => recheckRectification(row?.id ?? '', false, note.trim())))}
          >
            退回继续整改
          </Button>
        </Space>
      </Modal>
    </List>
  );
}
