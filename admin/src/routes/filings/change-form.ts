/**
 * The 变更事项 step's antd form values ↔ the registered values of @tuoyu/domain (pure, unit-tested):
 * the form edits a flat copy (site as address/lat/lng fields); `toProposed` turns what is on screen
 * into the values `filingChanges` compares with the registry.
 */
import type { ChangeClass, ClassType, FeeItem, RegisteredValues } from '@tuoyu/domain';

export type ChangeFormValues = {
  name?: string;
  type?: string;
  ownership?: string;
  operating_model?: string;
  street_code?: string;
  services?: string[];
  address?: string;
  lat?: number | null;
  lng?: number | null;
  fee_items?: (Partial<FeeItem> | undefined)[];
  classes?: (Partial<ChangeClass> | undefined)[];
};

export function toChangeFormValues(values: RegisteredValues): ChangeFormValues {
  return {
    name: values.name,
    type: values.type,
    ownership: values.ownership,
    operating_model: values.operating_model,
    street_code: values.street_code,
    services: [...values.services],
    address: values.site?.address ?? '',
    lat: values.site?.lat ?? null,
    lng: values.site?.lng ?? null,
    fee_items: values.fee_items.map((f) => ({ ...f, note: f.note ?? '' })),
    classes: values.classes.map((c) => ({ ...c })),
  };
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : Number(v ?? 0) || 0);

/**
 * What is on screen as registered values; a field left empty stays as registered (所在街道 is a
 * street of the same county: moving county is 注销 + 新办). Half-filled rows become empty strings and
 * zeros (validation reports them first).
 */
export function toProposed(values: ChangeFormValues, registered: RegisteredValues): RegisteredValues {
  const address = text(values.address);
  const hasSite = address.trim() !== '' || values.lat != null || values.lng != null;
  return {
    name: text(values.name ?? registered.name),
    type: text(values.type ?? registered.type),
    ownership: text(values.ownership ?? registered.ownership),
    operating_model: text(values.operating_model ?? registered.operating_model),
    street_code: text(values.street_code) || registered.street_code,
    services: values.services ?? registered.services,
    fee_items: (values.fee_items ?? []).map((f) => ({
      name: text(f?.name),
      amount: num(f?.amount),
      unit: text(f?.unit),
      ...(text(f?.note).trim() ? { note: text(f?.note) } : {}),
    })),
    site: hasSite ? { address, lat: num(values.lat), lng: num(values.lng) } : registered.site,
    classes: (values.classes ?? []).map((c) => ({
      ...(c?.id ? { id: c.id } : {}),
      name: text(c?.name),
      class_type: (c?.class_type ?? 'toddler') as ClassType,
      min_age_months: num(c?.min_age_months),
      max_age_months: num(c?.max_age_months),
      capacity: num(c?.capacity),
    })),
  };
}
