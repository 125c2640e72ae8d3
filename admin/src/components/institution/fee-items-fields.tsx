import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Space, Typography } from 'antd';

/**
 * 收费项目清单 inside an antd Form: a Form.List `fee_items` of {name, amount, unit, note} rows
 * (我的机构 → 收费, and the 变更事项 step of a change filing). Test ids `${testIdPrefix}-name-0` ….
 */
export function FeeItemsFields({ disabled, testIdPrefix = 'fee' }: { disabled?: boolean; testIdPrefix?: string }) {
  return (
    <Form.List name="fee_items">
      {(fields, { add, remove }) => (
        <>
          {fields.length === 0 && <Typography.Paragraph type="secondary">尚未填写收费项目</Typography.Paragraph>}
          {fields.map((field, index) => (
            <Space key={field.key} align="start" wrap data-testid={`${testIdPrefix}-row-${index}`}>
              <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写收费项目' }, { max: 50, message: '不能超过 50 个字' }]}>
                <Input placeholder="项目，如 保育费" style={{ width: 200 }} data-testid={`${testIdPrefix}-name-${index}`} disabled={disabled} />
              </Form.Item>
              <Form.Item name={[field.name, 'amount']} rules={[{ required: true, message: '请填写金额' }]}>
                <InputNumber min={0} max={1_000_000} precision={2} placeholder="金额" style={{ width: 140 }} data-testid={`${testIdPrefix}-amount-${index}`} disabled={disabled} />
              </Form.Item>
              <Form.Item name={[field.name, 'unit']} rules={[{ required: true, whitespace: true, message: '请填写计费单位' }, { max: 20, message: '不能超过 20 个字' }]}>
                <Input placeholder="单位，如 元/月" style={{ width: 130 }} data-testid={`${testIdPrefix}-unit-${index}`} disabled={disabled} />
              </Form.Item>
              <Form.Item name={[field.name, 'note']} rules={[{ max: 100, message: '备注不能超过 100 个字' }]}>
                <Input placeholder="备注（可选）" style={{ width: 220 }} data-testid={`${testIdPrefix}-note-${index}`} disabled={disabled} />
              </Form.Item>
              <Button icon={<DeleteOutlined />} danger type="text" onClick={() => remove(field.name)} aria-label="删除该项" disabled={disabled} />
            </Space>
          ))}
          <Form.Item>
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', amount: null, unit: '元/月', note: '' })} data-testid={`${testIdPrefix}-add`} disabled={disabled}>
              添加收费项目
            </Button>
          </Form.Item>
        </>
      )}
    </Form.List>
  );
}
