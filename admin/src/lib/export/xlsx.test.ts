import { describe, expect, it } from 'vitest';
import { exportFileName, toSheetRows } from './xlsx.ts';

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
});
