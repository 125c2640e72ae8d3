/**
 * XLSX export with Chinese headers (county bureaus live in Excel). The spreadsheet library
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

export async function downloadXlsx<Row>(options: {
  fileName: string;
  sheetName: string;
  columns: ExportColumn<Row>[];
  rows: Row[];
}): Promise<void> {
  const XLSX = await import('@e965/xlsx');
  const sheet = XLSX.utils.aoa_to_sheet(toSheetRows(options.columns, options.rows));
  sheet['!cols'] = options.columns.map((c) => ({ wch: c.width ?? Math.max(10, c.header.length * 2 + 2) }));
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, options.sheetName.slice(0, 31));
  XLSX.writeFile(book, options.fileName, { compression: true });
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
