import { z } from 'zod';

/** 乳儿班 / 托小班 / 托大班 / 混龄班 */
export const CLASS_TYPES = ['infant', 'toddler', 'older_toddler', 'mixed_age'] as const;
export type ClassType = (typeof CLASS_TYPES)[number];

export const CLASS_TYPE_LABELS: Record<ClassType, string> = {
  infant: '乳儿班',
  toddler: '托小班',
  older_toddler: '托大班',
  mixed_age: '混龄班',
};

export interface ClassTypeRule {
  classType: ClassType;
  minAgeMonths: number;
  maxAgeMonths: number;
  maxSize: number;
  /** N in the minimum carer ratio 1:N */
  childrenPerCarer: number;
}

/**
 * National defaults (托育机构设置标准（试行）, 2019) — the same rows the migration seeds into
 * public.class_type_rules; a region may override them there (e.g. the mixed-age ratio).
 */
export const NATIONAL_CLASS_RULES: Record<ClassType, ClassTypeRule> = {
  infant: { classType: 'infant', minAgeMonths: 6, maxAgeMonths: 12, maxSize: 10, childrenPerCarer: 3 },
  toddler: { classType: 'toddler', minAgeMonths: 12, maxAgeMonths: 24, maxSize: 15, childrenPerCarer: 5 },
  older_toddler: { classType: 'older_toddler', minAgeMonths: 24, maxAgeMonths: 36, maxSize: 20, childrenPerCarer: 7 },
  mixed_age: { classType: 'mixed_age', minAgeMonths: 18, maxAgeMonths: 36, maxSize: 18, childrenPerCarer: 6 },
};

/** 家庭托育点: at most 5 children in total, 1 carer per 3 children. */
export const HOME_BASED_LIMITS = { maxChildren: 5, childrenPerCarer: 3 } as const;

/** Class types a child of `ageMonths` can join (for the family's "child's age" filter). */
export function classTypesForAge(ageMonths: number, rules: Record<ClassType, ClassTypeRule> = NATIONAL_CLASS_RULES): ClassType[] {
  return CLASS_TYPES.filter((t) => ageMonths >= rules[t].minAgeMonths && ageMonths <= rules[t].maxAgeMonths);
}

/** Minimum number of carers for `enrolled` children at ratio 1:N. */
export function minCarers(enrolled: number, childrenPerCarer: number): number {
  return Math.ceil(enrolled / childrenPerCarer);
}

export const classInputSchema = z
  .object({
    class_type: z.enum(CLASS_TYPES),
    min_age_months: z.number().int().min(0).max(36),
    max_age_months: z.number().int().min(0).max(36),
    capacity: z.number().int().positive('托位数应大于0'),
    enrolled: z.number().int().min(0),
    carers: z.number().int().min(0),
  })
  .refine((c) => c.min_age_months < c.max_age_months, { message: '最小月龄应小于最大月龄', path: ['max_age_months'] })
  .refine((c) => c.enrolled <= c.capacity, { message: '在托人数不能超过托位数', path: ['enrolled'] });
export type ClassInput = z.infer<typeof classInputSchema>;

/**
 * The database's class rules (private.check_class_rules) for forms: Chinese messages, empty when valid.
 * `otherHomeCapacity` = capacity of the other classes of the same family childcare point.
 */
export function classRuleViolations(
  c: ClassInput,
  options: { institutionType?: 'center' | 'home_based'; rule?: ClassTypeRule; otherHomeCapacity?: number } = {},
): string[] {
  const rule = options.rule ?? NATIONAL_CLASS_RULES[c.class_type];
  const label = CLASS_TYPE_LABELS[c.class_type];
  const problems: string[] = [];
  if (c.min_age_months < rule.minAgeMonths || c.max_age_months > rule.maxAgeMonths) {
    problems.push(`${label}仅招收${rule.minAgeMonths}～${rule.maxAgeMonths}月龄婴幼儿`);
  }
  if (options.institutionType === 'home_based') {
    if (c.capacity + (options.otherHomeCapacity ?? 0) > HOME_BASED_LIMITS.maxChildren) {
      problems.push(`家庭托育点收托总人数不超过${HOME_BASED_LIMITS.maxChildren}人`);
    }
    if (c.enrolled > c.carers * HOME_BASED_LIMITS.childrenPerCarer) {
      problems.push(
        `家庭托育点每名照护人员最多照护3名婴幼儿（在托${c.enrolled}人至少需要${minCarers(c.enrolled, 3)}名照护人员）`,
      );
    }
    return problems;
  }
  if (c.capacity > rule.maxSize) problems.push(`${label}每班不超过${rule.maxSize}人`);
  if (c.enrolled > c.carers * rule.childrenPerCarer) {
    problems.push(
      `${label}保育人员与婴幼儿比例不低于1:${rule.childrenPerCarer}（在托${c.enrolled}人至少需要${minCarers(c.enrolled, rule.childrenPerCarer)}名保育人员）`,
    );
  }
  return problems;
}
