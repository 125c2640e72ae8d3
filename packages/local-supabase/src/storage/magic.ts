/**
 * File signatures ("magic bytes") of the types uploads are most often restricted to. A declared type
 * listed here must match the bytes; other types are not checked (their content is served with
 * `X-Content-Type-Options: nosniff`, so browsers do not guess).
 */
const SIGNATURES: Record<string, (b: Uint8Array) => boolean> = {
  'application/pdf': (b) => startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d]), // %PDF-
  'image/png': (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/jpeg': (b) => startsWith(b, [0xff, 0xd8, 0xff]),
  'image/jpg': (b) => startsWith(b, [0xff, 0xd8, 0xff]),
  'image/gif': (b) => startsWith(b, [0x47, 0x49, 0x46, 0x38]), // GIF8
  'image/webp': (b) => startsWith(b, [0x52, 0x49, 0x46, 0x46]) && startsWith(b.subarray(8), [0x57, 0x45, 0x42, 0x50]), // RIFF….WEBP
};

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((v, i) => bytes[i] === v);
}

/** False when `mimetype` is a checked type and `bytes` do not start with its signature. */
export function contentMatchesType(mimetype: string, bytes: Uint8Array): boolean {
  const check = SIGNATURES[mimetype.split(';')[0]!.trim().toLowerCase()];
  return !check || check(bytes);
}
