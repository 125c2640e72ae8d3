import { FILED_FIELDS_NOTE, filedFieldsLocked, INSTITUTION_TYPE_LABELS, labelOptions, OPERATING_MODEL_LABELS, OWNERSHIP_LABELS, SERVICE_LABELS } from '@tuoyu/domain';
import { App, Alert, Button, Checkbox, Form, Input, Radio, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useUpdateInstitution, type Institution, type InstitutionInput } from './queries.ts';

type Values = Required<
  Pick<InstitutionInput, 'name' | 'type' | 'ownership' | 'operating_model' | 'affordable' | 'services' | 'meals_served'>
> & { opening_hours?: string; contact_phone?: string; description?: string };

const PHONE = /^\+?[0-9-]{5,20}$/;

/** 基本信息: name, type (incl. 家庭托育点), ownership, operating model, affordable, services, hours, contact. */
export function BasicInfoTab({ institution }: { institution: Institution }) {
  const [form] = Form.useForm<Values>();
  const update = useUpdateInstitution(institution.id);
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const type = Form.useWatch('type', form);
  // mirrors the database: filed fields change through a change filing
  const locked = filedFieldsLocked(institution.status);
  const lockedExtra = locked ? FILED_FIELDS_NOTE : undefined;

  useEffect(() => {
    form.setFieldsValue({
      name: institution.name,
      type: institution.type,
      ownership: institution.ownership,
      operating_model: institution.operating_model,
      affordable: institution.affordable,
      services: institution.services,
      meals_served: institution.meals_served,
      opening_hours: institution.opening_hours ?? '',
      contact_phone: institution.contact_phone ?? '',
      description: institution.description ?? '',
    });
  }, [form, institution]);

  const save = (values: Values) => {
    setError(null);
    update.mutate(
      {
        ...values,
        name: values.name.trim(),
        opening_hours: values.opening_hours?.trim() || null,
        contact_phone: values.contact_phone?.trim() || null,
        description: values.description?.trim() || null,
      },
      {
        onSuccess: () => void message.success('基本信息已保存'),
        onError: (e) => setError(e.message),
      },
    );
  };

  return (
    <Form form={form} layout="vertical" onFinish={save} style={{ maxWidth: 720 }} data-testid="basic-form" disabled={update.isPending}>
      {error && <Alert type="error" showIcon message="保存失败" description={error} style={{ marginBottom: 16 }} data-testid="basic-error" />}
      <Form.Item name="name" label="机构名称" extra={lockedExtra} rules={[{ required: true, whitespace: true, message: '请填写机构名称' }, { min: 2, max: 100, message: '机构名称应为 2～100 个字' }]}>
        <Input data-testid="basic-name" maxLength={100} disabled={locked} />
      </Form.Item>
      <Form.Item name="type" label="机构类型" extra={lockedExtra} rules={[{ required: true, message: '请选择机构类型' }]}>
        <Radio.Group options={labelOptions(INSTITUTION_TYPE_LABELS)} optionType="button" data-testid="basic-type" disabled={locked} />
      </Form.Item>
      {type === 'home_based' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message="家庭托育点：收托不超过 5 名婴幼儿，每名照护人员最多照护 3 名；场所自有或租期不少于 3 年；详细地址不对外公开，仅显示所在街道。"
        />
      )}
      <Form.Item name="ownership" label="举办性质" rules={[{ required: true, message: '请选择举办性质' }]}>
        <Select options={labelOptions(OWNERSHIP_LABELS)} data-testid="basic-ownership" disabled={locked} />
      </Form.Item>
      <Form.Item name="operating_model" label="运营模式" rules={[{ required: true, message: '请选择运营模式' }]}>
        <Select options={labelOptions(OPERATING_MODEL_LABELS)} data-testid="basic-operating-model" disabled={locked} />
      </Form.Item>
      <Form.Item name="affordable" label="普惠托育机构" valuePropName="checked" extra="由县级卫健部门认定（备案通过后办理），机构不能自行选择">
        <Switch checkedChildren="普惠" unCheckedChildren="非普惠" data-testid="basic-affordable" disabled />
      </Form.Item>
      <Form.Item name="services" label="服务类型" extra={lockedExtra} rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一种服务类型' }]}>
        <Checkbox.Group options={labelOptions(SERVICE_LABELS)} data-testid="basic-services" disabled={locked} />
      </Form.Item>
      <Form.Item name="meals_served" label="提供膳食" valuePropName="checked" extra={locked ? FILED_FIELDS_NOTE : '提供膳食的，备案时须上传食品经营许可证'}>
        <Switch checkedChildren="是" unCheckedChildren="否" data-testid="basic-meals" disabled={locked} />
      </Form.Item>
      <Form.Item name="opening_hours" label="开放时间" rules={[{ max: 200, message: '开放时间不能超过 200 个字' }]}>
        <Input placeholder="例如：周一至周五 7:30-17:30" data-testid="basic-opening-hours" />
      </Form.Item>
      <Form.Item
        name="contact_phone"
        label="联系电话"
        rules={[{ pattern: PHONE, message: '联系电话格式不正确：只能包含数字和“-”，5～20 位，例如 0537-7211001' }]}
      >
        <Input placeholder="例如：0537-7211001" data-testid="basic-phone" />
      </Form.Item>
      <Form.Item name="description" label="机构简介" rules={[{ max: 2000, message: '机构简介不能超过 2000 个字' }]}>
        <Input.TextArea rows={3} showCount maxLength={2000} data-testid="basic-description" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="basic-save">
        保存基本信息
      </Button>
    </Form>
  );
}
