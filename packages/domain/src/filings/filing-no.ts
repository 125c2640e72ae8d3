/**
 * Filing numbers (备案号) as the approval trigger assigns them: the first 6 digits of the county code,
 * the year of approval and a 4-digit sequence per county and year, e.g. 37083020240001.
 */

export const FILING_NO_PATTERN = /^(\d{6})(\d{4})(\d{4})$/;

export interface FilingNo {
  /** 6-digit administrative division code of the county (县区). */
  county6: string;
  /** The 12-digit statistical code of the county (county6 + '000000'). */
  countyCode: string;
  year: number;
  sequence: number;
}

/** Parse a filing number (surrounding spaces ignored); null when it is not one. */
export function parseFilingNo(input: string): FilingNo | null {
  const m = FILING_NO_PATTERN.exec(input.trim());
  if (!m) return null;
  const [, county6, yearText, seqText] = m as unknown as [string, string, string, string];
  const year = Number(yearText);
  const sequence = Number(seqText);
  // a county code ends in a non-zero county part (xxxx00 is a city or province); sequences start at 1
  if (county6.endsWith('00') || year < 2019 || year > 2099 || sequence < 1) return null;
  return { county6, countyCode: `${county6}000000`, year, sequence };
}

export function isFilingNo(input: string): boolean {
  return parseFilingNo(input) !== null;
}

/** Format the parts into a filing number; throws on parts that cannot form one. */
export function formatFilingNo(countyCode: string, year: number, sequence: number): string {
  const county6 = countyCode.slice(0, 6);
  if (!/^\d{6}$/.test(county6)) throw new Error(`县区代码无效：${countyCode}`);
  if (!Number.isInteger(year) || year < 2019 || year > 2099) throw new Error(`年份无效：${year}`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 9999) throw new Error(`序号无效：${sequence}`);
  const result = `${county6}${year}${String(sequence).padStart(4, '0')}`;
  if (!isFilingNo(result)) throw new Error(`备案号无效：${result}`);
  return result;
}

/** A Chinese message for a filing number typed by a person, or null when it is well formed. */
export function filingNoProblem(input: string): string | null {
  const text = input.trim();
  if (!text) return '请输入备案号';
  if (!/^\d+$/.test(text)) return '备案号只包含数字';
  if (text.length !== 14) return '备案号应为14位数字（县区代码6位 + 年份4位 + 序号4位）';
  return isFilingNo(text) ? null : '备案号格式不正确，请核对后重新输入';
}

/**
 * What a certificate's QR code carries: the admin's public verification page `/verify/<filing_no>`
 * (no sign-in; `baseUrl` = where the admin is served, e.g. `window.location.origin`).
 */
export function filingVerificationUrl(baseUrl: string, filingNo: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${filingVerificationPath(filingNo)}`;
}

/** The path of the public verification page for a filing number. */
export function filingVerificationPath(filingNo: string): string {
  return `/verify/${encodeURIComponent(filingNo)}`;
}

/** The filing number a verification URL carries, or null. */
export function filingNoFromVerificationUrl(url: string): string | null {
  const m = /\/verify\/([^/?#]+)/.exec(url);
  return m?.[1] ? decodeURIComponent(m[1]) : null;
}
