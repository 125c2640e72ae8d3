import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, type FormInstance, Modal, Popconfirm, Space, Table, type TableColumnsType } from 'antd';
import { type ReactNode, useState } from 'react';
import { QueryError } from '../../components/common/query-states.tsx';
import { deleteRow, listRows, saveRow, type ContentTable, type Insert, type Row } from './queries.ts';

/**
 * One authoring list: rows of a content table, 新建/编辑 in a modal form, 删除 — each only where
 * `mayEdit` (mirroring RLS; the database refuses the rest with its own message).
 */
export function AuthoringTable<T extends ContentTable, V extends object>({ table, noun, columns, form: renderForm, toInsert, toForm, initial, mayEdit, canCreate }: {
  table: T;
  noun: string;
  columns: TableColumnsType<Row<T>>;
  form: (form: FormInstance<V>) => ReactNode;
  toInsert: (values: V) => Insert<T>;
  toForm: (row: Row<T>) => V;
  initial: Partial<V>;
  mayEdit: (row: Row<T>) => boolean;
  canCreate: boolean;
}) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const rows = useQuery({ queryKey: ['content', table], queryFn: () => listRows(table) });
  const [editing, setEditing] = useState<Row<T> | 'new' | null>(null);
  const [form] = Form.useForm<V>();
  const refresh = () => client.invalidateQueries({ queryKey: ['content', table] });
  const save = useMutation({
    mutationFn: (values: V) => saveRow(table, editing && editing !== 'new' ? (editing as { id: string }).id : null, toInsert(values)),
    onSuccess: () => { void message.success(`${noun}已保存`); setEditing(null); void refresh(); },
    onError: (e: Error) => void message.error(e.message),
  });
  const remove = useMutation({
    mutationFn: (id: string) => deleteRow(table, id),
    onSuccess: () => { void message.success(`${noun}已删除`); void refresh(); },
    onError: (e: Error) => void message.error(e.message),
  });
  const open = (row: Row<T> | 'new') => {
    setEditing(row);
    form.resetFields();
    form.setFieldsValue((row === 'new' ? initial : toForm(row)) as never);
  };

  if (rows.isError) return <QueryError error={rows.error} onRetry={() => void rows.refetch()} />;
  return (
    <>
      {canCreate ? (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} style={{ marginBottom: 12 }} data-testid={`${table}-new`}>
          新建{noun}
        </Button>
      ) : null}
      <Table<Row<T>>
        rowKey={(r) => (r as { id: string }).id}
        loading={rows.isPending}
        dataSource={rows.data ?? []}
        data-testid={`${table}-table`}
        scroll={{ x: 800 }}
        locale={{ emptyText: `暂无${noun}` }}
        columns={[
          ...columns,
          {
            title: '操作',
            render: (_, r) => (mayEdit(r) ? (
              <Space>
                <Button size="small" onClick={() => open(r)} data-testid={`${table}-edit`}>编辑</Button>
                <Popconfirm title={`删除该${noun}？`} onConfirm={() => remove.mutate((r as { id: string }).id)}>
                  <Button size="small" danger>删除</Button>
                </Popconfirm>
              </Space>
            ) : null),
          },
        ]}
      />
      <Modal open={editing !== null} title={editing === 'new' ? `新建${noun}` : `编辑${noun}`} onCancel={() => setEditing(null)}
        onOk={() => form.submit()} confirmLoading={save.isPending} okText="保存" width={640} destroyOnHidden forceRender>
        <Form<V> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          {renderForm(form)}
        </Form>
      </Modal>
    </>
  );
}
