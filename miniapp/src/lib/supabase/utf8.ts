/** UTF-8 without TextEncoder/TextDecoder (absent in the WeChat app service). */

export function utf8Decode(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b0 = bytes[i++]!;
    let codePoint: number;
    if (b0 < 0x80) codePoint = b0;
    else if (b0 >= 0xc0 && b0 < 0xe0) codePoint = ((b0 & 0x1f) << 6) | (bytes[i++]! & 0x3f);
    else if (b0 >= 0xe0 && b0 < 0xf0) codePoint = ((b0 & 0x0f) << 12) | ((bytes[i++]! & 0x3f) << 6) | (bytes[i++]! & 0x3f);
    else if (b0 >= 0xf0) {
      codePoint =
        ((b0 & 0x07) << 18) | ((bytes[i++]! & 0x3f) << 12) | ((bytes[i++]! & 0x3f) << 6) | (bytes[i++]! & 0x3f);
    } else codePoint = 0xfffd; // stray continuation byte
    out += String.fromCodePoint(codePoint);
  }
  return out;
}

export function utf8Encode(text: string): ArrayBuffer {
  const bytes: number[] = [];
  for (const char of text) {
    const c = char.codePointAt(0)!;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return new Uint8Array(bytes).buffer;
}
