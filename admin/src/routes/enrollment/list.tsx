import { List } from '@refinedev/antd';
import { chinaToday } from '@tuoyu/domain';
import { usePermissions } from '@refinedev/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ageInMonths,
  CLASS_TYPE_LABELS,
  END_REASON_LABELS,
  ENROLLMENT_STATUS_LABELS,
  formatAgeMonths,
  formatChinaDateTime,
  REQUEST_KIND_LABELS,
  SERVICE_LABELS,
  type EnrollmentStatus,
} from '@tuoyu/domain';
import { App, Button, Form, Input, Modal, Select, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { EmptyState, QueryError } from '../../components/common/query-states.tsx';
import type { Permissions } from '../../lib/permissions.ts';
import {
  declineRequest,
  endPlacement,
  fetchClasses,
  fetchOpenRequests,
  fetchRoster,
  markVisitDone,
  offerPlace,
  type PlacementRow,
  type RequestRow,
} from './queries.ts';
import { VisitSlots } from './visit-slots.tsx';

const today = () => chinaToday();
const childAge = (birth: string | undefined, on?: string | null) => (birth ? formatAgeMonths(ageInMonths(birth, on && on > today() ? on : today())) : '');

type OfferValues = { class_id: string; respond_by?: string };
type DeclineValues = { reason: string };
type EndValues = { ended_on: string; reason: 'left' | 'graduated' };

/** 入托管理: the institution's open requests per class type (oldest first) and its roster per class. */
export function EnrollmentPage() {
  const { message } = App.useApp();
  const client = useQueryClient();
  const { data: permissions } = usePermissions<Permissions>({});
  const memberships = permissions?.memberships ?? [];
  const [chosen, setChosen] = useState<string | undefined>();
  const institutionId = chosen ?? memberships[0]?.institutionId;
  const requests = useQuery({ queryKey: ['enrollment', 'requests', institutionId], enabled: Boolean(institutionId), queryFn: () => fetchOpenRequests(institutionId ?? '') });
  const roster = useQuery({ queryKey: ['enrollment', 'roster', institutionId], enabled: Boolean(institutionId), queryFn: () => fetchRoster(institutionId ?? '') });
  const classes = useQuery({ queryKey: ['enrollment', 'classes', institutionId], enabled: Boolean(institutionId), queryFn: () => fetchClasses(institutionId ?? '') });
  const [offering, setOffering] = useState<RequestRow | null>(null);
  const [declining, setDeclining] = useState<RequestRow | null>(null);
  const [ending, setEnding] = useState<PlacementRow | null>(null);
  const [offerForm] = Form.useForm<OfferValues>();
  const [declineForm] = Form.useForm<DeclineValues>();
  const [endForm] = Form.useForm<EndValues>();

  const act = useMutation({
    mutationFn: async ({ run }: { run: () => Promise<void>; done: string }) => run(),
    onSuccess: (_, { done }) => {
      void message.success(done);
      setOffering(null);
      setDeclining(null);
      setEnding(null);
      void client.invalidateQueries({ queryKey: ['enrollment'] });
    },
    onError: (e: Error) => void message.error(e.message),
  });

  if (memberships.length === 0) return <EmptyState description="您还不是任何托育机构的成员" />;
  const error = requests.error ?? roster.error;
  if (error) return <QueryError error={error} onRetry={() => { void requests.refetch(); void roster.refetch(); }} />;

  const classById = new Map((classes.data ?? []).map((c) => [c.id, c]));
  const groups = new Map<string, RequestRow[]>();
  for (const r of requests.data ?? []) {
    const key = r.kind === 'visit' ? 'visit' : (r.class_type ?? 'other');
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const groupLabel = (key: string) => (key === 'visit' ? REQUEST_KIND_LABELS.visit : (CLASS_TYPE_LABELS as Record<string, string>)[key] ?? key);
  const rosterGroups = new Map<string, PlacementRow[]>();
  for (const p of roster.data ?? []) {
    const key = p.class_id ?? '';
    rosterGroups.set(key, [...(rosterGroups.get(key) ?? []), p]);
  }

  const requestTable = (rows: RequestRow[]) => (
    <Table<RequestRow>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid="enrollment-request-table"
      onRow={(r) => ({ 'data-request-id': r.id }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: '序号', width: 60, render: (_, __, i) => i + 1 },
        { title: '孩子', render: (_, r) => <span data-testid="enrollment-child">{r.child?.name ?? '（已注销）'}</span> },
        { title: '月龄', render: (_, r) => childAge(r.child?.birth_date, r.kind === 'place' ? r.wished_start : r.visit_date) },
        { title: '希望入托', render: (_, r) => (r.kind === 'visit' ? `参观 ${r.visit_date ?? ''}` : `${r.wished_start ?? ''} · ${r.service ? SERVICE_LABELS[r.service] : ''}`) },
        { title: '申请时间', render: (_, r) => formatChinaDateTime(r.created_at) },
        { title: '留言', dataIndex: 'note' },
        {
          title: '状态',
          render: (_, r) => (
            <Tag color={r.status === 'offered' ? 'blue' : 'orange'} data-testid="enrollment-status">
              {ENROLLMENT_STATUS_LABELS[r.status as EnrollmentStatus]}
              {r.status === 'offered' && r.offer_expires_at ? `（${formatChinaDateTime(r.offer_expires_at)}前确认）` : ''}
            </Tag>
          ),
        },
        {
          title: '操作',
          render: (_, r) =>
            r.status !== 'pending' ? null : (
              <Space wrap>
                {r.kind === 'place' ? (
                  <Button size="small" type="primary" onClick={() => { offerForm.resetFields(); setOffering(r); }} data-testid="enrollment-offer">录取</Button>
                ) : (
                  <Button size="small" onClick={() => act.mutate({ run: () => markVisitDone(r.id), done: '已标记为已参观' })} data-testid="enrollment-visited">已参观</Button>
                )}
                <Button size="small" danger onClick={() => { declineForm.resetFields(); setDeclining(r); }} data-testid="enrollment-decline">不予录取</Button>
              </Space>
            ),
        },
      ]}
    />
  );

  const offeringClasses = (classes.data ?? []).filter((c) => !offering?.class_type || c.class_type === offering.class_type);
  return (
    <List
      title="入托管理"
      headerButtons={
        memberships.length > 1 ? (
          <Select value={institutionId} onChange={setChosen} style={{ minWidth: 240 }}
            options={memberships.map((m) => ({ value: m.institutionId, label: m.institutionName ?? m.institutionId }))} />
        ) : null
      }
    >
      <Tabs
        items={[
          {
            key: 'requests',
            label: `入托申请（${requests.data?.length ?? 0}）`,
            children: (
              <div data-testid="enrollment-requests" data-state={requests.isPending ? 'loading' : 'ready'}>
                {!requests.isPending && groups.size === 0 ? <EmptyState description="暂无待处理的入托申请" /> : null}
                {[...groups.entries()].map(([key, rows]) => (
                  <div key={key} style={{ marginBottom: 24 }} data-testid="enrollment-group" data-group={key}>
                    <h3>{groupLabel(key)}（{rows.length}）</h3>
                    {requestTable(rows)}
                  </div>
                ))}
              </div>
            ),
          },
          {
            key: 'roster',
            label: `在托名册（${roster.data?.length ?? 0}）`,
            children: (
              <div data-testid="enrollment-roster" data-state={roster.isPending ? 'loading' : 'ready'}>
                {!roster.isPending && rosterGroups.size === 0 ? <EmptyState description="暂无在托儿童" /> : null}
                {[...rosterGroups.entries()].map(([classId, rows]) => {
                  const cl = classById.get(classId);
                  return (
                    <div key={classId} style={{ marginBottom: 24 }}>
                      <h3>{cl ? `${cl.name}（${CLASS_TYPE_LABELS[cl.class_type]}，${rows.length}人）` : `未分班（${rows.length}人）`}</h3>
                      <Table<PlacementRow>
                        rowKey="id"
                        size="small"
                        pagination={false}
                        dataSource={rows}
                        data-testid="enrollment-roster-table"
                        columns={[
                          { title: '孩子', render: (_, p) => p.child?.name ?? '（已注销）' },
                          { title: '月龄', render: (_, p) => childAge(p.child?.birth_date) },
                          { title: '服务', render: (_, p) => SERVICE_LABELS[p.service] },
                          { title: '入托日期', dataIndex: 'started_on' },
                          { title: '健康提示', render: (_, p) => p.child?.health_notes ?? '' },
                          {
                            title: '操作',
                            render: (_, p) => (
                              <Button size="small" onClick={() => { endForm.resetFields(); setEnding(p); }} data-testid="enrollment-end">办理离园</Button>
                            ),
                          },
                        ]}
                      />
                    </div>
                  );
                })}
              </div>
            ),
          },
          {
            key: 'visit-slots',
            label: '参观日期',
            children: institutionId ? <VisitSlots institutionId={institutionId} /> : null,
          },
        ]}
      />

      <Modal open={Boolean(offering)} title={`录取 ${offering?.child?.name ?? ''}`} okText="录取" okButtonProps={{ 'data-testid': 'enrollment-offer-submit' } as Record<string, string>}
        onCancel={() => setOffering(null)} onOk={() => offerForm.submit()} confirmLoading={act.isPending} destroyOnHidden>
        <Form<OfferValues> form={offerForm} layout="vertical"
          initialValues={{ class_id: offeringClasses[0]?.id }}
          onFinish={(v) => offering && act.mutate({
            run: () => offerPlace(offering.id, v.class_id, v.respond_by ? new Date(v.respond_by).toISOString() : undefined),
            done: '已发出录取通知，等待家长确认',
          })}>
          <Form.Item name="class_id" label="班级" rules={[{ required: true, message: '请选择班级' }]}>
            <Select data-testid="enrollment-offer-class"
              options={offeringClasses.map((c) => ({ value: c.id, label: `${c.name}（${c.min_age_months}～${c.max_age_months}个月，已收${c.enrolled}/${c.capacity}）` }))} />
          </Form.Item>
          <Form.Item name="respond_by" label="家长答复期限（不填则默认3天）">
            <Input type="datetime-local" data-testid="enrollment-offer-deadline" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={Boolean(declining)} title={`不予录取 ${declining?.child?.name ?? ''}`} okText="确定" okButtonProps={{ 'data-testid': 'enrollment-decline-submit' } as Record<string, string>}
        onCancel={() => setDeclining(null)} onOk={() => declineForm.submit()} confirmLoading={act.isPending} destroyOnHidden>
        <Form<DeclineValues> form={declineForm} layout="vertical"
          onFinish={(v) => declining && act.mutate({ run: () => declineRequest(declining.id, v.reason), done: '已告知家长' })}>
          <Form.Item name="reason" label="理由（家长可见）" rules={[{ required: true, message: '请填写不予录取的理由' }, { max: 200 }]}>
            <Input.TextArea rows={3} data-testid="enrollment-decline-reason" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={Boolean(ending)} title={`办理离园 ${ending?.child?.name ?? ''}`} okText="确定" okButtonProps={{ 'data-testid': 'enrollment-end-submit' } as Record<string, string>}
        onCancel={() => setEnding(null)} onOk={() => endForm.submit()} confirmLoading={act.isPending} destroyOnHidden>
        <Form<EndValues> form={endForm} layout="vertical" initialValues={{ ended_on: today(), reason: 'left' }}
          onFinish={(v) => ending && act.mutate({ run: () => endPlacement(ending.id, v.ended_on, v.reason), done: '已办理离园' })}>
          <Form.Item name="ended_on" label="离园日期" rules={[{ required: true, message: '请选择离园日期' }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="reason" label="原因">
            <Select options={(['left', 'graduated'] as const).map((k) => ({ value: k, label: END_REASON_LABELS[k] }))} />
          </Form.Item>
        </Form>
      </Modal>
    </List>
  );
}

