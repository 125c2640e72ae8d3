/** CSV output (Accept: text/csv) from the JSON array the statement produced. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function jsonArrayToCsv(json: string): string {
  const rows = JSON.parse(json) as unknown;
  const list = Array.isArray(rows) ? rows : [rows];
  const objects = list.filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null);
  if (objects.length === 0) return '';
  const header = Object.keys(objects[0]!);
  const lines = [header.map(cell).join(',')];
  for (const row of objects) lines.push(header.map((k) => cell(row[k])).join(','));
  return lines.join('\n');
}
