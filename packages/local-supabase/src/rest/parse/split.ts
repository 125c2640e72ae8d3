import { parseError } from '../errors.ts';

/**
 * Split `text` on `separator` at parenthesis depth 0, outside double-quoted values (a backslash
 * escapes the next character inside quotes; a quote inside a bare value, `d"e`, is literal). Unbalanced parentheses or quotes are parse errors.
 */
export function splitTopLevel(text: string, separator: string, what: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inQuotes = false;
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '\\' && i + 1 < text.length) {
        current += ch + text[i + 1]!;
        i++;
        continue;
      }
      if (ch === '"') inQuotes = false;
      current += ch;
      continue;
    }
    // A quote opens a quoted value only where a value starts (item start, after "." or "(").
    const prev = current.trimStart() === '' ? '' : text[i - 1];
    if (ch === '"' && (prev === '' || prev === '.' || prev === '(' || prev === ',')) {
      inQuotes = true;
    } else if (ch === '(') {
      depth++;
    } else if (ch === ')') {
      depth--;
      if (depth < 0) throw parseError(`"failed to parse ${what} (${text})"`, `unexpected ")"`);
    } else if (ch === separator && depth === 0) {
      parts.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  if (inQuotes) throw parseError(`"failed to parse ${what} (${text})"`, 'unterminated double quote');
  if (depth !== 0) throw parseError(`"failed to parse ${what} (${text})"`, 'unbalanced parentheses');
  parts.push(current);
  return parts;
}

/** `"a\"b"` → `a"b`; anything not wrapped in double quotes is returned as is. */
export function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return value;
}
