import { filingChanges, type RegisteredValues } from '@tuoyu/domain';
import { describe, expect, it } from 'vitest';
import { toChangeFormValues, toProposed } from './change-form.ts';

const REGISTERED: RegisteredValues = {
  name: '汶上县故事托育园',
  type: 'center',
  ownership: 'private',
  operating_model: 'community',
  street_code: '370830001000',
  services: ['full_day'],
  fee_items: [{ name: '保育费', amount: 1500, unit: '元/月' }],
  site: { address: '汶上县中都街道故事路18号', lat: 35.7331, lng: 116.4978 },
  classes: [{ id: 'c1', name: '故事托大班', class_type: 'older_toddler', min_age_months: 24, max_age_months: 36, capacity: 15 }],
};

describe('the 变更事项 form values', () => {
  it('round-trip the registry unchanged: nothing to propose', () => {
    expect(filingChanges(REGISTERED, toProposed(toChangeFormValues(REGISTERED), REGISTERED))).toEqual({});
  });

  it('one class capacity up → the class list with the kept id', () => {
    const values = toChangeFormValues(REGISTERED);
    values.classes = [{ ...values.classes![0], capacity: 20 }];
    expect(filingChanges(REGISTERED, toProposed(values, REGISTERED))).toEqual({
      classes: [{ id: 'c1', name: '故事托大班', class_type: 'older_toddler', min_age_months: 24, max_age_months: 36, capacity: 20 }],
    });
  });

  it('another street of the county → street_code alone', () => {
    const values = { ...toChangeFormValues(REGISTERED), street_code: '370830002000' };
    expect(filingChanges(REGISTERED, toProposed(values, REGISTERED))).toEqual({ street_code: '370830002000' });
  });

  it('the street picked back to the registered one, or cleared, proposes nothing', () => {
    expect(filingChanges(REGISTERED, toProposed({ ...toChangeFormValues(REGISTERED), street_code: REGISTERED.street_code }, REGISTERED))).toEqual({});
    expect(filingChanges(REGISTERED, toProposed({ ...toChangeFormValues(REGISTERED), street_code: undefined }, REGISTERED))).toEqual({});
  });

  it('a street change with other fields: each changed field once', () => {
    const values = { ...toChangeFormValues(REGISTERED), street_code: '370830002000', name: '汶上县故事托育园（南站）' };
    expect(filingChanges(REGISTERED, toProposed(values, REGISTERED))).toEqual({ name: '汶上县故事托育园（南站）', street_code: '370830002000' });
  });

  it('a half-filled new row and an empty note do not throw; the street stays as registered', () => {
    const values = { ...toChangeFormValues(REGISTERED), classes: [undefined, { name: '新班' }], fee_items: [{ name: '伙食费', amount: 15, unit: '元/天', note: '' }] };
    const proposed = toProposed(values, REGISTERED);
    expect(proposed.street_code).toBe(REGISTERED.street_code);
    expect(proposed.classes[1]).toEqual({ name: '新班', class_type: 'toddler', min_age_months: 0, max_age_months: 0, capacity: 0 });
    expect(proposed.fee_items).toEqual([{ name: '伙食费', amount: 15, unit: '元/天' }]);
  });
});
