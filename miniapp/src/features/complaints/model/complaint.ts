/** Pure helpers of the complaint pages (no Taro, unit-tested). */

/** Tracking numbers: TS + date (8) + 8 hex characters. */
export const TRACKING_NO = /^TS\d{8}[0-9A-F]{8}$/;
export const MOBILE = /^1[3-9]\d{9}$/;

export function normalizeTrackingNo(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** A v4 UUID for the submission's idempotency key (one per filled-in form, kept across retries). */
export function newIdempotencyKey(random: () => number = Math.random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/**
 * The content type of a chosen photo: the browser reports it (H5); WeChat gives only a temp path,
 * so its extension decides. Null for anything but JPG/PNG.
 */
export function photoMimeType(path: string, reported?: string): 'image/jpeg' | 'image/png' | null {
  const type = reported?.toLowerCase() || '';
  if (type === 'image/jpeg' || type === 'image/png') return type;
  if (type) return null;
  const ext = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(path)?.[1]?.toLowerCase();
  if (ext === 'jpg' || ext === 'jpeg') return 'image/jpeg';
  if (ext === 'png') return 'image/png';
  return null;
}
