/**
 * 变更备案 (change filing): the operator proposes new values of the filed fields, stored in
 * `filings.changes` as only the fields that differ from the registry (SQL: private.check_filing_changes
 * checks the shape, private.apply_filing_changes writes it on approval, filing_change_diff shows
 * before/after). The shape, per CHANGE_FIELDS in ../institutions.ts:
 *   name / type / ownership / operating_model / street_code: the new value;
 *   services: the new list; fee_items: the new list [{name, amount, unit, note?}];
 *   site: {address, lat, lng} (all three); classes: the full new class list, kept classes with their
 *   id [{id?, name, class_type, min_age_months, max_age_months, capacity}] (classes left out are removed).
 * 普惠 (affordable) is designated by the county, never proposed; 膳食服务 is not offered here.
 */
import { classRuleViolations, type ClassType, type ClassTypeRule, HOME_BASED_LIMITS } from '../classes.ts';
import { type FeeItem, SERVICES } from '../institutions.ts';

/** The fields the operator's 变更事项 step proposes (a subset of CHANGE_FIELDS). */
export const PROPOSABLE_CHANGE_FIELDS = ['name', 'type', 'ownership', 'operating_model', 'street_code', 'services', 'fee_items', 'site', 'classes'] as const;
export type ProposableChangeField = (typeof PROPOSABLE_CHANGE_FIELDS)[number];

export type ChangeSite = { address: string; lat: number; lng: number };
export type ChangeClass = {
  /** A class kept from the registry; absent for a new class. */
  id?: string;
  name: string;
  class_type: ClassType;
  min_age_months: number;
  max_age_months: number;
  capacity: number;
};

/** The filed values a change filing may propose (current registry, or the registry with a proposal). */
export type RegisteredValues = {
  name: string;
  type: string;
  ownership: string;
  operating_model: string;
  street_code: string;
  services: string[];
  fee_items: FeeItem[];
  site: ChangeSite | null;
  classes: ChangeClass[];
};

/** `filings.changes` as the operator proposes it: only the fields that change. */
export type FilingChanges = Partial<Omit<RegisteredValues, 'site'> & { site: ChangeSite }>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

function normalFee(f: FeeItem): FeeItem {
  const note = typeof f.note === 'string' ? f.note.trim() : '';
  return { name: f.name.trim(), amount: Number(f.amount), unit: f.unit.trim(), ...(note ? { note } : {}) };
}

function normalClass(c: ChangeClass): ChangeClass {
  return {
    ...(c.id ? { id: c.id } : {}),
    name: c.name.trim(),
    class_type: c.class_type,
    min_age_months: Number(c.min_age_months),
    max_age_months: Number(c.max_age_months),
    capacity: Number(c.capacity),
  };
}

function normalSite(s: ChangeSite): ChangeSite {
  return { address: s.address.trim(), lat: round6(Number(s.lat)), lng: round6(Number(s.lng)) };
}

/** Services in the canonical order (a set: the order the boxes were ticked in does not matter). */
function normalServices(list: string[]): string[] {
  const set = new Set(list);
  return [...SERVICES.filter((s) => set.has(s)), ...[...set].filter((s) => !(SERVICES as readonly string[]).includes(s)).sort()];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The proposal: each field of `proposed` that differs from `current` (text trimmed, services as a
 * set, coordinates to 6 decimals), in the shape check_filing_changes expects. `{}` = nothing changes.
 */
export function filingChanges(current: RegisteredValues, proposed: RegisteredValues): FilingChanges {
  const out: FilingChanges = {};
  for (const key of ['name', 'type', 'ownership', 'operating_model', 'street_code'] as const) {
    const next = proposed[key].trim();
    if (next !== current[key].trim()) out[key] = next;
  }
  const services = normalServices(proposed.services);
  if (!same(services, normalServices(current.services))) out.services = services;
  const fees = proposed.fee_items.map(normalFee);
  if (!same(fees, current.fee_items.map(normalFee))) out.fee_items = fees;
  if (proposed.site) {
    const site = normalSite(proposed.site);
    if (!current.site || !same(site, normalSite(current.site))) out.site = site;
  }
  const classes = proposed.classes.map(normalClass);
  if (!same(classes, current.classes.map(normalClass))) out.classes = classes;
  return out;
}

/**
 * The registry as it would read with a stored proposal applied (to start the 变更事项 step from a
 * saved draft or a returned filing). Unknown or ill-shaped entries are ignored.
 */
export function withChanges(current: RegisteredValues, changes: unknown): RegisteredValues {
  if (!isObject(changes)) return current;
  const next: RegisteredValues = { ...current };
  for (const key of ['name', 'type', 'ownership', 'operating_model', 'street_code'] as const) {
    if (typeof changes[key] === 'string') next[key] = changes[key];
  }
  if (Array.isArray(changes.services)) next.services = changes.services.filter((s): s is string => typeof s === 'string');
  if (Array.isArray(changes.fee_items)) next.fee_items = changes.fee_items.filter(isObject) as FeeItem[];
  if (isObject(changes.site)) next.site = changes.site as ChangeSite;
  if (Array.isArray(changes.classes)) next.classes = changes.classes.filter(isObject) as ChangeClass[];
  return next;
}

/** Total capacity (托位数) of a class list. */
export function totalCapacity(classes: Pick<ChangeClass, 'capacity'>[]): number {
  return classes.reduce((sum, c) => sum + (Number(c.capacity) || 0), 0);
}

/**
 * Problems of a proposed class list, per class (same order), in Chinese: the class-size and age
 * rules in force (national or the region's override), the family-childcare point's total of 5, and
 * a kept class's capacity not below the children it already has (`enrolled`/`carers` of the
 * registered class, looked up by id). The database checks the same rules on submit and again on approval
 * (private.check_proposed_classes, private.class_fits_problem).
 */
export function proposedClassProblems(
  classes: ChangeClass[],
  options: {
    institutionType: string;
    rules?: Partial<Record<ClassType, ClassTypeRule>>;
    registered?: { id: string; enrolled: number; carers: number }[];
  },
): string[][] {
  const homeBased = options.institutionType === 'home_based';
  const total = totalCapacity(classes);
  return classes.map((c) => {
    const kept = c.id ? options.registered?.find((r) => r.id === c.id) : undefined;
    const enrolled = kept?.enrolled ?? 0;
    const carers = kept?.carers ?? 0;
    const rule = options.rules?.[c.class_type];
    const problems = classRuleViolations(
      { class_type: c.class_type, min_age_months: Number(c.min_age_months), max_age_months: Number(c.max_age_months), capacity: Number(c.capacity), enrolled, carers },
      { institutionType: homeBased ? 'home_based' : 'center', otherHomeCapacity: total - Number(c.capacity), ...(rule ? { rule } : {}) },
    ).filter((p) => !(homeBased && p.startsWith(`家庭托育点收托总人数`)));
    if (homeBased && total > HOME_BASED_LIMITS.maxChildren) problems.unshift(`家庭托育点收托总人数不超过${HOME_BASED_LIMITS.maxChildren}人（现为${total}人）`);
    if (Number(c.min_age_months) > Number(c.max_age_months)) problems.push('最小月龄不能大于最大月龄');
    if (Number(c.capacity) < enrolled) problems.push(`托位数不能少于现有在托人数（${enrolled}人）`);
    return problems;
  });
}
