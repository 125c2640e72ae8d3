/**
 * Bodies for demo objects: the seed inserts `storage.objects` rows (metadata only, SQL cannot write
 * files), marked with `user_metadata.demo_body = true`. At start-up the stack writes a small real
 * file for each such row that has none on disk — a one-page PDF or a PNG, by the row's MIME type —
 * so every demo material opens. Rows without the mark are never touched: a missing upload stays
 * missing (and the admin says so in Chinese).
 */
import { deflateSync } from 'node:zlib';
import type { Database } from '../db/types.ts';
import { FileStore } from './files.ts';

/** A minimal valid one-page PDF showing `lines` (ASCII; the standard Helvetica font). */
export function demoPdf(lines: string[]): Uint8Array {
  const esc = (s: string) => s.replace(/[^\x20-\x7e]/g, '?').replace(/([\\()])/g, '\\$1');
  const text = lines.map((l, i) => `BT /F1 ${i === 0 ? 20 : 12} Tf 56 ${760 - i * 28} Td (${esc(l)}) Tj ET`).join('\n');
  const content = `0.90 0.95 1 rg 40 600 515 200 re f 0 0 0 rg\n${text}`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(pdf, 'latin1'));
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

/** A small PNG: a light card with a darker band (so a preview visibly shows an image). */
export function demoPng(width = 240, height = 160): Uint8Array {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const band = y > height * 0.15 && y < height * 0.3 && x > width * 0.1 && x < width * 0.9;
      const frame = x < 4 || y < 4 || x >= width - 4 || y >= height - 4;
      const [r, g, b] = frame || band ? [22, 119, 255] : [230, 242, 255];
      row[1 + x * 3] = r;
      row[2 + x * 3] = g;
      row[3 + x * 3] = b;
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(Buffer.concat(rows))),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

/** Writes the missing bodies of marked demo objects; returns how many were written. */
export async function writeDemoBodies(db: Database, storageDir: string): Promise<number> {
  const store = new FileStore(storageDir);
  const { rows } = await db.query<{ id: string; bucket_id: string; name: string; mimetype: string | null }>(
    `select id, bucket_id, name, metadata ->> 'mimetype' as mimetype from storage.objects
      where user_metadata ->> 'demo_body' = 'true'`,
  );
  let written = 0;
  for (const row of rows) {
    if (await store.read(row.bucket_id, row.name)) continue;
    const image = (row.mimetype ?? '').startsWith('image/') || /\.png$/i.test(row.name);
    const file = row.name.split('/').pop() ?? row.name;
    const bytes = image ? demoPng() : demoPdf(['Tuoyu demo material', file, 'This file was generated for the demo data.']);
    const staged = await store.stage(bytes);
    await store.commit(staged.tmp, row.bucket_id, row.name);
    await db.query(
      `update storage.objects set metadata = coalesce(metadata, '{}'::jsonb) || jsonb_build_object('size', $2::integer, 'eTag', $3::text, 'mimetype', $4::text) where id = $1`,
      [row.id, staged.size, staged.eTag, image ? 'image/png' : 'application/pdf'],
    );
    written += 1;
  }
  return written;
}
