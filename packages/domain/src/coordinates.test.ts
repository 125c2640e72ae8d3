import { describe, expect, it } from 'vitest';
import { latitudeError, longitudeError, parsePastedCoordinates } from './coordinates.ts';
import { labelOf, labelOptions } from './labels.ts';
import { INSTITUTION_STATUS_LABELS } from './institutions.ts';

describe('coordinates', () => {
  it('accepts China’s GCJ-02 ranges and refuses others in Chinese', () => {
    expect(latitudeError(35.7324)).toBeNull();
    expect(longitudeError(116.4971)).toBeNull();
    expect(latitudeError(99)).toContain('纬度应在 3.5～53.6 之间');
    expect(longitudeError(12)).toContain('经度应在 73.4～135.1 之间');
    expect(latitudeError(null)).toBe('请填写纬度');
  });

  it('reads pasted coordinates in either order', () => {
    expect(parsePastedCoordinates('116.4971,35.7324')).toEqual({ lat: 35.7324, lng: 116.4971 });
    expect(parsePastedCoordinates('35.7324， 116.4971')).toEqual({ lat: 35.7324, lng: 116.4971 });
    expect(parsePastedCoordinates('lat: 35.12345678 lng: 116.1')).toEqual({ lat: 35.123457, lng: 116.1 });
    expect(parsePastedCoordinates('2.1, 3.4')).toEqual({ error: expect.stringContaining('不在中国境内') });
    expect(parsePastedCoordinates('abc')).toEqual({ error: expect.stringContaining('未识别到坐标') });
  });
});

describe('labels', () => {
  it('shows unknown values as they are and empty ones as —', () => {
    expect(labelOf(INSTITUTION_STATUS_LABELS, 'suspended')).toBe('暂停运营');
    expect(labelOf(INSTITUTION_STATUS_LABELS, 'closed')).toBe('closed');
    expect(labelOf(INSTITUTION_STATUS_LABELS, null)).toBe('—');
    expect(labelOptions(INSTITUTION_STATUS_LABELS)[0]).toEqual({ value: 'draft', label: '未备案' });
  });
});
