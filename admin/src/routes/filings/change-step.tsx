import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  CHANGE_FIELD_LABELS,
  CLASS_TYPE_LABELS,
  type ClassType,
  filingChanges,
  INSTITUTION_TYPE_LABELS,
  labelOptions,
  OPERATING_MODEL_LABELS,
  OWNERSHIP_LABELS,
  proposedClassProblems,
  type RegisteredValues,
  SERVICE_LABELS,
  totalCapacity,
  withChanges,
} from '@tuoyu/domain';
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Radio, Select, Skeleton, Space, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { QueryError } from '../../components/common/query-states.tsx';
import { ChangeDiffTable } from '../../components/filing/change-diff.tsx';
import type { ChangeDiffRow } from '../../components/filing/queries.ts';
import { CoordinateFields } from '../../components/institution/coordinate-fields.tsx';
import { FeeItemsFields } from '../../components/institution/fee-items-fields.tsx';
import { toChangeFormValues, toProposed, type ChangeFormValues } from './change-form.ts';
import { useClassRuleMap, useCountyStreets, useRegistered, useSaveFilingChanges, type Filing } from './queries.ts';

const NO_CHANGES = '尚未变更任何事项：请在上面修改拟变更的内容（例如班级的托位数），再保存并继续。如不需要变更，可不提交这份变更备案。';

/** Before/after rows of the proposal as it stands on screen (the same table the county reviews). */
function previewRows(current: RegisteredValues, proposed: RegisteredValues): ChangeDiffRow[] {
  const changes = filingChanges(current, proposed) as Record<string, unknown>;
  return Object.keys(CHANGE_FIELD_LABELS)
    .filter((field) => field in changes)
    .map((field) => ({ field, before: current[field as keyof RegisteredValues] as ChangeDiffRow['before'], after: changes[field] as ChangeDiffRow['after'] }));
}

/**
 * 「变更事项」 of a 变更备案: the operator edits the proposed values starting from the registry
 * (or from the proposal saved earlier); only the fields that differ are stored in `filings.changes`.
 * Class sizes follow the rules in force; the database checks the proposal again on save, on submit (the class rules) and on approval.
 */
export function ChangeStep({ filing, onBack, onSaved }: { filing: Filing; onBack: () => void; onSaved: () => void }) {
  const registered = useRegistered(filing.institution_id);
  const { rules } = useClassRuleMap(registered.data?.institution);
  const streets = useCountyStreets(registered.data?.institution.county_code);
  const streetNames = useMemo(() => Object.fromEntries((streets.data ?? []).map((s) => [s.code, s.name])), [streets.data]);
  const save = useSaveFilingChanges(filing.id);
  const [form] = Form.useForm<ChangeFormValues>();
  const watched = Form.useWatch([], form) as ChangeFormValues | undefined;
  const [error, setError] = useState<{ message: string; description: string } | null>(null);

  const current = registered.data?.values;
  useEffect(() => {
    if (current) form.setFieldsValue(toChangeFormValues(withChanges(current, filing.changes)));
  }, [form, current, filing.changes]);

  const proposed = useMemo(() => (current && watched ? toProposed(watched, current) : null), [current, watched]);
  const problems = useMemo(
    () =>
      proposed
        ? proposedClassProblems(proposed.classes, { institutionType: proposed.type, rules, registered: registered.data?.classes ?? [] })
        : [],
    [proposed, rules, registered.data?.classes],
  );
  const preview = useMemo(() => (current && proposed ? previewRows(current, proposed) : []), [current, proposed]);

  if (registered.isLoading) return <Skeleton active />;
  if (registered.isError) return <QueryError error={registered.error} onRetry={() => void registered.refetch()} />;
  const data = registered.data;
  if (!current || !data) return <Alert type="error" showIcon message="未找到该机构的登记信息，请刷新页面后重试" />;
  const enrolledById = new Map(data.classes.map((c) => [c.id, c.enrolled]));

  const saveAndNext = async () => {
    setError(null);
    let values: ChangeFormValues;
    try {
      values = await form.validateFields();
    } catch {
      setError({ message: '变更事项没有保存', description: '请按标红处的提示修改后再继续' });
      return;
    }
    const next = toProposed(values, current);
    const classProblems = proposedClassProblems(next.classes, { institutionType: next.type, rules, registered: data.classes });
    const firstBad = classProblems.findIndex((p) => p.length > 0);
    if (firstBad >= 0) {
      setError({
        message: '变更事项没有保存',
        description: `班级“${next.classes[firstBad]?.name || `第${firstBad + 1}个班级`}”不符合班型规则：${classProblems[firstBad]!.join('；')}`,
      });
      return;
    }
    const changes = filingChanges(current, next);
    try {
      // stored even when empty: going back to the registered values withdraws an earlier proposal
      await save.mutateAsync(changes);
    } catch (e) {
      setError({ message: '变更事项没有保存', description: e instanceof Error ? e.message : String(e) });
      return;
    }
    if (Object.keys(changes).length === 0) {
      setError({ message: '没有拟变更的内容', description: NO_CHANGES });
      return;
    }
    onSaved();
  };

  const onClassTypeChange = (index: number, type: ClassType) => {
    const rule = rules[type];
    if (rule) {
      const classes = [...(form.getFieldValue('classes') as ChangeFormValues['classes'] ?? [])];
      classes[index] = { ...classes[index], class_type: type, min_age_months: rule.minAgeMonths, max_age_months: rule.maxAgeMonths };
      form.setFieldsValue({ classes });
    }
  };

  return (
    <div data-testid="filing-step-changes" style={{ maxWidth: 980 }}>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message="在现登记内容的基础上修改拟变更的事项；只有改动的项目会提交审核，县级卫健部门准予变更后，公开信息随即更新。"
        description="普惠性质由县级卫健部门认定，不在变更备案中申请；开放时间、联系电话、简介等非备案事项可在“我的机构”中直接修改。"
      />
      <Form form={form} layout="vertical" disabled={save.isPending} onValuesChange={() => setError(null)} data-testid="change-form">
        <Card size="small" title="基本信息" style={{ marginBottom: 16 }}>
          <Form.Item name="name" label="机构名称" rules={[{ required: true, whitespace: true, message: '请填写机构名称' }, { min: 2, max: 100, message: '机构名称应为 2～100 个字' }]}>
            <Input maxLength={100} data-testid="change-name" />
          </Form.Item>
          <Form.Item name="type" label="机构类型" rules={[{ required: true, message: '请选择机构类型' }]}>
            <Radio.Group options={labelOptions(INSTITUTION_TYPE_LABELS)} optionType="button" data-testid="change-type" />
          </Form.Item>
          {proposed?.type === 'home_based' && current.type !== 'home_based' && (
            <Alert type="warning" showIcon style={{ marginBottom: 16 }} message="改为家庭托育点：收托总人数不超过 5 人，每名照护人员最多照护 3 名婴幼儿，详细地址不对外公开。" />
          )}
          <Form.Item
            name="street_code"
            label="所在街道（乡镇）"
            extra="只能选择本县区的街道（乡镇）；迁往其他县区的，请在原县区注销备案后到新县区办理新办备案"
            rules={[{ required: true, message: '请选择所在街道（乡镇）' }]}
          >
            <Select
              style={{ width: 320 }}
              showSearch
              optionFilterProp="label"
              loading={streets.isPending}
              options={(streets.data ?? []).map((s) => ({ value: s.code, label: s.name }))}
              placeholder="请选择街道（乡镇）"
              data-testid="change-street"
            />
          </Form.Item>
          {streets.isError && <QueryError error={streets.error} onRetry={() => void streets.refetch()} />}
          <Space wrap size="large">
            <Form.Item name="ownership" label="举办性质" rules={[{ required: true, message: '请选择举办性质' }]}>
              <Select style={{ width: 220 }} options={labelOptions(OWNERSHIP_LABELS)} data-testid="change-ownership" />
            </Form.Item>
            <Form.Item name="operating_model" label="运营模式" rules={[{ required: true, message: '请选择运营模式' }]}>
              <Select style={{ width: 220 }} options={labelOptions(OPERATING_MODEL_LABELS)} data-testid="change-operating-model" />
            </Form.Item>
          </Space>
          <Form.Item name="services" label="服务类型" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一种服务类型' }]}>
            <Checkbox.Group options={labelOptions(SERVICE_LABELS)} data-testid="change-services" />
          </Form.Item>
        </Card>

        <Card size="small" title="地址和坐标" style={{ marginBottom: 16 }}>
          <Form.Item
            name="address"
            label="详细地址"
            extra="迁往其他县区的，请在原县区注销备案后到新县区办理新办备案"
            rules={[{ required: true, whitespace: true, message: '请填写详细地址' }, { min: 4, max: 200, message: '详细地址应为 4～200 个字' }]}
          >
            <Input maxLength={200} data-testid="change-address" />
          </Form.Item>
          <CoordinateFields form={form} testIdPrefix="change" />
        </Card>

        <Card
          size="small"
          title="班级和托位"
          style={{ marginBottom: 16 }}
          extra={
            <Typography.Text data-testid="change-total">
              托位合计：现登记 {totalCapacity(current.classes)} 个 → 拟变更 {proposed ? totalCapacity(proposed.classes) : '—'} 个
            </Typography.Text>
          }
        >
          <Form.List
            name="classes"
            rules={[
              {
                // a change proposes the full class list: removing every class is not a change filing (注销 is)
                validator: (_, v: unknown[] | undefined) =>
                  (v?.length ?? 0) > 0 || current.classes.length === 0 ? Promise.resolve() : Promise.reject(new Error('至少保留一个班级；停止提供托育服务的，请办理注销备案')),
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field, index) => {
                  const id = proposed?.classes[index]?.id;
                  const enrolled = id ? enrolledById.get(id) : undefined;
                  const rowProblems = problems[index] ?? [];
                  return (
                    <div key={field.key} data-testid={`change-class-row-${index}`} style={{ borderBottom: '1px dashed #eee', marginBottom: 12 }}>
                      <Space align="start" wrap>
                        <Form.Item name={[field.name, 'id']} hidden>
                          <Input />
                        </Form.Item>
                        <Form.Item name={[field.name, 'name']} label="班级名称" rules={[{ required: true, whitespace: true, message: '请填写班级名称' }, { max: 50, message: '班级名称不能超过 50 个字' }]}>
                          <Input style={{ width: 160 }} data-testid={`change-class-name-${index}`} />
                        </Form.Item>
                        <Form.Item name={[field.name, 'class_type']} label="班型" rules={[{ required: true, message: '请选择班型' }]}>
                          <Select
                            style={{ width: 120 }}
                            options={labelOptions(CLASS_TYPE_LABELS)}
                            onChange={(v: ClassType) => onClassTypeChange(index, v)}
                            data-testid={`change-class-type-${index}`}
                          />
                        </Form.Item>
                        <Form.Item name={[field.name, 'min_age_months']} label="最小月龄" rules={[{ required: true, message: '请填写最小月龄' }]}>
                          <InputNumber min={0} max={36} precision={0} data-testid={`change-class-min-age-${index}`} />
                        </Form.Item>
                        <Form.Item name={[field.name, 'max_age_months']} label="最大月龄" rules={[{ required: true, message: '请填写最大月龄' }]}>
                          <InputNumber min={0} max={36} precision={0} data-testid={`change-class-max-age-${index}`} />
                        </Form.Item>
                        <Form.Item
                          name={[field.name, 'capacity']}
                          label="托位数（班额）"
                          rules={[{ required: true, message: '请填写托位数' }]}
                          extra={enrolled !== undefined ? `现有在托 ${enrolled} 人` : '新增班级'}
                        >
                          <InputNumber min={1} max={999} precision={0} data-testid={`change-class-capacity-${index}`} />
                        </Form.Item>
                        {/* the database refuses to remove a class with children (check_proposed_classes) */}
                        <Tooltip title={enrolled ? `该班级有在托儿童（${enrolled}人），不能删除；请先调整班级或办理离园` : undefined}>
                          <Button
                            icon={<DeleteOutlined />}
                            danger
                            type="text"
                            style={{ marginTop: 30 }}
                            disabled={Boolean(enrolled)}
                            onClick={() => remove(field.name)}
                            aria-label="删除该班级"
                            data-testid={`change-class-remove-${index}`}
                          />
                        </Tooltip>
                      </Space>
                      {rowProblems.length > 0 && (
                        <Alert
                          type="warning"
                          showIcon
                          style={{ marginBottom: 12 }}
                          data-testid={`change-class-problems-${index}`}
                          message={`不符合班型规则：${rowProblems.join('；')}`}
                        />
                      )}
                    </div>
                  );
                })}
                <Form.ErrorList errors={errors} />
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ name: '', class_type: undefined, min_age_months: null, max_age_months: null, capacity: null })}
                  data-testid="change-class-add"
                >
                  新增班级
                </Button>
                <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                  删除的班级在准予变更后撤销；在托人数和保育人员数不属于备案事项，可在“我的机构 → 班级”中直接更新。
                </Typography.Paragraph>
              </>
            )}
          </Form.List>
        </Card>

        <Card size="small" title="收费项目清单" style={{ marginBottom: 16 }}>
          <FeeItemsFields testIdPrefix="change-fee" />
        </Card>
      </Form>

      <ChangeDiffTable rows={preview} title="本次拟变更的项目（变更前后对照）" testId="change-preview" regionNames={streetNames} />

      {error && <Alert type="error" showIcon message={error.message} description={error.description} style={{ marginBottom: 16 }} data-testid="change-error" />}
      <Space>
        <Button onClick={onBack} disabled={save.isPending}>
          上一步
        </Button>
        <Button type="primary" loading={save.isPending} onClick={() => void saveAndNext()} data-testid="change-next">
          保存并下一步
        </Button>
      </Space>
    </div>
  );
}
