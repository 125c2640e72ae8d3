/**
 * XLSX export with Chinese headers (county bureaus live in Excel): the one helper every export of
 * the admin uses. Columns are as wide as their content (CJK characters count double), the header
 * row is frozen and filterable, the sheet has its Chinese name. The spreadsheet library
 * (@e965/xlsx, SheetJS republished) is loaded on click, so no page pays for it until someone
 * exports.
 */
export type ExportColumn<Row> = { header: string; value: (row: Row) => string | number | null | undefined; width?: number };

/** The sheet as an array of arrays: header row first (exported for tests). */
export function toSheetRows<Row>(columns: ExportColumn<Row>[], rows: Row[]): (string | number)[][] {
  return [
    columns.map((c) => c.header),
    ...rows.map((row) =>
      columns.map((c) => {
        const v = c.value(row);
        return v === null || v === undefined ? '' : v;
      }),
    ),
  ];
}

/** A file name safe on Windows, with the date: 备案审核队列-20261123.xlsx. */
export function exportFileName(base: string, now = new Date()): string {
  const stamp = `${now.getFullYear()}${String(now.getMonth() + 1).padStart(2, '0')}${String(now.getDate()).padStart(2, '0')}`;
  return `${base.replace(/[\\/:*?"<>|]+/g, '_')}-${stamp}.xlsx`;
}

/** Width of a value in Excel character units: CJK and full-width characters count double. */
export function displayWidth(value: string | number): number {
  let width = 0;
  for (const ch of String(value)) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return width;
}

/** Column widths from the header and the values (explicit `width` wins), within 8–60 characters. */
export function columnWidths(sheetRows: (string | number)[][], explicit: (number | undefined)[] = []): number[] {
  const count = sheetRows[0]?.length ?? 0;
  return Array.from({ length: count }, (_, i) => {
    if (explicit[i]) return explicit[i];
    const widest = sheetRows.slice(0, 2000).reduce((max, row) => Math.max(max, displayWidth(row[i] ?? '')), 0);
    return Math.min(60, Math.max(8, widest + 2));
  });
}

/** A sheet name Excel accepts: no []:*?/\, at most 31 characters. */
export function safeSheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]+/g, ' ').trim().slice(0, 31) || '数据';
}

const FROZEN_HEADER = '<sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView>';

/** The workbook's bytes: widths, frozen and filterable header row, Chinese sheet name. */
export async function buildXlsx<Row>(options: { sheetName: string; columns: ExportColumn<Row>[]; rows: Row[] }): Promise<Uint8Array> {
  const XLSX = await import('@e965/xlsx');
  const sheetRows = toSheetRows(options.columns, options.rows);
  const sheet = XLSX.utils.aoa_to_sheet(sheetRows);
  sheet['!cols'] = columnWidths(sheetRows, options.columns.map((c) => c.width)).map((wch) => ({ wch }));
  if (sheet['!ref']) sheet['!autofilter'] = { ref: sheet['!ref'] };
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, safeSheetName(options.sheetName));
  const written = XLSX.write(book, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer;
  // SheetJS CE writes no frozen panes: add the pane to the sheet's view in the package.
  const zip = XLSX.CFB.read(new Uint8Array(written), { type: 'array' });
  const entry = XLSX.CFB.find(zip, '/xl/worksheets/sheet1.xml');
  if (entry?.content) {
    const xml = new TextDecoder().decode(entry.content as Uint8Array).replace(/<sheetView workbookViewId="0"\s*\/>/, FROZEN_HEADER);
    entry.content = new TextEncoder().encode(xml);
    entry.size = (entry.content as Uint8Array).length;
  }
  return new Uint8Array(XLSX.CFB.write(zip, { fileType: 'zip', type: 'array', compression: true }) as ArrayLike<number>);
}

export async function downloadXlsx<Row>(options: {
  fileName: string;
  sheetName: string;
  columns: ExportColumn<Row>[];
  rows: Row[];
}): Promise<void> {
  const bytes = await buildXlsx(options);
  const blob = new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = options.fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The frozen-header pane SheetJS CE does not write: insert it into the first sheet's <sheetView>. */
export function freezeHeaderXml(sheetXml: string): string {
  const pane = '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>';
  if (sheetXml.includes('state="frozen"')) return sheetXml;
  return sheetXml.replace(/<sheetView([^>]*?)\/>/, `<sheetView$1>${pane}</sheetView>`);
}

/**
 * A workbook in a finance office's shape: Chinese sheet name, column widths, frozen header row and
 * trailing rows (totals). Returns the bytes (exported for tests); `downloadFinanceXlsx` saves them.
 */
export async function buildFinanceXlsx<Row>(options: {
  sheetName: string;
  columns: ExportColumn<Row>[];
  rows: Row[];
  trailingRows?: (string | number)[][];
}): Promise<Uint8Array> {
  const XLSX = await import('@e965/xlsx');
  const sheet = XLSX.utils.aoa_to_sheet([...toSheetRows(options.columns, options.rows), ...(options.trailingRows ?? [])]);
  sheet['!cols'] = options.columns.map((c) => ({ wch: c.width ?? Math.max(10, c.header.length * 2 + 2) }));
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, options.sheetName.slice(0, 31));
  const bytes = XLSX.write(book, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer;
  const zip = XLSX.CFB.read(new Uint8Array(bytes), { type: 'array' });
  const entry = XLSX.CFB.find(zip, '/xl/worksheets/sheet1.xml');
  entry.content = new TextEncoder().encode(freezeHeaderXml(new TextDecoder().decode(entry.content)));
  return new Uint8Array(XLSX.CFB.write(zip, { fileType: 'zip', type: 'array', compression: true }) as ArrayLike<number>);
}

export async function downloadFinanceXlsx<Row>(options: Parameters<typeof buildFinanceXlsx<Row>>[0] & { fileName: string }): Promise<void> {
  const bytes = await buildFinanceXlsx(options);
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = options.fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
