/**
 * GCJ-02 coordinates of institution sites: the ranges of institution_sites' check constraints
 * (China's bounding box), field checks and pasted-coordinate parsing. No zod here, so the apps'
 * first screens can use it without loading the schemas.
 */

/** The ranges of institution_sites' check constraints (China's bounding box). */
export const LAT_RANGE = { min: 3.5, max: 53.6 } as const;
export const LNG_RANGE = { min: 73.4, max: 135.1 } as const;
export const LAT_RANGE_MESSAGE = `纬度应在 ${LAT_RANGE.min}～${LAT_RANGE.max} 之间`;
export const LNG_RANGE_MESSAGE = `经度应在 ${LNG_RANGE.min}～${LNG_RANGE.max} 之间`;

function coordinateError(value: unknown, name: '纬度' | '经度', range: { min: number; max: number }, message: string): string | null {
  if (value === null || value === undefined || value === '') return `请填写${name}`;
  const n = Number(value);
  if (!Number.isFinite(n)) return `${name}应为数字`;
  return n < range.min || n > range.max ? `${message}（GCJ-02 坐标，中国境内）` : null;
}

/** A form field's latitude: null when fine, else the Chinese reason. */
export function latitudeError(value: unknown): string | null {
  return coordinateError(value, '纬度', LAT_RANGE, LAT_RANGE_MESSAGE);
}

export function longitudeError(value: unknown): string | null {
  return coordinateError(value, '经度', LNG_RANGE, LNG_RANGE_MESSAGE);
}

const inLat = (n: number) => n >= LAT_RANGE.min && n <= LAT_RANGE.max;
const inLng = (n: number) => n >= LNG_RANGE.min && n <= LNG_RANGE.max;

/**
 * Coordinates pasted from a map's coordinate picker: "116.4971,35.7324" (AMap: lng,lat),
 * "35.7324,116.4971" (Tencent: lat,lng), with comma, Chinese comma, space or semicolon. The order is
 * told apart by the ranges (in China a longitude is always > 53.6). Rounded to 6 decimals.
 */
export function parsePastedCoordinates(text: string): { lat: number; lng: number } | { error: string } {
  const numbers = (text.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
  if (numbers.length !== 2) return { error: '未识别到坐标：请粘贴“经度,纬度”或“纬度,经度”两个数字，例如 116.497100,35.732400' };
  const [a, b] = numbers as [number, number];
  const round = (n: number) => Math.round(n * 1e6) / 1e6;
  if (inLng(a) && inLat(b)) return { lat: round(b), lng: round(a) };
  if (inLat(a) && inLng(b)) return { lat: round(a), lng: round(b) };
  return { error: `坐标不在中国境内：${LAT_RANGE_MESSAGE}、${LNG_RANGE_MESSAGE}（GCJ-02）` };
}

/**
 * A browser's position (WGS-84, navigator.geolocation) → GCJ-02, the datum of WeChat's location
 * APIs, of the institutions' coordinates and of Chinese maps (the published conversion; ~1 m).
 * Outside China's bounding box the position is returned unchanged.
 */
export function wgs84ToGcj02(lat: number, lng: number): { lat: number; lng: number } {
  if (!inLat(lat) || !inLng(lng)) return { lat, lng };
  const a = 6378245.0;
  const ee = 0.006693421622965943;
  const x = lng - 105.0;
  const y = lat - 35.0;
  let dLat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  dLat += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  dLat += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  dLat += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  let dLng = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  dLng += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  dLng += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  dLng += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  const radLat = (lat / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - ee * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((a * (1 - ee)) / (magic * sqrtMagic)) * Math.PI);
  dLng = (dLng * 180.0) / ((a / sqrtMagic) * Math.cos(radLat) * Math.PI);
  const round = (n: number) => Math.round(n * 1e6) / 1e6;
  return { lat: round(lat + dLat), lng: round(lng + dLng) };
}

/**
 * A map link that works in any phone browser without loading a script: AMap's marker page
 * (GCJ-02; opens the AMap app when installed, else its web map with navigation).
 */
export function mapMarkerUrl(point: { lat: number; lng: number }, name: string): string {
  return `https://uri.amap.com/marker?position=${point.lng},${point.lat}&name=${encodeURIComponent(name)}&coordinate=gaode&callnative=1`;
}
