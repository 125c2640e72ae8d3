import { describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import { buildXlsx, columnWidths, displayWidth, exportFileName, safeSheetName, toSheetRows } from './xlsx.ts';

describe('XLSX export helpers', () => {
  it('puts the Chinese headers first and blanks missing values', () => {
    const rows = toSheetRows<{ name: string; no: string | null; slots: number }>(
      [
        { header: '机构名称', value: (r) => r.name },
        { header: '备案号', value: (r) => r.no },
        { header: '托位数', value: (r) => r.slots },
      ],
      [{ name: '汶上县爱心托育中心', no: null, slots: 45 }],
    );
    expect(rows).toEqual([
      ['机构名称', '备案号', '托位数'],
      ['汶上县爱心托育中心', '', 45],
    ]);
  });

  it('names the file with the date and without characters Windows refuses', () => {
    expect(exportFileName('备案/审核:队列', new Date(2026, 10, 3))).toBe('备案_审核_队列-20261103.xlsx');
  });

  it('sizes columns by their content, CJK counting double', () => {
    expect(displayWidth('汶上县')).toBe(6);
    expect(displayWidth('37083020240001')).toBe(14);
    expect(columnWidths([['备案号', '机构名称'], ['37083020240001', '汶上县爱心托育中心']])).toEqual([16, 20]);
    expect(columnWidths([['a'], ['x'.repeat(200)]])).toEqual([60]);
    expect(columnWidths([['a', 'b']], [undefined, 30])).toEqual([8, 30]);
  });

  it('writes a workbook with the Chinese sheet name, widths, a filter and a frozen header row', async () => {
    const bytes = await buildXlsx<{ name: string; slots: number }>({
      sheetName: '备案登记册',
      columns: [{ header: '机构名称', value: (r) => r.name }, { header: '托位数', value: (r) => r.slots }],
      rows: [{ name: '汶上县爱心托育中心', slots: 45 }],
    });
    const book = XLSX.read(bytes, { type: 'array' });
    expect(book.SheetNames).toEqual(['备案登记册']);
    const sheet = book.Sheets['备案登记册']!;
    expect(XLSX.utils.sheet_to_json(sheet, { header: 1 })).toEqual([['机构名称', '托位数'], ['汶上县爱心托育中心', 45]]);
    const zip = XLSX.CFB.read(bytes, { type: 'array' });
    const xml = new TextDecoder().decode(XLSX.CFB.find(zip, '/xl/worksheets/sheet1.xml')!.content as Uint8Array);
    expect(xml).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    expect(xml).toMatch(/<col [^>]*width="20/);
    expect(xml).toContain('<autoFilter ref="A1:B2"');
    expect(safeSheetName('统计[2026]/汶上')).toBe('统计 2026 汶上');
  });
});

describe('finance-office XLSX', () => {
  it('has the Chinese sheet name, widths, totals and a frozen header row', async () => {
    const { buildFinanceXlsx } = await import('./xlsx.ts');
    const XLSX = await import('@e965/xlsx');
    const bytes = await buildFinanceXlsx<{ name: string; amount: number }>({
      sheetName: '运营补贴汇总',
      columns: [{ header: '机构名称', value: (r) => r.name, width: 30 }, { header: '金额（元）', value: (r) => r.amount }],
      rows: [{ name: '汶上县爱心托育中心', amount: 15500 }],
      trailingRows: [['合计', 15500]],
    });
    const book = XLSX.read(bytes, { type: 'array' });
    expect(book.SheetNames).toEqual(['运营补贴汇总']);
    expect(XLSX.utils.sheet_to_json(book.Sheets['运营补贴汇总']!, { header: 1 })).toEqual([['机构名称', '金额（元）'], ['汶上县爱心托育中心', 15500], ['合计', 15500]]);
    const zip = XLSX.CFB.read(bytes, { type: 'array' });
    const xml = new TextDecoder().decode(XLSX.CFB.find(zip, '/xl/worksheets/sheet1.xml').content);
    expect(xml).toMatch(/<col [^>]*width="30/);
    expect(xml).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
  });
});
