/** Helpers for the `*_LABELS` tables of this package (every enum value → its Chinese label). */

/** Label of a value of a labelled enum; unknown values are shown as they are (never hidden), empty as —. */
export function labelOf<T extends string>(labels: Record<T, string>, value: unknown): string {
  if (typeof value !== 'string' || value === '') return '—';
  return (labels as Record<string, string>)[value] ?? value;
}

/** `{ value, label }` choices for a select or filter, in the table's order. */
export function labelOptions<T extends string>(labels: Record<T, string>): { label: string; value: T }[] {
  return (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }));
}
