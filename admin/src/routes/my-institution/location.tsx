import { FILED_FIELDS_NOTE, filedFieldsLocked } from '@tuoyu/domain';
import { Alert, App, Button, Form, Input, Skeleton } from 'antd';
import { useEffect, useState } from 'react';
import { useSaveLocation, useSite, type Institution } from './queries.ts';
import { StreetPicker } from './region-picker.tsx';
import { QueryError } from '../../components/common/query-states.tsx';
import { CoordinateFields } from '../../components/institution/coordinate-fields.tsx';

type Values = { street_code?: string; address: string; lat: number | null; lng: number | null; premises_note?: string };

/**
 * 位置: street (region picker), address and GCJ-02 coordinates. No online map here (the admin runs
 * offline too): numbers, checked against China's ranges, or pasted from a map's coordinate picker.
 */
export function LocationTab({ institution }: { institution: Institution }) {
  const site = useSite(institution.id);
  const save = useSaveLocation(institution.id);
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const streetEditable = institution.status === 'draft';
  // mirrors the database: the site of a filed institution changes through a change filing
  const siteLocked = filedFieldsLocked(institution.status);

  useEffect(() => {
    if (site.isSuccess) {
      form.setFieldsValue({
        street_code: institution.street_code,
        address: site.data?.address ?? '',
        lat: site.data?.lat ?? null,
        lng: site.data?.lng ?? null,
        premises_note: site.data?.premises_note ?? '',
      });
    }
  }, [form, institution.street_code, site.isSuccess, site.data]);

  if (site.isLoading) return <Skeleton active />;
  if (site.isError) return <QueryError error={site.error} onRetry={() => void site.refetch()} />;

  const submit = (values: Values) => {
    setError(null);
    save.mutate(
      {
        streetCode: values.street_code ?? institution.street_code,
        streetChanged: streetEditable && !!values.street_code && values.street_code !== institution.street_code,
        hasSite: !!site.data,
        site: {
          address: values.address.trim(),
          lat: Number(values.lat),
          lng: Number(values.lng),
          premises_note: values.premises_note?.trim() || null,
        },
      },
      {
        onSuccess: () => void message.success('位置信息已保存'),
        onError: (e) => setError(e.message),
      },
    );
  };

  return (
    <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 820 }} data-testid="location-form" disabled={save.isPending}>
      {error && <Alert type="error" showIcon message="保存失败" description={error} style={{ marginBottom: 16 }} data-testid="location-error" />}
      <Form.Item
        name="street_code"
        label="所在街道（乡镇）"
        rules={[{ required: true, message: '请选择所在街道（乡镇）' }]}
        extra={streetEditable ? '受理备案的县级卫健部门由所在县区决定' : '机构已备案：变更所在街道须办理变更备案'}
      >
        <StreetPicker disabled={!streetEditable} />
      </Form.Item>
      <Form.Item
        name="address"
        label="详细地址"
        rules={[
          { required: true, whitespace: true, message: '请填写详细地址' },
          { min: 4, max: 200, message: '详细地址应为 4～200 个字' },
        ]}
        extra={siteLocked ? FILED_FIELDS_NOTE : institution.type === 'home_based' ? '家庭托育点的详细地址不对外公开，公众只看到所在街道' : undefined}
      >
        <Input data-testid="location-address" maxLength={200} disabled={siteLocked} />
      </Form.Item>
      <CoordinateFields form={form} disabled={siteLocked} />
      <Form.Item name="premises_note" label="场所说明" rules={[{ max: 500, message: '场所说明不能超过 500 个字' }]}>
        <Input.TextArea rows={2} placeholder="例如：租赁 5 年（2024-2029）" data-testid="location-premises" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="location-save">
        保存位置信息
      </Button>
    </Form>
  );
}
