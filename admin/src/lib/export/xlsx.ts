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
