import { List } from '@refinedev/antd';
import { usePermissions } from '@refinedev/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isWithinRegion } from '@tuoyu/domain';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { QueryError } from '../../components/common/query-states.tsx';
import { RequirePermission } from '../../components/require-permission.tsx';
import { useRegionScope } from '../../contexts/region-scope.tsx';
import { hasPermission, type Permissions } from '../../lib/permissions.ts';
import {
  checklistKeys,
  deleteChecklistItem,
  fetchRegionChecklist,
  insertChecklistItem,
  newChecklistCode,
  updateChecklistItem,
  type ChecklistItemValues,
  type RegionChecklistItem,
} from './queries.ts';

const ADMIN_ROLES = new Set(['province_admin', 'city_admin', 'county_admin']);

/** The region the page shows: the one picked in the header, else the person's own province/city/county. */
function useChecklistRegion(p: Permissions | undefined): { code: string; name: string } | null {
  const { selected } = useRegionScope();
  if (selected && selected.level !== 'street') return { code: selected.code, name: selected.name };
  const scope = p?.scopes.find((s) => ADMIN_ROLES.has(s.role)) ?? p?.scopes.find((s) => s.regionLevel !== 'street');
  return scope && scope.regionLevel !== 'street' ? { code: scope.regionCode, name: scope.regionName ?? scope.regionCode } : null;
}

/** 检查清单: the effective checklist of a region (national items, inherited and own settings). */
export function InspectionChecklist() {
  return (
    <RequirePermission anyOf={['checklist.manage', 'checklist.view']}>
      <ChecklistPage />
    </RequirePermission>
  );
}

type Editing = { mode: 'add' } | { mode: 'edit'; item: RegionChecklistItem } | { mode: 'override'; item: RegionChecklistItem };

function ChecklistPage() {
  const { message } = App.useApp();
  const client = useQueryClient();
  const { data: permissions } = usePermissions<Permissions>({});
  const region = useChecklistRegion(permissions);
  const canManage = Boolean(region && permissions && hasPermission(permissions, 'checklist.manage')
    && permissions.scopes.some((s) => ADMIN_ROLES.has(s.role) && isWithinRegion(region.code, s.regionCode)));
  const items = useQuery({
    queryKey: checklistKeys.region(region?.code ?? ''),
    queryFn: () => fetchRegionChecklist(region!.code),
    enabled: region !== null,
  });
  const [editing, setEditing] = useState<Editing | null>(null);
  const [form] = Form.useForm<ChecklistItemValues>();
  const done = (text: string) => {
    void message.success(text);
    setEditing(null);
    void client.invalidateQueries({ queryKey: ['region-checklist'] });
  };
  const onError = (e: Error) => void message.error(e.message);
  const save = useMutation({
    mutationFn: async (v: ChecklistItemValues) => {
      const values = { title: v.title.trim(), requirement: v.requirement.trim(), basis: v.basis?.trim() || null, sort_order: v.sort_order ?? 0 };
      if (!editing || !region) return;
      if (editing.mode === 'edit') await updateChecklistItem(editing.item.item_id, values);
      else await insertChecklistItem({ ...values, region_code: region.code, code: editing.mode === 'add' ? newChecklistCode() : editing.item.code });
    },
    onSuccess: () => done('检查项已保存'),
    onError,
  });
  const disable = useMutation({
    mutationFn: (item: RegionChecklistItem) => item.source_region_code === region?.code
      ? updateChecklistItem(item.item_id, { title: item.title, requirement: item.requirement, basis: item.basis, sort_order: item.sort_order, active: !item.active })
      : insertChecklistItem({ region_code: region!.code, code: item.code, title: item.title, requirement: item.requirement, basis: item.basis,
          sort_order: item.sort_order, active: false }),
    onSuccess: () => done('已更新启用状态'),
    onError,
  });
  const remove = useMutation({ mutationFn: (item: RegionChecklistItem) => deleteChecklistItem(item.item_id), onSuccess: () => done('已恢复'), onError });

  if (!region) return <Alert type="info" showIcon message="请先在页面顶部选择一个省、市或县区" />;
  if (items.isError) return <QueryError error={items.error} onRetry={() => void items.refetch()} />;

  const open = (next: Editing) => setEditing(next);
  const editedItem = editing && editing.mode !== 'add' ? editing.item : null;
  const initialValues: ChecklistItemValues = editedItem
    ? { title: editedItem.title, requirement: editedItem.requirement, basis: editedItem.basis, sort_order: editedItem.sort_order }
    : { title: '', requirement: '', basis: '', sort_order: Math.max(0, ...(items.data ?? []).map((i) => i.sort_order)) + 10 };
  const source = (item: RegionChecklistItem) => {
    const own = item.source_region_code === region.code;
    if (!own) return <Tag data-testid="checklist-source">{item.source_region_name ?? '全国'}</Tag>;
    if (item.inherited_id === null) return <Tag color="green" data-testid="checklist-source">本级新增</Tag>;
    return (
      <Tag color="blue" data-testid="checklist-source" title={`上级：${item.inherited_title ?? ''}`}>
        本级覆盖（原：{item.inherited_region_name ?? '全国'}）
      </Tag>
    );
  };

  return (
    <List
      title={`检查清单 · ${region.name}`}
      headerButtons={canManage ? <Button type="primary" onClick={() => open({ mode: 'add' })} data-testid="checklist-add">新增检查项</Button> : null}
    >
      <Typography.Paragraph type="secondary">
        全国默认清单由省、市、县区逐级补充或覆盖，检查人员记录新的检查时按本清单逐项填写；已记录的检查结果保留当时的检查项。
        {canManage ? '' : '（只读）'}
      </Typography.Paragraph>
      <Table<RegionChecklistItem>
        rowKey="code"
        loading={items.isPending}
        dataSource={items.data ?? []}
        pagination={false}
        data-testid="checklist-table"
        data-state={items.isPending || items.isFetching ? 'loading' : 'ready'}
        onRow={(r) => ({ 'data-code': r.code, 'data-active': String(r.active) }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '排序', dataIndex: 'sort_order', width: 70 },
          { title: '检查项', dataIndex: 'title', render: (v: string, r) => <span data-testid="checklist-title">{r.active ? v : <Typography.Text delete>{v}</Typography.Text>}</span> },
          { title: '检查要求', dataIndex: 'requirement' },
          { title: '依据', dataIndex: 'basis', render: (v: string | null) => v ?? '—' },
          { title: '来源', render: (_, r) => source(r) },
          { title: '状态', render: (_, r) => (r.active ? <Tag color="green">启用</Tag> : <Tag>本辖区停用</Tag>) },
          ...(canManage ? [{
            title: '操作',
            render: (_: unknown, r: RegionChecklistItem) => {
              const own = r.source_region_code === region.code;
              return (
                <Space wrap>
                  <Button size="small" data-testid="checklist-edit" onClick={() => open(own ? { mode: 'edit', item: r } : { mode: 'override', item: r })}>
                    {own ? '编辑' : '覆盖'}
                  </Button>
                  <Button size="small" data-testid="checklist-toggle" loading={disable.isPending} onClick={() => disable.mutate(r)}>
                    {r.active ? '停用' : '启用'}
                  </Button>
                  {own && (
                    <Popconfirm
                      title={r.inherited_id === null ? '删除检查项' : '恢复上级检查项'}
                      description={r.inherited_id === null ? '删除本级新增的检查项？已记录的检查结果不受影响。' : '删除本级设置，恢复使用上级的检查项？'}
                      okText="确定"
                      cancelText="取消"
                      onConfirm={() => remove.mutateAsync(r).catch(() => undefined)}
                    >
                      <Button size="small" danger data-testid="checklist-restore">{r.inherited_id === null ? '删除' : '恢复上级'}</Button>
                    </Popconfirm>
                  )}
                </Space>
              );
            },
          }] : []),
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing?.mode === 'add' ? '新增检查项' : editing?.mode === 'override' ? `覆盖检查项（${region.name}）` : '编辑检查项'}
        okText="保存"
        cancelText="取消"
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        okButtonProps={{ 'data-testid': 'checklist-save' } as Record<string, string>}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => save.mutate(v)}>
          <Form.Item name="title" label="检查项" rules={[{ required: true, whitespace: true, min: 2, max: 100, message: '请填写检查项（2～100字）' }]}>
            <Input data-testid="checklist-form-title" />
          </Form.Item>
          <Form.Item name="requirement" label="检查要求" rules={[{ required: true, whitespace: true, min: 2, max: 500, message: '请填写检查要求（2～500字）' }]}>
            <Input.TextArea rows={3} data-testid="checklist-form-requirement" />
          </Form.Item>
          <Form.Item name="basis" label="依据" rules={[{ max: 200, message: '依据不超过200字' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="sort_order" label="排序" rules={[{ required: true, message: '请填写排序' }]}>
            <InputNumber min={0} max={32767} precision={0} />
          </Form.Item>
        </Form>
      </Modal>
    </List>
  );
}
