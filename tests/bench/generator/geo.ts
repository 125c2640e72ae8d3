/**
 * Approximate GCJ-02 coordinates of each provincial capital and how far (degrees) a province's
 * cities spread around it. City centres without known coordinates are placed deterministically
 * inside that spread, counties around their city, streets around their county, institutions
 * around their street: dense clusters, like real cities.
 */
export interface ProvinceGeo {
  name: string;
  lat: number;
  lng: number;
  /** Spread of city centres around the capital, in degrees. */
  spread: number;
}

export const PROVINCES: Record<string, ProvinceGeo> = {
  '11': { name: '北京市', lat: 39.9042, lng: 116.4074, spread: 0.35 },
  '12': { name: '天津市', lat: 39.1256, lng: 117.1902, spread: 0.35 },
  '13': { name: '河北省', lat: 38.0428, lng: 114.5149, spread: 2.2 },
  '14': { name: '山西省', lat: 37.8706, lng: 112.5489, spread: 1.8 },
  '15': { name: '内蒙古自治区', lat: 40.8426, lng: 111.7492, spread: 4.5 },
  '21': { name: '辽宁省', lat: 41.8057, lng: 123.4315, spread: 1.8 },
  '22': { name: '吉林省', lat: 43.8171, lng: 125.3235, spread: 1.8 },
  '23': { name: '黑龙江省', lat: 45.8038, lng: 126.5350, spread: 3.0 },
  '31': { name: '上海市', lat: 31.2304, lng: 121.4737, spread: 0.3 },
  '32': { name: '江苏省', lat: 32.0603, lng: 118.7969, spread: 1.6 },
  '33': { name: '浙江省', lat: 30.2741, lng: 120.1551, spread: 1.3 },
  '34': { name: '安徽省', lat: 31.8206, lng: 117.2272, spread: 1.6 },
  '35': { name: '福建省', lat: 26.0745, lng: 119.2965, spread: 1.5 },
  '36': { name: '江西省', lat: 28.6820, lng: 115.8579, spread: 1.7 },
  '37': { name: '山东省', lat: 36.6512, lng: 117.1201, spread: 1.8 },
  '41': { name: '河南省', lat: 34.7466, lng: 113.6254, spread: 1.8 },
  '42': { name: '湖北省', lat: 30.5928, lng: 114.3055, spread: 2.0 },
  '43': { name: '湖南省', lat: 28.2282, lng: 112.9388, spread: 1.8 },
  '44': { name: '广东省', lat: 23.1291, lng: 113.2644, spread: 1.8 },
  '45': { name: '广西壮族自治区', lat: 22.8170, lng: 108.3665, spread: 2.0 },
  '46': { name: '海南省', lat: 20.0440, lng: 110.1999, spread: 0.7 },
  '50': { name: '重庆市', lat: 29.5630, lng: 106.5516, spread: 1.2 },
  '51': { name: '四川省', lat: 30.5728, lng: 104.0668, spread: 2.5 },
  '52': { name: '贵州省', lat: 26.6470, lng: 106.6302, spread: 1.6 },
  '53': { name: '云南省', lat: 24.8801, lng: 102.8329, spread: 2.5 },
  '54': { name: '西藏自治区', lat: 29.6500, lng: 91.1720, spread: 4.0 },
  '61': { name: '陕西省', lat: 34.3416, lng: 108.9398, spread: 2.0 },
  '62': { name: '甘肃省', lat: 36.0611, lng: 103.8343, spread: 3.0 },
  '63': { name: '青海省', lat: 36.6171, lng: 101.7782, spread: 2.5 },
  '64': { name: '宁夏回族自治区', lat: 38.4872, lng: 106.2309, spread: 0.9 },
  '65': { name: '新疆维吾尔自治区', lat: 43.8256, lng: 87.6168, spread: 5.0 },
};

/** Known city centres (the demo cities), used instead of a drawn position. */
export const KNOWN_CITIES: Record<string, { lat: number; lng: number }> = {
  '3701': { lat: 36.6512, lng: 117.1201 }, // 济南
  '3708': { lat: 35.4154, lng: 116.5871 }, // 济宁
  '4101': { lat: 34.7466, lng: 113.6254 }, // 郑州
  '5001': { lat: 29.5630, lng: 106.5516 }, // 重庆 市辖区
};

/** Keep a point inside mainland China's GCJ-02 box (and the schema's check constraints). */
export function clampToChina(lat: number, lng: number): { lat: number; lng: number } {
  return { lat: Math.min(53.0, Math.max(18.3, lat)), lng: Math.min(134.5, Math.max(73.8, lng)) };
}

/** Metres → degrees of latitude / longitude at a latitude. */
export function metresToDegrees(metres: number, lat: number): { dLat: number; dLng: number } {
  const dLat = metres / 111_320;
  const dLng = metres / (111_320 * Math.cos((lat * Math.PI) / 180));
  return { dLat, dLng };
}
