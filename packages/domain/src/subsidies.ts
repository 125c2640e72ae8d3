/**
 * 托育补贴 (issue 15 §5) and 从业人员登记 (§6): labels and the formulas as the UI shows them. The
 * computation itself lives in SQL (private.compute_subsidy, public.staff_certification_rates);
 * these strings describe it next to the figures.
 */
import type { CertificateType } from './staff.ts';

export const SUBSIDY_KINDS = ['operating', 'construction'] as const;
export type SubsidyKind = (typeof SUBSIDY_KINDS)[number];
export const SUBSIDY_KIND_LABELS: Record<SubsidyKind, string> = { operating: '运营补贴', construction: '建设补助' };

export const SUBSIDY_STATUSES = ['applied', 'approved', 'returned'] as const;
export type SubsidyStatus = (typeof SUBSIDY_STATUSES)[number];
export const SUBSIDY_STATUS_LABELS: Record<SubsidyStatus, string> = { applied: '待审核', approved: '已核准', returned: '已退回' };

export const SUBSIDY_BASES = ['placements', 'declared_enrolment'] as const;
export type SubsidyBasis = (typeof SUBSIDY_BASES)[number];
export const SUBSIDY_BASIS_LABELS: Record<SubsidyBasis, string> = {
  placements: '按在托记录',
  declared_enrolment: '按申报在托人数（尚无在托记录）',
};

export const HALF_YEAR_LABELS: Record<1 | 2, string> = { 1: '上半年', 2: '下半年' };

/** 2026年上半年 */
export function subsidyPeriodLabel(year: number, half: number): string {
  return `${year}年${half === 1 ? '上半年' : '下半年'}`;
}

/** The half-years an operator may apply for on `today` (YYYY-MM-DD): from the last month of a half-year on, newest first. */
export function openSubsidyPeriods(today: string, count = 4): { year: number; half: 1 | 2 }[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  let y = year;
  let h: 1 | 2 = month >= 12 ? 2 : month >= 6 ? 1 : 2;
  if (month < 6) y = year - 1;
  const out: { year: number; half: 1 | 2 }[] = [];
  for (let i = 0; i < count; i++) {
    out.push({ year: y, half: h });
    if (h === 2) h = 1;
    else {
      h = 2;
      y -= 1;
    }
  }
  return out;
}

export const SUBSIDY_FORMULA =
  '运营补贴 = Σ(计补人月数 × 每生每年标准 ÷ 12)。按在托记录：每月15日在托计1个月，半年内不少于标准规定的最少月数方可计补；' +
  '尚无在托记录的机构按申报在托人数 × 6个月计算并注明。建设补助 = 本半年新增普惠托位数 × 每托位标准。';

/** Care staff and the certificates that count for 持证上岗率 (mirrors public.staff_certification_rates). */
export const CARE_STAFF_ROLES = ['carer', 'teacher'] as const;
export const CARE_CERTIFICATES: CertificateType[] = ['nursery_carer', 'infant_carer', 'kindergarten_teacher'];
export const CERTIFIED_STAFF_RATE_FORMULA =
  '持证上岗率 = 持有效保育师、育婴员或幼儿园教师资格证书的保育人员 ÷ 保育人员（岗位为保育人员、育婴教师）';

/** Masked display of an 18-digit ID number as SQL stores it (370830********2422). */
export function maskIdNumber(idNumber: string): string {
  return `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`;
}

/**
 * 补贴标准 (subsidy_rules): the limits the database checks (private.subsidy_rules_before_write in
 * …015100_edit_subsidy_rules.sql), for the form to say the same before sending. The form also
 * refuses more than two decimals, which the column (numeric(10, 2)) would round to the fen.
 */
export const SUBSIDY_RULE_LIMITS = {
  operatingMaxYuan: 50_000,
  constructionMaxYuan: 100_000,
  minMonthsMax: 6,
  basisMaxLength: 300,
} as const;

/** How the rules in force are found (private.subsidy_rule_region), shown above the rules. */
export const SUBSIDY_RULE_RESOLUTION =
  '适用顺序：县（区）→ 市 → 省 → 全国，就近适用；某一级设定了某类补贴（运营补贴或建设补助）的标准后，本区划该类补贴整套按本级标准执行，' +
  '上级该类标准不再适用（运营补贴须为每个班型分别设定）。修改标准不影响已提交的申请：申请金额在提交时计算并保存。';

export type SubsidyRuleInput = {
  kind: SubsidyKind;
  class_type?: string | null;
  amount_yuan?: number | null;
  min_months?: number | null;
  basis?: string | null;
};

/** The first problem of a rule as the database words it (null = none). */
export function subsidyRuleProblem(rule: SubsidyRuleInput): string | null {
  if (rule.kind === 'operating' && !rule.class_type) return '运营补贴须选择班型';
  if (rule.kind === 'construction' && rule.class_type) return '建设补助按新增普惠托位计算，不分班型';
  return subsidyAmountProblem(rule.kind, rule.amount_yuan) ?? subsidyMinMonthsProblem(rule.min_months) ??
    (rule.basis && rule.basis.trim().length > SUBSIDY_RULE_LIMITS.basisMaxLength ? `依据（文件名称）不能超过 ${SUBSIDY_RULE_LIMITS.basisMaxLength} 个字` : null);
}

export function subsidyAmountProblem(kind: SubsidyKind, amount: number | null | undefined): string | null {
  if (amount === null || amount === undefined || !Number.isFinite(amount) || amount <= 0) return '补贴标准金额应大于 0 元';
  if (Math.abs(amount * 100 - Math.round(amount * 100)) > 1e-6) return '补贴标准金额最多保留两位小数';
  if (kind === 'operating' && amount > SUBSIDY_RULE_LIMITS.operatingMaxYuan) return `运营补贴标准不能超过每生每年 ${SUBSIDY_RULE_LIMITS.operatingMaxYuan.toLocaleString('en-US')} 元`;
  if (kind === 'construction' && amount > SUBSIDY_RULE_LIMITS.constructionMaxYuan) return `建设补助标准不能超过每个托位 ${SUBSIDY_RULE_LIMITS.constructionMaxYuan.toLocaleString('en-US')} 元`;
  return null;
}

export function subsidyMinMonthsProblem(months: number | null | undefined): string | null {
  if (months === null || months === undefined || !Number.isInteger(months) || months < 0 || months > SUBSIDY_RULE_LIMITS.minMonthsMax) {
    return '最少在托月数应为 0～6 个月';
  }
  return null;
}
