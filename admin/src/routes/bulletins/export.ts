/** The bulletin as a workbook in the same shape as the page: one row per sub-region, then the 未达标 list. */
import { downloadFinanceXlsx, exportFileName, type ExportColumn } from '../../lib/export/xlsx.ts';
import { metOf, valueOf } from '../statistics/queries.ts';
import { BULLETIN_INDICATORS, shortfallText, type Bulletin, type DayIndicators } from './queries.ts';

export function bulletinColumns(subLabel: string): ExportColumn<DayIndicators>[] {
  return [
    { header: subLabel, value: (r) => r.region_name, width: 24 },
    ...BULLETIN_INDICATORS.flatMap((i): ExportColumn<DayIndicators>[] => {
      const unit = i.key === 'new_slots' ? '个' : i.unit;
      const head = `${i.label}（${unit}）`;
      const cols: ExportColumn<DayIndicators>[] = [{ header: head, value: (r) => valueOf(r, i.key) }];
      if (i.target) cols.push({ header: `${i.label}目标`, value: (r) => valueOf(r, i.target) });
      if (i.target && i.met) cols.push({ header: `${i.label}是否达标`, value: (r) => { const m = metOf(r, i.met); return m === null ? '' : m ? '达标' : '未达标'; } });
      return cols;
    }),
  ];
}

/** The rows under the table: the 未达标 list and the as-of line. */
export function bulletinTrailingRows(title: string, data: Bulletin): (string | number)[][] {
  return [
    [],
    ['未达标情况'],
    ...(data.behind.length ? data.behind.map((b) => [b.row.region_name, b.shortfalls.map(shortfallText).join('；')]) : [['各地已设目标的指标均已达标']]),
    [],
    [title],
    ['数据截至', String(data.total.as_of), '现状指标计算日', String(data.total.current_as_of)],
  ];
}

export async function exportBulletin(title: string, subLabel: string, data: Bulletin): Promise<void> {
  await downloadFinanceXlsx({
    fileName: exportFileName(title),
    sheetName: '通报',
    columns: bulletinColumns(subLabel),
    rows: data.rows,
    trailingRows: bulletinTrailingRows(title, data),
  });
}
