import {
  CLASS_TYPE_LABELS,
  INSTITUTION_TYPE_LABELS,
  labelOf,
  OPERATING_MODEL_LABELS,
  OWNERSHIP_LABELS,
  SERVICE_LABELS,
  totalCapacity,
} from '@tuoyu/domain';

type Dict = Record<string, unknown>;
const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * One value of a change filing in words (labels from @tuoyu/domain; unknown shapes as text); a
 * street by its name when `regionNames` has it (名称（代码）), else its code.
 */
export function changeValueText(field: string, value: unknown, regionNames: Record<string, string> = {}): string {
  if (value === null || value === undefined) return '—';
  switch (field) {
    case 'street_code': {
      const name = typeof value === 'string' ? regionNames[value] : undefined;
      return name ? `${name}（${String(value)}）` : String(value);
    }
    case 'type': return labelOf(INSTITUTION_TYPE_LABELS, value);
    case 'ownership': return labelOf(OWNERSHIP_LABELS, value);
    case 'operating_model': return labelOf(OPERATING_MODEL_LABELS, value);
    case 'affordable': return value ? '普惠' : '非普惠';
    case 'meals_served': return value ? '提供' : '不提供';
    case 'services': return Array.isArray(value) ? value.map((s) => labelOf(SERVICE_LABELS, s)).join('、') : String(value);
    case 'fee_items':
      return Array.isArray(value)
        ? value.filter(isDict).map((f) => `${String(f.name ?? '')} ${String(f.amount ?? '')}${String(f.unit ?? '')}`).join('；')
        : String(value);
    case 'site':
      return isDict(value) ? `${String(value.address ?? '')}（${String(value.lat ?? '')}, ${String(value.lng ?? '')}）` : String(value);
    case 'classes':
      return Array.isArray(value)
        ? value
            .filter(isDict)
            .map((c) => `${String(c.name ?? '')}（${labelOf(CLASS_TYPE_LABELS, c.class_type)}，${String(c.min_age_months ?? '')}～${String(c.max_age_months ?? '')}个月，${String(c.capacity ?? '')}个托位）`)
            .join('；') + `（合计${totalCapacity(value.filter(isDict).map((c) => ({ capacity: Number(c.capacity) })))}个托位）`
        : String(value);
    default:
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  }
}
