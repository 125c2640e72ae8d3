import type { FilingKind } from '@tuoyu/domain';
import { Checkbox, Form, Input, InputNumber } from 'antd';

/** What a filing's `form` (jsonb) holds per kind; keys are stable identifiers, labels Chinese. */
export const CHANGE_ITEMS = ['机构名称', '地址', '法定代表人或负责人', '举办性质', '托位数或班级', '服务类型', '开放时间', '其他'];

export const FORM_LABELS: Record<string, string> = {
  legal_representative: '法定代表人或负责人',
  contact_person: '联系人',
  contact_phone: '联系电话',
  total_slots: '托位总数',
  building_area: '建筑面积（平方米）',
  change_items: '变更事项',
  change_description: '变更内容说明',
  cancel_reason: '注销原因',
  closing_on: '停止服务日期',
  children_arrangement: '在托婴幼儿安置方案',
  refund_arrangement: '预收费用退还方案',
};

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

/** A readable value of one form entry. */
export function formValueText(value: unknown): string {
  if (Array.isArray(value)) return value.join('、');
  if (value === null || value === undefined || value === '') return '—';
  return String(value);
}

const required = (message: string) => [{ required: true, whitespace: true, message }];

/** 备案表 fields for a kind (inside an antd Form). */
export function FilingFormFields({ kind }: { kind: FilingKind }) {
  return (
    <>
      <Form.Item name="legal_representative" label={FORM_LABELS['legal_representative']} rules={[...required('请填写法定代表人或负责人'), { max: 50, message: '不能超过 50 个字' }]}>
        <Input data-testid="filing-form-legal-representative" />
      </Form.Item>
      <Form.Item name="contact_person" label={FORM_LABELS['contact_person']} rules={[...required('请填写联系人'), { max: 50, message: '不能超过 50 个字' }]}>
        <Input data-testid="filing-form-contact-person" />
      </Form.Item>
      <Form.Item
        name="contact_phone"
        label={FORM_LABELS['contact_phone']}
        rules={[...required('请填写联系电话'), { pattern: /^\+?[0-9-]{5,20}$/, message: '联系电话格式不正确：只能包含数字和“-”，5～20 位' }]}
      >
        <Input data-testid="filing-form-contact-phone" />
      </Form.Item>
      {kind === 'new' && (
        <>
          <Form.Item name="total_slots" label={FORM_LABELS['total_slots']} rules={[{ required: true, message: '请填写托位总数' }]}>
            <InputNumber min={1} max={2000} precision={0} data-testid="filing-form-total-slots" />
          </Form.Item>
          <Form.Item name="building_area" label={FORM_LABELS['building_area']}>
            <InputNumber min={1} max={100000} precision={1} data-testid="filing-form-building-area" />
          </Form.Item>
        </>
      )}
      {kind === 'change' && (
        <>
          <Form.Item name="change_items" label={FORM_LABELS['change_items']} rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一项变更事项' }]}>
            <Checkbox.Group options={CHANGE_ITEMS} data-testid="filing-form-change-items" />
          </Form.Item>
          <Form.Item name="change_description" label={FORM_LABELS['change_description']} rules={[...required('请说明变更前后的内容'), { max: 1000, message: '不能超过 1000 个字' }]}>
            <Input.TextArea rows={3} placeholder="例如：新增托大班 1 个，托位由 45 个增加到 65 个" data-testid="filing-form-change-description" />
          </Form.Item>
        </>
      )}
      {kind === 'cancel' && (
        <>
          <Form.Item name="cancel_reason" label={FORM_LABELS['cancel_reason']} rules={[...required('请填写注销原因'), { max: 500, message: '不能超过 500 个字' }]}>
            <Input.TextArea rows={2} data-testid="filing-form-cancel-reason" />
          </Form.Item>
          <Form.Item name="closing_on" label={FORM_LABELS['closing_on']} rules={[{ required: true, message: '请选择停止服务日期' }]}>
            <Input type="date" style={{ width: 180 }} data-testid="filing-form-closing-on" />
          </Form.Item>
          <Form.Item name="children_arrangement" label={FORM_LABELS['children_arrangement']} rules={[...required('请说明在托婴幼儿如何安置'), { max: 1000, message: '不能超过 1000 个字' }]}>
            <Input.TextArea rows={2} data-testid="filing-form-children-arrangement" />
          </Form.Item>
          <Form.Item name="refund_arrangement" label={FORM_LABELS['refund_arrangement']} rules={[...required('请说明预收费用如何退还'), { max: 1000, message: '不能超过 1000 个字' }]}>
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
