import { PlusOutlined } from '@ant-design/icons';
import { List } from '@refinedev/antd';
import { usePermissions } from '@refinedev/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { POLICY_LEVEL_LABELS, POLICY_TAG_SUGGESTIONS, type PolicyLevel } from '@tuoyu/domain';
import { App, Button, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { QueryError } from '../../components/common/query-states.tsx';
import type { Permissions } from '../../lib/permissions.ts';
import { createPolicy, fetchPolicies, setPublished, type PolicyRow } from './queries.ts';

type FormValues = {
  region: string;
  title: string;
  issuing_body: string;
  document_no?: string;
  issued_on: string;
  effective_on?: string;
  tags: string[];
  summary?: string;
  body?: string;
  amounts?: { item: string; amount_yuan: number; unit: string; note?: string }[];
  publish: boolean;
};

const ADMIN_LEVEL: Record<string, PolicyLevel> = { province_admin: 'province', city_admin: 'city', county_admin: 'county' };

/** 托育政策: admins enter the policies of their own level; families read them in the mini-program. */
export function PolicyList() {
  const { message } = App.useApp();
  const client = useQueryClient();
  const { data: permissions } = usePermissions<Permissions>({});
  const authorScopes = (permissions?.scopes ?? []).filter((s) => ADMIN_LEVEL[s.role]);
  const policies = useQuery({ queryKey: ['policies'], queryFn: fetchPolicies });
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<FormValues>();
  const refresh = () => client.invalidateQueries({ queryKey: ['policies'] });
  const create = useMutation({
    mutationFn: (v: FormValues) => {
      const scope = authorScopes.find((s) => s.regionCode === v.region);
      return createPolicy(
        {
          title: v.title, issuing_body: v.issuing_body, level: ADMIN_LEVEL[scope?.role ?? ''] ?? 'county', region_code: v.region,
          document_no: v.document_no ?? '', issued_on: v.issued_on, effective_on: v.effective_on || null, tags: v.tags ?? [],
          summary: v.summary ?? '', body: v.body ?? '', published_at: v.publish ? new Date().toISOString() : null,
        },
        (v.amounts ?? []).map((a) => ({ item: a.item, amount_yuan: a.amount_yuan, unit: a.unit, note: a.note ?? '' })),
      );
    },
    onSuccess: () => { void message.success('政策已保存'); setOpen(false); form.resetFields(); void refresh(); },
    onError: (e: Error) => void message.error(e.message),
  });
  const publish = useMutation({
    mutationFn: ({ id, on }: { id: string; on: boolean }) => setPublished(id, on),
    onSuccess: () => void refresh(),
    onError: (e: Error) => void message.error(e.message),
  });
  const mine = (p: PolicyRow) => authorScopes.some((s) => s.regionCode === p.region_code);

  if (policies.isError) return <QueryError error={policies.error} onRetry={() => void policies.refetch()} />;
  return (
    <List title="托育政策" headerButtons={authorScopes.length > 0 ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="policy-new">录入政策</Button> : null}>
      <Table<PolicyRow>
        rowKey="id"
        loading={policies.isPending}
        dataSource={policies.data ?? []}
        data-testid="policy-table"
        locale={{ emptyText: '暂无政策' }}
        columns={[
          { title: '标题', dataIndex: 'title' },
          { title: '层级', render: (_, p) => POLICY_LEVEL_LABELS[p.level] },
          { title: '文号', dataIndex: 'document_no' },
          { title: '发布日期', dataIndex: 'issued_on' },
          { title: '标签', render: (_, p) => p.tags.map((t) => <Tag key={t}>{t}</Tag>) },
          { title: '状态', render: (_, p) => (p.published_at ? <Tag color="green">已发布</Tag> : <Tag>草稿</Tag>) },
          {
            title: '操作',
            render: (_, p) => (mine(p) ? (
              <Button size="small" onClick={() => publish.mutate({ id: p.id, on: !p.published_at })}>{p.published_at ? '撤回' : '发布'}</Button>
            ) : null),
          },
        ]}
      />
      <Modal open={open} title="录入政策" width={720} onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={create.isPending} okText="保存" destroyOnHidden>
        <Form<FormValues> form={form} layout="vertical" initialValues={{ region: authorScopes[0]?.regionCode, tags: [], publish: true }} onFinish={(v) => create.mutate(v)}>
          <Form.Item name="region" label="适用区划（本级）" rules={[{ required: true }]}>
            <Select options={authorScopes.map((s) => ({ value: s.regionCode, label: `${s.regionName ?? s.regionCode}（${POLICY_LEVEL_LABELS[ADMIN_LEVEL[s.role]!]}）` }))} />
          </Form.Item>
          <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }, { min: 2, max: 200 }]}><Input /></Form.Item>
          <Space wrap>
            <Form.Item name="issuing_body" label="发文机关" rules={[{ required: true, message: '请填写发文机关' }]}><Input /></Form.Item>
            <Form.Item name="document_no" label="文号"><Input /></Form.Item>
            <Form.Item name="issued_on" label="发布日期" rules={[{ required: true, message: '请填写发布日期' }]}><Input type="date" /></Form.Item>
            <Form.Item name="effective_on" label="施行日期"><Input type="date" /></Form.Item>
          </Space>
          <Form.Item name="tags" label="标签"><Select mode="tags" options={POLICY_TAG_SUGGESTIONS.map((t) => ({ value: t, label: t }))} /></Form.Item>
          <Form.Item name="summary" label="摘要（纯文本）"><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
          <Form.Item name="body" label="全文（纯文本，HTML 标签会被去掉）"><Input.TextArea rows={6} /></Form.Item>
          <Form.List name="amounts">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item name={[f.name, 'item']} rules={[{ required: true, message: '补贴项目' }]}><Input placeholder="补贴项目" /></Form.Item>
                    <Form.Item name={[f.name, 'amount_yuan']} rules={[{ required: true, message: '金额' }]}><InputNumber min={0} placeholder="金额（元）" /></Form.Item>
                    <Form.Item name={[f.name, 'unit']} initialValue="元/人·年"><Input placeholder="单位" /></Form.Item>
                    <Form.Item name={[f.name, 'note']}><Input placeholder="说明" /></Form.Item>
                    <Button type="link" onClick={() => remove(f.name)}>删除</Button>
                  </Space>
                ))}
                <Button onClick={() => add()} block>添加补贴标准</Button>
              </>
            )}
          </Form.List>
          <Form.Item name="publish" label="保存后" style={{ marginTop: 16 }}>
            <Select options={[{ value: true, label: '立即发布' }, { value: false, label: '保存为草稿' }]} />
          </Form.Item>
        </Form>
      </Modal>
    </List>
  );
}
