import { Alert, App, Button, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { FILED_FIELDS_NOTE, filedFieldsLocked, type FeeItem } from '@tuoyu/domain';
import { useUpdateInstitution, type Institution } from './queries.ts';
import { FeeItemsFields } from '../../components/institution/fee-items-fields.tsx';

type Values = { fee_items: FeeItem[]; prepayment_terms?: string };

/** 收费项目 and 预收费及退费规则: nothing outside the published list may be charged. */
export function FeesTab({ institution }: { institution: Institution }) {
  const [form] = Form.useForm<Values>();
  const update = useUpdateInstitution(institution.id);
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  // Filed: the fee list changes only through a change filing (the database refuses direct writes).
  const locked = filedFieldsLocked(institution.status);

  useEffect(() => {
    form.setFieldsValue({
      fee_items: (institution.fee_items ?? []).map((f) => ({ ...f, note: f.note ?? '' })),
      prepayment_terms: institution.prepayment_terms ?? '',
    });
  }, [form, institution]);

  const submit = (values: Values) => {
    setError(null);
    const items = (values.fee_items ?? []).map((f) => ({
      name: f.name.trim(),
      amount: Number(f.amount),
      unit: f.unit.trim(),
      ...(f.note?.trim() ? { note: f.note.trim() } : {}),
    }));
    update.mutate(
      { ...(locked ? {} : { fee_items: items }), prepayment_terms: values.prepayment_terms?.trim() || null },
      { onSuccess: () => void message.success('收费信息已保存'), onError: (e) => setError(e.message) },
    );
  };

  return (
    <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 900 }} data-testid="fees-form" disabled={update.isPending}>
      {error && <Alert type="error" showIcon message="保存失败" description={error} style={{ marginBottom: 16 }} data-testid="fees-error" />}
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message="收费项目向家长公开，不得收取清单以外的费用。"
      />
      <Typography.Title level={5}>收费项目</Typography.Title>
      {locked && <Typography.Paragraph type="secondary" data-testid="fees-locked">{FILED_FIELDS_NOTE}</Typography.Paragraph>}
      <FeeItemsFields disabled={locked} />
      <Form.Item
        name="prepayment_terms"
        label="预收费及退费规则"
        extra="例如：按月收费，不预收超过 3 个月的费用；退托按剩余天数退费；因故停业的剩余费用全额退还"
        rules={[{ max: 1000, message: '不能超过 1000 个字' }]}
      >
        <Input.TextArea rows={3} showCount maxLength={1000} data-testid="fees-prepayment" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="fees-save">
        保存收费信息
      </Button>
    </Form>
  );
}
