import { describe, expect, it } from 'vitest';
import { changeValueText } from './change-values.ts';

describe('changeValueText (变更前后对照 cells)', () => {
  it('shows labels, fee items, sites and classes in words', () => {
    expect(changeValueText('services', ['full_day', 'hourly'])).toBe('全日托、计时托');
    expect(changeValueText('affordable', true)).toBe('普惠');
    expect(changeValueText('fee_items', [{ name: '伙食费', amount: 15, unit: '元/天' }])).toBe('伙食费 15元/天');
    expect(changeValueText('site', { address: '中都大街1号', lat: 35.7, lng: 116.5 })).toBe('中都大街1号（35.7, 116.5）');
    expect(changeValueText('classes', [{ name: '彩虹班', class_type: 'toddler', min_age_months: 12, max_age_months: 24, capacity: 15 }]))
      .toBe('彩虹班（托小班，12～24个月，15个托位）（合计15个托位）');
  });

  it('shows a missing value as a dash and unknown shapes as text', () => {
    expect(changeValueText('name', null)).toBe('—');
    expect(changeValueText('street_code', '370830001000', { '370830001000': '中都街道' })).toBe('中都街道（370830001000）');
    expect(changeValueText('street_code', '370830002000', { '370830001000': '中都街道' })).toBe('370830002000');
    expect(changeValueText('name', '新名称')).toBe('新名称');
    expect(changeValueText('other', { a: 1 })).toBe('{"a":1}');
  });
});
