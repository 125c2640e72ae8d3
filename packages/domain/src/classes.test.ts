import { describe, expect, it } from 'vitest';
import { classInputSchema, classRuleViolations, classTypesForAge, minCarers } from './classes.ts';

describe('class rules', () => {
  it('maps a child age to class types', () => {
    expect(classTypesForAge(8)).toEqual(['infant']);
    expect(classTypesForAge(12)).toEqual(['infant', 'toddler']);
    expect(classTypesForAge(20)).toEqual(['toddler', 'mixed_age']);
    expect(classTypesForAge(30)).toEqual(['older_toddler', 'mixed_age']);
    expect(classTypesForAge(3)).toEqual([]);
  });
  it('computes minimum carers', () => {
    expect(minCarers(10, 3)).toBe(4);
    expect(minCarers(15, 5)).toBe(3);
    expect(minCarers(0, 7)).toBe(0);
  });
  it('reports size, ratio and age violations in Chinese', () => {
    const base = { class_type: 'infant' as const, min_age_months: 6, max_age_months: 12, capacity: 10, enrolled: 9, carers: 3 };
    expect(classRuleViolations(base)).toEqual([]);
    expect(classRuleViolations({ ...base, capacity: 11 })).toEqual(['乳儿班每班不超过10人']);
    expect(classRuleViolations({ ...base, enrolled: 10 })[0]).toContain('1:3');
    expect(classRuleViolations({ ...base, class_type: 'mixed_age', min_age_months: 12, max_age_months: 36 })[0]).toContain('18');
  });
  it('limits family childcare points to 5 children and 1:3', () => {
    const c = { class_type: 'mixed_age' as const, min_age_months: 18, max_age_months: 36, capacity: 3, enrolled: 3, carers: 1 };
    expect(classRuleViolations(c, { institutionType: 'home_based', otherHomeCapacity: 2 })).toEqual([]);
    expect(classRuleViolations(c, { institutionType: 'home_based', otherHomeCapacity: 3 })[0]).toContain('不超过5人');
    expect(classRuleViolations({ ...c, enrolled: 4, capacity: 4 }, { institutionType: 'home_based' })[0]).toContain('3名婴幼儿');
  });
  it('validates form input', () => {
    const r = classInputSchema.safeParse({ class_type: 'toddler', min_age_months: 24, max_age_months: 12, capacity: 5, enrolled: 6, carers: 1 });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toEqual(['最小月龄应小于最大月龄', '在托人数不能超过托位数']);
  });
});
