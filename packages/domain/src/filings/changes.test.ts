import { describe, expect, it } from 'vitest';
import { filingChanges, proposedClassProblems, totalCapacity, withChanges, type RegisteredValues } from './changes.ts';

const CURRENT: RegisteredValues = {
  name: '汶上县爱心托育中心',
  type: 'center',
  ownership: 'private',
  operating_model: 'community',
  street_code: '370830001000',
  services: ['full_day', 'half_day'],
  fee_items: [{ name: '保育费', amount: 1500, unit: '元/月' }],
  site: { address: '汶上县中都街道1号', lat: 35.7324, lng: 116.4971 },
  classes: [
    { id: 'c1', name: '托小班', class_type: 'toddler', min_age_months: 12, max_age_months: 24, capacity: 15 },
    { id: 'c2', name: '托大班', class_type: 'older_toddler', min_age_months: 24, max_age_months: 36, capacity: 15 },
  ],
};

describe('filingChanges (变更备案: only what changes)', () => {
  it('is empty when nothing differs (whitespace, service order and float noise included)', () => {
    expect(filingChanges(CURRENT, CURRENT)).toEqual({});
    expect(
      filingChanges(CURRENT, {
        ...CURRENT,
        name: ' 汶上县爱心托育中心 ',
        services: ['half_day', 'full_day'],
        fee_items: [{ name: '保育费 ', amount: 1500, unit: '元/月', note: '' }],
        site: { address: '汶上县中都街道1号', lat: 35.73240000001, lng: 116.4971 },
      }),
    ).toEqual({});
  });

  it('keeps one class capacity change as the full class list with ids (the shape apply_filing_changes reads)', () => {
    const classes = CURRENT.classes.map((c) => (c.id === 'c2' ? { ...c, capacity: 20 } : c));
    expect(filingChanges(CURRENT, { ...CURRENT, classes })).toEqual({
      classes: [
        { id: 'c1', name: '托小班', class_type: 'toddler', min_age_months: 12, max_age_months: 24, capacity: 15 },
        { id: 'c2', name: '托大班', class_type: 'older_toddler', min_age_months: 24, max_age_months: 36, capacity: 20 },
      ],
    });
  });

  it('a new class has no id, a removed class is left out', () => {
    const next = { ...CURRENT, classes: [CURRENT.classes[0]!, { name: '乳儿班', class_type: 'infant' as const, min_age_months: 6, max_age_months: 12, capacity: 8 }] };
    expect(filingChanges(CURRENT, next).classes).toEqual([
      CURRENT.classes[0],
      { name: '乳儿班', class_type: 'infant', min_age_months: 6, max_age_months: 12, capacity: 8 },
    ]);
  });

  it('stores basic fields, services (canonical order), fees and the whole site when they change', () => {
    expect(
      filingChanges(CURRENT, {
        ...CURRENT,
        name: '汶上县爱心托育园 ',
        ownership: 'public_private_run',
        services: ['hourly', 'full_day'],
        fee_items: [{ name: '保育费', amount: 1600, unit: '元/月', note: ' 含午餐 ' }],
        site: { address: '汶上县中都街道2号', lat: 35.7324, lng: 116.4971 },
      }),
    ).toEqual({
      name: '汶上县爱心托育园',
      ownership: 'public_private_run',
      services: ['full_day', 'hourly'],
      fee_items: [{ name: '保育费', amount: 1600, unit: '元/月', note: '含午餐' }],
      site: { address: '汶上县中都街道2号', lat: 35.7324, lng: 116.4971 },
    });
  });

  it('withChanges starts the step from a saved proposal; filingChanges gives the proposal back', () => {
    const saved = { name: '新名称', classes: [{ id: 'c1', name: '托小班', class_type: 'toddler', min_age_months: 12, max_age_months: 24, capacity: 12 }] };
    const proposed = withChanges(CURRENT, saved);
    expect(proposed.name).toBe('新名称');
    expect(proposed.classes).toHaveLength(1);
    expect(proposed.services).toEqual(CURRENT.services);
    expect(filingChanges(CURRENT, proposed)).toEqual(saved);
    expect(withChanges(CURRENT, null)).toEqual(CURRENT);
    expect(withChanges(CURRENT, { name: 3 })).toEqual(CURRENT);
  });
});

describe('proposedClassProblems', () => {
  it('applies the national class sizes and ages per class', () => {
    const problems = proposedClassProblems(
      [
        { name: '乳儿班', class_type: 'infant', min_age_months: 6, max_age_months: 12, capacity: 11 },
        { name: '托大班', class_type: 'older_toddler', min_age_months: 24, max_age_months: 36, capacity: 20 },
        { name: '混龄班', class_type: 'mixed_age', min_age_months: 12, max_age_months: 36, capacity: 10 },
      ],
      { institutionType: 'center' },
    );
    expect(problems).toEqual([['乳儿班每班不超过10人'], [], ['混龄班仅招收18～36月龄婴幼儿']]);
  });

  it('uses a regional rule, keeps capacity above the enrolled children, checks the family point total', () => {
    const rules = { toddler: { classType: 'toddler' as const, minAgeMonths: 12, maxAgeMonths: 24, maxSize: 12, childrenPerCarer: 4 } };
    expect(
      proposedClassProblems([{ id: 'c1', name: '托小班', class_type: 'toddler', min_age_months: 12, max_age_months: 24, capacity: 13 }], {
        institutionType: 'center',
        rules,
        registered: [{ id: 'c1', enrolled: 14, carers: 3 }],
      })[0],
    ).toEqual(['托小班每班不超过12人', '托小班保育人员与婴幼儿比例不低于1:4（在托14人至少需要4名保育人员）', '托位数不能少于现有在托人数（14人）']);
    const home = proposedClassProblems(
      [
        { name: 'A', class_type: 'toddler', min_age_months: 12, max_age_months: 24, capacity: 3 },
        { name: 'B', class_type: 'toddler', min_age_months: 12, max_age_months: 24, capacity: 3 },
      ],
      { institutionType: 'home_based' },
    );
    expect(home).toEqual([['家庭托育点收托总人数不超过5人（现为6人）'], ['家庭托育点收托总人数不超过5人（现为6人）']]);
    expect(totalCapacity([{ capacity: 3 }, { capacity: 4 }])).toBe(7);
  });
});
