import { CHANGE_ITEMS, FILING_FORM_LABELS as LABELS, filingFormFieldSchemas as rules, type FilingKind } from '@tuoyu/domain';
import { Checkbox, Form, Input, InputNumber } from 'antd';
import { zodRule } from '../../lib/zod-rule.ts';

type FormValues = Record<string, unknown>;

/** The stored form → the antd form's values (dates stay YYYY-MM-DD strings for native date inputs). */
export function toFormValues(form: Record<string, unknown>): FormValues {
  return { ...form };
}

/** The antd form's values → the stored form (trimmed text, no empty fields). */
export function fromFormValues(values: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === '') continue;
    if (typeof value === 'string') out[key] = value.trim();
    else out[key] = value;
  }
  return out;
}

/** 备案表 fields for a kind (inside an antd Form). */
export function FilingFormFields({ kind }: { kind: FilingKind }) {
  return (
    <>
      <Form.Item name="legal_representative" label={LABELS.legal_representative} rules={[zodRule(rules.legal_representative)]}>
        <Input data-testid="filing-form-legal-representative" />
      </Form.Item>
      <Form.Item name="contact_person" label={LABELS.contact_person} rules={[zodRule(rules.contact_person)]}>
        <Input data-testid="filing-form-contact-person" />
      </Form.Item>
      <Form.Item
        name="contact_phone"
        label={LABELS.contact_phone}
        rules={[zodRule(rules.contact_phone)]}
      >
        <Input data-testid="filing-form-contact-phone" />
      </Form.Item>
      {kind === 'new' && (
        <>
          <Form.Item name="total_slots" label={LABELS.total_slots} rules={[zodRule(rules.total_slots)]}>
            <InputNumber min={1} max={2000} precision={0} data-testid="filing-form-total-slots" />
          </Form.Item>
          <Form.Item name="building_area" label={LABELS.building_area} rules={[zodRule(rules.building_area)]}>
            <InputNumber min={1} max={100000} precision={1} data-testid="filing-form-building-area" />
          </Form.Item>
        </>
      )}
      {kind === 'change' && (
        <>
          <Form.Item name="change_items" label={LABELS.change_items} rules={[zodRule(rules.change_items)]}>
            <Checkbox.Group options={[...CHANGE_ITEMS]} data-testid="filing-form-change-items" />
          </Form.Item>
          <Form.Item name="change_description" label={LABELS.change_description} rules={[zodRule(rules.change_description)]}>
            <Input.TextArea rows={3} placeholder="例如：新增托大班 1 个，托位由 45 个增加到 65 个" data-testid="filing-form-change-description" />
          </Form.Item>
        </>
      )}
      {kind === 'cancel' && (
        <>
          <Form.Item name="cancel_reason" label={LABELS.cancel_reason} rules={[zodRule(rules.cancel_reason)]}>
            <Input.TextArea rows={2} data-testid="filing-form-cancel-reason" />
          </Form.Item>
          <Form.Item name="closing_on" label={LABELS.closing_on} rules={[zodRule(rules.closing_on)]}>
            <Input type="date" style={{ width: 180 }} data-testid="filing-form-closing-on" />
          </Form.Item>
          <Form.Item name="children_arrangement" label={LABELS.children_arrangement} rules={[zodRule(rules.children_arrangement)]}>
            <Input.TextArea rows={2} data-testid="filing-form-children-arrangement" />
          </Form.Item>
          <Form.Item name="refund_arrangement" label={LABELS.refund_arrangement} rules={[zodRule(rules.refund_arrangement)]}>
            <Input.TextArea rows={2} data-testid="filing-form-refund-arrangement" />
          </Form.Item>
        </>
      )}
    </>
  );
}

/** 承诺书 (the pledge the operator signs with the filing). */
export const PLEDGE_TEXT = [
  '本机构郑重承诺：',
  '一、所提交的备案材料真实、准确、完整，复印件与原件一致，不存在隐瞒、虚报情况；',
  '二、严格遵守《托育机构设置标准（试行）》《托育机构管理规范（试行）》等规定，按核定的班型、班额和人员配比收托；',
  '三、场所符合安全、卫生和消防要求，从业人员持有相应资格证书和有效健康证明，按规定开展安全和卫生保健工作；',
  '四、公示收费项目和标准，不收取公示以外的费用，预收费用不超过规定期限并按约定退还；',
  '五、备案事项发生变化时及时办理变更备案，停止服务时提前告知家长、妥善安置在托婴幼儿并办理注销备案；',
  '六、自愿接受卫生健康等部门的监督检查，如有违反，愿意承担相应法律责任。',
];
