import { INSTITUTION_STATUS_LABELS, labelOf } from '@tuoyu/domain';
import { Alert, App, Button, Card, Form, Input, Modal, Space, type ButtonProps } from 'antd';
import { useState } from 'react';
import { usePermissionNames } from '../../components/require-permission.tsx';
import { useSetInstitutionStatus } from './queries.ts';

type Target = 'suspended' | 'revoked' | 'filed';
const ACTIONS: Record<Target, { label: string; confirm: string; needsReason: boolean; danger: boolean }> = {
  suspended: { label: '暂停', confirm: '暂停后公众端显示“暂停运营”及理由，机构不能接收新的入托申请。', needsReason: true, danger: true },
  revoked: { label: '撤销备案', confirm: '撤销备案后机构从公众登记册中移除，且不能恢复，须重新办理新办备案。', needsReason: true, danger: true },
  filed: { label: '恢复', confirm: '恢复后机构重新以“已备案”状态公开。', needsReason: false, danger: false },
};

/** 暂停 / 撤销备案 / 恢复 a filed institution with a reason (county admin; set_institution_status decides). */
export function InstitutionStatusActions({ institutionId, status }: { institutionId: string; status: string }) {
  const { has } = usePermissionNames();
  const { message } = App.useApp();
  const [target, setTarget] = useState<Target | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const mutation = useSetInstitutionStatus(institutionId);
  if (!has('institution.set_status') || !['filed', 'suspended'].includes(status)) return null;
  const options: Target[] = status === 'filed' ? ['suspended', 'revoked'] : ['filed', 'revoked'];
  const action = target ? ACTIONS[target] : null;
  return (
    <Card size="small" title="监管处置" style={{ marginTop: 16 }} data-testid="institution-status-actions">
      <Space>
        <span>当前状态：{labelOf(INSTITUTION_STATUS_LABELS, status)}</span>
        {options.map((t) => (
          <Button key={t} danger={ACTIONS[t].danger} onClick={() => { form.resetFields(); mutation.reset(); setTarget(t); }} data-testid={`institution-set-${t}`}>
            {ACTIONS[t].label}
          </Button>
        ))}
      </Space>
      <Modal
        open={!!target}
        title={action ? `确认${action.label}` : ''}
        okText={action ? `确认${action.label}` : '确认'}
        okButtonProps={{ danger: action?.danger, loading: mutation.isPending, ...({ 'data-testid': 'institution-status-confirm' } as ButtonProps) }}
        cancelText="取消"
        onCancel={() => setTarget(null)}
        onOk={() =>
          void form.validateFields().then(
            (v) =>
              mutation.mutateAsync({ status: target!, reason: v.reason?.trim() }).then(
                () => {
                  void message.success(`已${action!.label}`);
                  setTarget(null);
                },
                () => undefined, // shown in the dialog
              ),
            () => undefined, // the form shows what is missing
          )
        }
      >
        {action && <Alert type={action.danger ? 'warning' : 'info'} showIcon style={{ marginBottom: 16 }} message={action.confirm} />}
        <Form form={form} layout="vertical">
          <Form.Item
            name="reason"
            label="理由（公开显示）"
            rules={action?.needsReason ? [{ required: true, whitespace: true, min: 2, message: '请填写理由（至少2个字）' }] : []}
          >
            <Input.TextArea rows={3} maxLength={500} data-testid="institution-status-reason" />
          </Form.Item>
        </Form>
        {mutation.isError && <Alert type="error" showIcon message={mutation.error.message} />}
      </Modal>
    </Card>
  );
}
