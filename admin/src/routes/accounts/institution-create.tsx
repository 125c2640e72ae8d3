import {
  INSTITUTION_TYPE_LABELS, labelOptions, OPERATING_MODEL_LABELS, OWNERSHIP_LABELS,
} from '@tuoyu/domain';
import { usePermissions } from '@refinedev/core';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Select } from 'antd';
import { useNavigate } from 'react-router';
import { RequirePermission } from '../../components/require-permission.tsx';
import type { Permissions } from '../../lib/permissions.ts';
import { createInstitutionAndInvite, useRegionsUnder, type NewInstitution } from './queries.ts';
import { showIssuedCode } from './issued-code.tsx';

type FormValues = NewInstitution & { invitee: string };

/** 新建机构 (county admin): enter an institution of the county and invite its operator. */
export function InstitutionCreate() {
  return (
    <RequirePermission anyOf={['institution.create_in_county']}>
      <InstitutionCreateForm />
    </RequirePermission>
  );
}

function InstitutionCreateForm() {
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const { data: permissions } = usePermissions<Permissions>({});
  const counties = (permissions?.scopes ?? []).filter((s) => s.role === 'county_admin');
  const county = Form.useWatch('county', form) as string | undefined;
  const streets = useRegionsUnder(county ?? counties[0]?.regionCode, ['street']);
  const create = useMutation({
    mutationFn: createInstitutionAndInvite,
    onSuccess: (issued, input) => {
      showIssuedCode(issued, input.invitee);
      navigate(`/institutions/${issued.institutionId}`);
    },
  });
  return (
    <Card title="新建托育机构并邀请经办人">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message="机构建档后为“未备案”状态，不在公众端展示；经办人接受邀请、设置密码登录后，提交新办备案，经审核通过后公开。"
      />
      <Form<FormValues & { county?: string }>
        form={form}
        layout="vertical"
        style={{ maxWidth: 640 }}
        initialValues={{ type: 'center', county: counties[0]?.regionCode }}
        onFinish={(values) => {
          const { county: _county, ...rest } = values as FormValues & { county?: string };
          create.mutate({ ...rest, name: rest.name.trim(), invitee: rest.invitee.trim() });
        }}
        data-testid="institution-create-form"
      >
        {counties.length > 1 && (
          <Form.Item name="county" label="所在县区">
            <Select options={counties.map((c) => ({ value: c.regionCode, label: c.regionName ?? c.regionCode }))} />
          </Form.Item>
        )}
        <Form.Item name="name" label="机构名称" rules={[{ required: true, whitespace: true, message: '请填写机构名称' }, { max: 100 }]}>
          <Input data-testid="institution-create-name" />
        </Form.Item>
        <Form.Item name="type" label="机构类型" rules={[{ required: true, message: '请选择机构类型' }]}>
          <Select options={labelOptions(INSTITUTION_TYPE_LABELS)} data-testid="institution-create-type" />
        </Form.Item>
        <Form.Item name="ownership" label="举办性质" rules={[{ required: true, message: '请选择举办性质' }]}>
          <Select options={labelOptions(OWNERSHIP_LABELS)} data-testid="institution-create-ownership" />
        </Form.Item>
        <Form.Item name="operating_model" label="运营模式" rules={[{ required: true, message: '请选择运营模式' }]}>
          <Select options={labelOptions(OPERATING_MODEL_LABELS)} data-testid="institution-create-model" />
        </Form.Item>
        <Form.Item name="street_code" label="所在街道（乡镇）" rules={[{ required: true, message: '请选择所在街道（乡镇）' }]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={streets.isPending}
            options={(streets.data ?? []).map((s) => ({ value: s.code, label: s.name }))}
            data-testid="institution-create-street"
          />
        </Form.Item>
        <Form.Item name="contact_phone" label="联系电话" rules={[{ pattern: /^\+?[0-9-]{5,20}$/, message: '请填写有效的电话号码' }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="invitee"
          label="经办人（负责人）邮箱或手机号"
          extra="用于核对被邀请人；邀请码生成后请通过邮件、短信或当面交给对方。"
          rules={[{ required: true, whitespace: true, min: 3, message: '请填写经办人的邮箱或手机号' }]}
        >
          <Input data-testid="institution-create-invitee" />
        </Form.Item>
        {create.isError && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={create.error.message} data-testid="institution-create-error" />}
        <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="institution-create-submit">
          建档并生成邀请
        </Button>
      </Form>
    </Card>
  );
}
