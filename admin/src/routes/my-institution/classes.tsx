import { PlusOutlined } from '@ant-design/icons';
import { CLASS_TYPE_LABELS, classRuleViolations, type ClassType, filedFieldsLocked, labelOf, labelOptions } from '@tuoyu/domain';
import { Alert, App, Button, Descriptions, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { EmptyState, QueryError } from '../../components/common/query-states.tsx';
import { useClassRules, useClasses, useDeleteRow, useSaveClass, type ClassInput, type ClassRow, type ClassTypeRuleRow, type Institution } from './queries.ts';

const classTypeLabels = CLASS_TYPE_LABELS as Record<string, string>;

function ruleText(rule: ClassTypeRuleRow): string {
  return `${rule.min_age_months}～${rule.max_age_months} 月龄，每班不超过 ${rule.max_size} 人，保育人员与婴幼儿比例不低于 1:${rule.children_per_carer}`;
}

/** 班级: classes with the class-size and carer-ratio rules in force; the database has the last word. */
export function ClassesTab({ institution }: { institution: Institution }) {
  const classes = useClasses(institution.id);
  const rules = useClassRules(institution);
  const save = useSaveClass(institution.id);
  const remove = useDeleteRow('classes', institution.id);
  const { message } = App.useApp();
  const [editing, setEditing] = useState<ClassRow | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<ClassInput>();
  const watched = Form.useWatch([], form) as Partial<ClassInput> | undefined;

  const ruleByType = useMemo(() => new Map((rules.data ?? []).map((r) => [r.class_type, r])), [rules.data]);
  const homeBased = institution.type === 'home_based';
  // mirrors the database (classes_guard_filed): a filed institution's classes change through a change filing
  const locked = filedFieldsLocked(institution.status);

  const hints = useMemo(() => {
    const v = watched;
    if (!v?.class_type || v.capacity == null || v.min_age_months == null || v.max_age_months == null) return [];
    const rule = ruleByType.get(v.class_type);
    const others = (classes.data ?? []).filter((c) => editing === 'new' || c.id !== (editing as ClassRow | null)?.id);
    return classRuleViolations(
      {
        class_type: v.class_type as ClassType,
        min_age_months: v.min_age_months,
        max_age_months: v.max_age_months,
        capacity: v.capacity,
        enrolled: v.enrolled ?? 0,
        carers: v.carers ?? 0,
      },
      {
        institutionType: institution.type,
        otherHomeCapacity: others.reduce((sum, c) => sum + c.capacity, 0),
        ...(rule
          ? {
              rule: {
                classType: v.class_type as ClassType,
                minAgeMonths: rule.min_age_months,
                maxAgeMonths: rule.max_age_months,
                maxSize: rule.max_size,
                childrenPerCarer: rule.children_per_carer,
              },
            }
          : {}),
      },
    );
  }, [watched, ruleByType, classes.data, editing, institution.type]);

  const open = (row: ClassRow | 'new') => {
    setError(null);
    setEditing(row);
    form.resetFields();
    if (row !== 'new') form.setFieldsValue(row);
    else form.setFieldsValue({ enrolled: 0, carers: 0 });
  };

  const onTypeChange = (type: ClassType) => {
    const rule = ruleByType.get(type);
    if (rule) form.setFieldsValue({ min_age_months: rule.min_age_months, max_age_months: rule.max_age_months });
  };

  const submit = (values: ClassInput) => {
    setError(null);
    save.mutate(
      { id: editing && editing !== 'new' ? editing.id : null, values: { ...values, name: values.name.trim() } },
      {
        onSuccess: () => {
          setEditing(null);
          void message.success('班级已保存');
        },
        onError: (e) => setError(e.message),
      },
    );
  };

  return (
    <div data-testid="classes-tab">
      <Descriptions
        size="small"
        bordered
        column={1}
        title="班型规则（托育机构设置标准（试行））"
        style={{ marginBottom: 16 }}
        data-testid="class-rules"
      >
        {homeBased && <Descriptions.Item label="家庭托育点">收托总人数不超过 5 人，每名照护人员最多照护 3 名婴幼儿</Descriptions.Item>}
        {(rules.data ?? []).map((r) => (
          <Descriptions.Item key={r.class_type} label={labelOf(classTypeLabels, r.class_type)}>
            {ruleText(r)}
            {r.region_code ? '（本地规定）' : ''}
          </Descriptions.Item>
        ))}
      </Descriptions>
      {rules.isError && <QueryError error={rules.error} onRetry={() => void rules.refetch()} />}
      {locked ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="class-locked"
          message="机构已备案：增减班级或修改班级名称、班型、月龄和托位数须办理变更备案；在托人数和保育人员数可直接更新。"
        />
      ) : (
        <Space style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="class-add">
            新增班级
          </Button>
        </Space>
      )}
      {classes.isError && <QueryError error={classes.error} onRetry={() => void classes.refetch()} />}
      <Table<ClassRow>
        rowKey="id"
        size="middle"
        loading={classes.isLoading}
        dataSource={classes.data ?? []}
        pagination={false}
        data-testid="class-table"
        locale={{ emptyText: <EmptyState description="还没有班级，请点击“新增班级”添加" /> }}
        onRow={(row) => ({ 'data-testid': `class-row-${row.name}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: '班级名称', dataIndex: 'name' },
          { title: '班型', dataIndex: 'class_type', render: (v: string) => labelOf(classTypeLabels, v) },
          { title: '月龄', render: (_, r) => `${r.min_age_months}～${r.max_age_months}` },
          { title: '托位数', dataIndex: 'capacity' },
          { title: '在托人数', dataIndex: 'enrolled' },
          { title: '保育人员', dataIndex: 'carers' },
          {
            title: '操作',
            render: (_, row) => (
              <Space>
                <Button size="small" type="link" onClick={() => open(row)} data-testid={`class-edit-${row.name}`}>
                  编辑
                </Button>
                {!locked && <Popconfirm
                  title={`删除班级“${row.name}”？`}
                  okText="删除"
                  cancelText="取消"
                  onConfirm={() =>
                    remove.mutate(row.id, {
                      onSuccess: () => void message.success('班级已删除'),
                      onError: (e) => void message.error(e.message),
                    })
                  }
                >
                  <Button size="small" type="link" danger>
                    删除
                  </Button>
                </Popconfirm>}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? '新增班级' : '编辑班级'}
        okText="保存"
        cancelText="取消"
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        okButtonProps={{ 'data-testid': 'class-save' } as Record<string, string>}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={submit} data-testid="class-form">
          {error && <Alert type="error" showIcon message="保存失败" description={error} style={{ marginBottom: 12 }} data-testid="class-error" />}
          <Form.Item name="name" label="班级名称" rules={[{ required: true, whitespace: true, message: '请填写班级名称' }, { max: 50, message: '班级名称不能超过 50 个字' }]}>
            <Input disabled={locked} data-testid="class-name" />
          </Form.Item>
          <Form.Item name="class_type" label="班型" rules={[{ required: true, message: '请选择班型' }]}>
            <Select disabled={locked} options={labelOptions(classTypeLabels)} onChange={onTypeChange} data-testid="class-type" />
          </Form.Item>
          <Space wrap>
            <Form.Item name="min_age_months" label="最小月龄" rules={[{ required: true, message: '请填写最小月龄' }]}>
              <InputNumber disabled={locked} min={0} max={36} precision={0} data-testid="class-min-age" />
            </Form.Item>
            <Form.Item name="max_age_months" label="最大月龄" rules={[{ required: true, message: '请填写最大月龄' }]}>
              <InputNumber disabled={locked} min={0} max={36} precision={0} data-testid="class-max-age" />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="capacity" label="托位数（班额）" rules={[{ required: true, message: '请填写托位数' }]}>
              <InputNumber disabled={locked} min={1} max={999} precision={0} data-testid="class-capacity" />
            </Form.Item>
            <Form.Item name="enrolled" label="在托人数" rules={[{ required: true, message: '请填写在托人数' }]}>
              <InputNumber min={0} max={999} precision={0} data-testid="class-enrolled" />
            </Form.Item>
            <Form.Item name="carers" label="保育人员数" rules={[{ required: true, message: '请填写保育人员数' }]}>
              <InputNumber min={0} max={99} precision={0} data-testid="class-carers" />
            </Form.Item>
          </Space>
          {hints.length > 0 && (
            <Alert
              type="warning"
              showIcon
              data-testid="class-rule-hints"
              message="不符合班型规则，保存时将被拒绝："
              description={
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {hints.map((h) => (
                    <li key={h}>{h}</li>
                  ))}
                </ul>
              }
            />
          )}
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            班额、月龄和配比以数据库中的国家及本地规则为准。
          </Typography.Paragraph>
        </Form>
      </Modal>
    </div>
  );
}
