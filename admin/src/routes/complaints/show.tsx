import { Show } from '@refinedev/antd';
import { formatDateTime } from '@tuoyu/domain';
import { usePermissions } from '@refinedev/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { COMPLAINT_CATEGORY_LABELS, COMPLAINT_EVENT_VISIBILITY_LABELS, COMPLAINT_STATUS_LABELS } from '@tuoyu/domain';
import { App, Button, Descriptions, Form, Image, Input, Modal, Select, Space, Tag, Timeline } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { EmptyState, QueryError } from '../../components/common/query-states.tsx';
import type { Permissions } from '../../lib/permissions.ts';
import {
  acceptComplaint,
  answerComplaint,
  assignComplaint,
  closeComplaint,
  fetchComplaint,
  fetchComplaintContact,
  fetchComplaintEvents,
  fetchInspectors,
  fetchQueueRow,
  noteComplaint,
  signedComplaintPhotoUrl,
} from './queries.ts';

/** The complaint's photos (bucket complaint-photos; storage RLS: whoever may read the complaint). */
function ComplaintPhotos({ paths }: { paths: string[] }) {
  const urls = useQuery({ queryKey: ['complaint-photos', ...paths], queryFn: () => Promise.all(paths.map(signedComplaintPhotoUrl)) });
  return (
    <Image.PreviewGroup>
      <Space wrap data-testid="complaint-photos">
        {(urls.data ?? []).map((u, i) => (u ? <Image key={paths[i]} src={u} width={72} height={72} style={{ objectFit: 'cover' }} /> : null))}
      </Space>
    </Image.PreviewGroup>
  );
}

const dateTime = (iso: string | null | undefined) => (iso ? formatDateTime(iso) : '');

type Dialog = 'assign' | 'note' | 'close' | 'answer' | null;
type AssignValues = { assignee_id?: string; department?: string; note?: string };
type NoteValues = { note: string; visibility: 'internal' | 'complainant' };
type CloseValues = { reply: string; public_result: string };
type AnswerValues = { answer: string };

/** One complaint: what was reported, the timeline, and the county admin's actions (the RPCs decide). */
export function ComplaintShow() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const client = useQueryClient();
  const { data: permissions } = usePermissions<Permissions>({});
  const complaint = useQuery({ queryKey: ['complaints', 'one', id], queryFn: () => fetchComplaint(id) });
  const queueRow = useQuery({ queryKey: ['complaints', 'queue-row', id], queryFn: () => fetchQueueRow(id) });
  const events = useQuery({ queryKey: ['complaints', 'events', id], queryFn: () => fetchComplaintEvents(id) });
  const contact = useQuery({ queryKey: ['complaints', 'contact', id], queryFn: () => fetchComplaintContact(id) });
  const c = complaint.data;
  const handles = Boolean(
    c && (permissions?.scopes ?? []).some((s) => s.role === 'county_admin' && c.county_code.startsWith(s.regionCode.replace(/0+$/, ''))),
  );
  // the inspector it is assigned to records the handling; the institution complained about answers
  const assignee = Boolean(c?.assigned_to && c.assigned_to === permissions?.userId);
  const member = Boolean(c?.institution_id && (permissions?.memberships ?? []).some((m) => m.institutionId === c.institution_id));
  const inspectors = useQuery({
    queryKey: ['complaints', 'inspectors', c?.county_code],
    enabled: handles && Boolean(c),
    queryFn: () => fetchInspectors(c?.county_code ?? ''),
  });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [assignForm] = Form.useForm<AssignValues>();
  const [noteForm] = Form.useForm<NoteValues>();
  const [closeForm] = Form.useForm<CloseValues>();
  const [answerForm] = Form.useForm<AnswerValues>();

  const act = useMutation({
    mutationFn: async (run: () => Promise<void>) => run(),
    onSuccess: () => {
      void message.success('已保存');
      setDialog(null);
      void client.invalidateQueries({ queryKey: ['complaints'] });
    },
    onError: (e: Error) => void message.error(e.message),
  });

  if (complaint.isError) return <QueryError error={complaint.error} onRetry={() => void complaint.refetch()} />;
  if (!complaint.isPending && !c) return <EmptyState description="投诉不存在或无权查看" />;

  const open = c && c.status !== 'closed';
  const row = queueRow.data;
  return (
    <Show
      title={c ? `投诉 ${c.tracking_no}` : '投诉'}
      isLoading={complaint.isPending}
      canDelete={false}
      canEdit={false}
      headerButtons={
        handles && open ? (
          <Space wrap>
            {c.status === 'submitted' ? (
              <Button type="primary" loading={act.isPending} onClick={() => act.mutate(() => acceptComplaint(id))} data-testid="complaint-accept">受理</Button>
            ) : null}
            <Button onClick={() => setDialog('assign')} data-testid="complaint-assign">转办</Button>
            <Button onClick={() => setDialog('note')} data-testid="complaint-note">记录办理情况</Button>
            {c.status !== 'submitted' ? (
              <Button danger onClick={() => setDialog('close')} data-testid="complaint-close">办结</Button>
            ) : null}
          </Space>
        ) : open && assignee ? (
          <Button type="primary" onClick={() => setDialog('note')} data-testid="complaint-note">记录办理情况</Button>
        ) : member ? (
          <Button onClick={() => setDialog('answer')} data-testid="complaint-answer">机构说明</Button>
        ) : null
      }
    >
      {c ? (
        <>
          <Descriptions bordered column={{ xs: 1, md: 2 }} size="small" data-testid="complaint-detail">
            <Descriptions.Item label="状态">
              <Tag data-testid="complaint-detail-status">{COMPLAINT_STATUS_LABELS[c.status]}</Tag>
              {c.urgent ? <Tag color="red">紧急</Tag> : null}
            </Descriptions.Item>
            <Descriptions.Item label="类别">{COMPLAINT_CATEGORY_LABELS[c.category]}</Descriptions.Item>
            <Descriptions.Item label="被投诉机构/地址">{row?.institution_name ?? c.reported_address ?? ''}</Descriptions.Item>
            <Descriptions.Item label="联系手机号">
              {contact.data?.mobile ?? (contact.data?.complainant_id ? '登录用户提交' : c.anonymous ? '投诉人要求对机构匿名' : '')}
              {c.anonymous ? <Tag style={{ marginLeft: 8 }}>对机构匿名</Tag> : null}
            </Descriptions.Item>
            <Descriptions.Item label="提交时间">{dateTime(c.created_at)}</Descriptions.Item>
            <Descriptions.Item label="受理期限">
              {dateTime(c.accept_by)}
              {row?.accept_overdue ? <Tag color="red" style={{ marginLeft: 8 }}>受理逾期</Tag> : null}
            </Descriptions.Item>
            <Descriptions.Item label="办结期限">
              {c.close_by}
              {row?.close_overdue ? <Tag color="red" style={{ marginLeft: 8 }}>办结逾期</Tag> : null}
            </Descriptions.Item>
            <Descriptions.Item label="承办">
              <span data-testid="complaint-detail-assignee">
                {[
                  c.assigned_to ? (inspectors.data?.find((i) => i.userId === c.assigned_to)?.name ?? '检查人员') : null,
                  c.assigned_department,
                ].filter(Boolean).join('；')}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label="投诉内容" span={2}>{c.description}</Descriptions.Item>
            {c.photo_paths.length > 0 ? (
              <Descriptions.Item label="照片" span={2}><ComplaintPhotos paths={c.photo_paths} /></Descriptions.Item>
            ) : null}
            {c.public_result ? <Descriptions.Item label="公开的处理结果" span={2}>{c.public_result}</Descriptions.Item> : null}
            {c.rating ? <Descriptions.Item label="投诉人评价" span={2}>{`${c.rating}星 ${c.rating_comment ?? ''}`}</Descriptions.Item> : null}
          </Descriptions>
          <h3 style={{ marginTop: 24 }}>办理记录</h3>
          {events.isError ? <QueryError error={events.error} onRetry={() => void events.refetch()} /> : null}
          {events.data && events.data.length === 0 ? <EmptyState description="暂无办理记录" /> : null}
          <div data-testid="complaint-timeline">
            <Timeline
              items={(events.data ?? []).map((e) => ({
                color: e.visibility === 'internal' ? 'gray' : e.to_status === 'closed' ? 'green' : 'blue',
                children: (
                  <div data-testid="complaint-timeline-item">
                    <div>
                      {e.to_status ? <strong>{COMPLAINT_STATUS_LABELS[e.to_status]}</strong> : null}{' '}
                      <Tag>{COMPLAINT_EVENT_VISIBILITY_LABELS[e.visibility]}</Tag>
                      <small>{dateTime(e.occurred_at)}</small>
                    </div>
                    {e.note ? <div>{e.note}</div> : null}
                  </div>
                ),
              }))}
            />
          </div>
        </>
      ) : null}

      <Modal open={dialog === 'assign'} title="转办" okText="转办" okButtonProps={{ 'data-testid': 'complaint-assign-submit' } as Record<string, string>} onCancel={() => setDialog(null)} onOk={() => assignForm.submit()} confirmLoading={act.isPending} destroyOnHidden>
        <Form<AssignValues> form={assignForm} layout="vertical" onFinish={(v) => act.mutate(() => assignComplaint(id, { assigneeId: v.assignee_id, department: v.department, note: v.note }))}>
          <Form.Item name="assignee_id" label="承办检查人员">
            <Select
              allowClear
              placeholder={inspectors.data?.length === 0 ? '本县区暂无检查人员' : '请选择'}
              options={(inspectors.data ?? []).map((i) => ({ value: i.userId, label: i.name }))}
              data-testid="complaint-assign-inspector"
            />
          </Form.Item>
          <Form.Item name="department" label="或转办部门" rules={[{ max: 50 }]}>
            <Input placeholder="如：汶上县市场监督管理局" data-testid="complaint-assign-department" />
          </Form.Item>
          <Form.Item name="note" label="内部说明（选填）"><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
        </Form>
      </Modal>
      <Modal open={dialog === 'note'} title="记录办理情况" okText="保存" okButtonProps={{ 'data-testid': 'complaint-note-submit' } as Record<string, string>} onCancel={() => setDialog(null)} onOk={() => noteForm.submit()} confirmLoading={act.isPending} destroyOnHidden>
        <Form<NoteValues> form={noteForm} layout="vertical" initialValues={{ visibility: 'internal' }} onFinish={(v) => act.mutate(() => noteComplaint(id, v.note, v.visibility))}>
          <Form.Item name="note" label="办理情况" rules={[{ required: true, min: 2, message: '请填写办理情况' }, { max: 2000 }]}>
            <Input.TextArea rows={3} data-testid="complaint-note-text" />
          </Form.Item>
          <Form.Item name="visibility" label="可见范围">
            <Select options={[{ value: 'internal', label: COMPLAINT_EVENT_VISIBILITY_LABELS.internal }, { value: 'complainant', label: COMPLAINT_EVENT_VISIBILITY_LABELS.complainant }]} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={dialog === 'close'} title="办结" okText="办结" okButtonProps={{ 'data-testid': 'complaint-close-submit' } as Record<string, string>} onCancel={() => setDialog(null)} onOk={() => closeForm.submit()} confirmLoading={act.isPending} destroyOnHidden>
        <Form<CloseValues> form={closeForm} layout="vertical" onFinish={(v) => act.mutate(() => closeComplaint(id, v.reply, v.public_result))}>
          <Form.Item name="reply" label="给投诉人的答复（仅投诉人可见）" rules={[{ required: true, min: 2, message: '请填写给投诉人的答复' }, { max: 2000 }]}>
            <Input.TextArea rows={3} data-testid="complaint-close-reply" />
          </Form.Item>
          <Form.Item name="public_result" label="公开的处理结果" rules={[{ required: true, min: 2, message: '请填写公开的处理结果' }, { max: 1000 }]}>
            <Input.TextArea rows={3} data-testid="complaint-close-result" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={dialog === 'answer'} title="机构说明" okText="提交" okButtonProps={{ 'data-testid': 'complaint-answer-submit' } as Record<string, string>} onCancel={() => setDialog(null)} onOk={() => answerForm.submit()} confirmLoading={act.isPending} destroyOnHidden>
        <Form<AnswerValues> form={answerForm} layout="vertical" onFinish={(v) => act.mutate(() => answerComplaint(id, v.answer))}>
          <Form.Item name="answer" label="对投诉的说明（卫生健康部门可见）" rules={[{ required: true, min: 2, message: '请填写说明' }, { max: 2000 }]}>
            <Input.TextArea rows={4} data-testid="complaint-answer-text" />
          </Form.Item>
        </Form>
      </Modal>
    </Show>
  );
}
