/**
 * The filing form (备案表, `filings.form` jsonb): its fields per kind, their Chinese labels, and the
 * zod schema the operator's wizard validates with before saving.
 */
import { z } from 'zod';
import type { FilingKind } from './status.ts';

/** 变更事项: what a change filing may change. */
export const CHANGE_ITEMS = ['机构名称', '地址', '法定代表人或负责人', '举办性质', '托位数或班级', '服务类型', '开放时间', '其他'] as const;

export const FILING_FORM_LABELS = {
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
  address: '地址',
  registration_no: '统一社会信用代码',
} as const;
export type FilingFormField = keyof typeof FILING_FORM_LABELS;

/** The fields a kind's form asks for, in display order. */
export const FILING_FORM_FIELDS: Record<FilingKind, readonly FilingFormField[]> = {
  new: ['legal_representative', 'contact_person', 'contact_phone', 'total_slots', 'building_area'],
  change: ['legal_representative', 'contact_person', 'contact_phone', 'change_items', 'change_description'],
  cancel: ['legal_representative', 'contact_person', 'contact_phone', 'cancel_reason', 'closing_on', 'children_arrangement', 'refund_arrangement'],
};

const text = (message: string, max: number) => z.string({ message }).trim().min(1, message).max(max, `不能超过 ${max} 个字`);

/** Every field of the filing form with its rule (a kind's form uses the fields FILING_FORM_FIELDS lists). */
export const filingFormFieldSchemas = {
  legal_representative: text('请填写法定代表人或负责人', 50),
  contact_person: text('请填写联系人', 50),
  contact_phone: z
    .string({ message: '请填写联系电话' })
    .trim()
    .min(1, '请填写联系电话')
    .regex(/^\+?[0-9-]{5,20}$/, '联系电话格式不正确：只能包含数字和“-”，5～20 位'),
  total_slots: z.number({ message: '请填写托位总数' }).int('托位总数应为整数').min(1, '托位总数应大于 0').max(2000, '托位总数不能超过 2000'),
  building_area: z.number().positive('建筑面积应大于 0').max(100000).optional(),
  change_items: z.array(z.enum(CHANGE_ITEMS), { message: '请至少选择一项变更事项' }).min(1, '请至少选择一项变更事项'),
  change_description: text('请说明变更前后的内容', 1000),
  cancel_reason: text('请填写注销原因', 500),
  closing_on: z.string({ message: '请选择停止服务日期' }).regex(/^\d{4}-\d{2}-\d{2}$/, '请选择停止服务日期'),
  children_arrangement: text('请说明在托婴幼儿如何安置', 1000),
  refund_arrangement: text('请说明预收费用如何退还', 1000),
  address: text('请填写地址', 200).optional(),
  registration_no: text('请填写统一社会信用代码', 18).optional(),
} satisfies Record<FilingFormField, z.ZodType>;

/** The form of a filing of `kind`, as the wizard saves it. */
export function filingFormSchema(kind: FilingKind) {
  const shape: Partial<Record<FilingFormField, z.ZodType>> = {};
  for (const f of FILING_FORM_FIELDS[kind]) shape[f] = filingFormFieldSchemas[f];
  return z.object(shape);
}

/** A readable value of one form entry (lists joined with 、, yes/no for booleans, — when empty). */
export function filingFormValueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.map(filingFormValueText).join('、');
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
