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

describe('wgs84ToGcj02 and the map link', () => {
  it('shifts a WGS-84 position in China by the GCJ-02 offset (天安门: the published reference pair)', async () => {
    const { wgs84ToGcj02 } = await import('./coordinates.ts');
    const gcj = wgs84ToGcj02(39.90872, 116.39748);
    expect(gcj.lat).toBeCloseTo(39.91012, 4);
    expect(gcj.lng).toBeCloseTo(116.40372, 4);
    expect(wgs84ToGcj02(48.85, 2.35)).toEqual({ lat: 48.85, lng: 2.35 }); // outside China: unchanged
  });
  it('links to AMap’s marker page with lng,lat and the name', async () => {
    const { mapMarkerUrl } = await import('./coordinates.ts');
    expect(mapMarkerUrl({ lat: 35.7324, lng: 116.4971 }, '爱心托育')).toBe(
      'https://uri.amap.com/marker?position=116.4971,35.7324&name=%E7%88%B1%E5%BF%83%E6%89%98%E8%82%B2&coordinate=gaode&callnative=1');
  });
});
