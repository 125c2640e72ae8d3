import { isStaffRole, REGION_LEVELS, type RegionLevel, regionLevelOf, STAFF_ROLES, type StaffRole } from '@tuoyu/domain';
/**
 * What the signed-in person may do, from the `get_my_permissions()` RPC. The UI uses it to show
 * only the menus and buttons that RLS would allow anyway; it never replaces RLS.
 *
 * Shape (supabase/migrations/*_create_institutions.sql): `{ user_id, roles, scopes: [{ role,
 * region_code, region_name, level }], institutions: [{ id, name, member_role, … }], permissions:
 * ['institution.view_region', …] }`. Read tolerantly: anything missing means "no extra permissions".
 */

export type StaffScope = {
  role: StaffRole;
  regionCode: string;
  regionName: string | null;
  regionLevel: RegionLevel;
};

export type Membership = {
  institutionId: string;
  institutionName: string | null;
  role: string | null;
};

export type Permissions = {
  userId: string | null;
  displayName: string | null;
  scopes: StaffScope[];
  memberships: Membership[];
  /** Permission names from the RPC, e.g. `institution.view_region`, `filing.review`. */
  permissions: string[];
  /** Set when the permissions could not be read (network, service): say so, not "no region". */
  loadError?: string;
};

export const NO_PERMISSIONS: Permissions = { userId: null, displayName: null, scopes: [], memberships: [], permissions: [] };

type Dict = Record<string, unknown>;

const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);
const pick = (d: Dict, ...keys: string[]): unknown => keys.map((k) => d[k]).find((v) => v !== undefined && v !== null);
function normalizeScope(raw: unknown): StaffScope | null {
  if (!isDict(raw)) return null;
  const role = str(pick(raw, 'role', 'staff_role'));
  const regionCode = str(pick(raw, 'region_code', 'regionCode', 'code'));
  if (!role || !regionCode || !isStaffRole(role)) return null;
  const level = str(pick(raw, 'region_level', 'regionLevel', 'level'));
  return {
    role,
    regionCode,
    regionName: str(pick(raw, 'region_name', 'regionName', 'name')),
    regionLevel: level && (REGION_LEVELS as readonly string[]).includes(level) ? (level as RegionLevel) : regionLevelOf(regionCode),
  };
}

function normalizeMembership(raw: unknown): Membership | null {
  if (!isDict(raw)) return null;
  const institutionId = str(pick(raw, 'institution_id', 'institutionId', 'id'));
  if (!institutionId) return null;
  return {
    institutionId,
    institutionName: str(pick(raw, 'institution_name', 'institutionName', 'name')),
    role: str(pick(raw, 'member_role', 'role')),
  };
}

/** Reads whatever `get_my_permissions()` returned (object, single-row array, or null). */
export function normalizePermissions(raw: unknown): Permissions {
  const body = Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
  if (!isDict(body)) return NO_PERMISSIONS;
  const profile = isDict(body.profile) ? body.profile : {};
  const scopes = pick(body, 'scopes', 'staff_scopes', 'staffScopes');
  const memberships = pick(body, 'memberships', 'institution_memberships', 'institutions');
  return {
    userId: str(pick(body, 'user_id', 'userId')) ?? str(pick(profile, 'id', 'user_id')),
    displayName:
      str(pick(body, 'display_name', 'displayName', 'full_name', 'name')) ??
      str(pick(profile, 'display_name', 'full_name', 'name')),
    scopes: Array.isArray(scopes) ? scopes.map(normalizeScope).filter((s): s is StaffScope => s !== null) : [],
    memberships: Array.isArray(memberships)
      ? memberships.map(normalizeMembership).filter((m): m is Membership => m !== null)
      : [],
    permissions: (() => {
      const list = pick(body, 'permissions', 'grants');
      return Array.isArray(list) ? list.map(str).filter((x): x is string => x !== null) : [];
    })(),
  };
}

/** The person's most senior staff role, or 'operator' / 'family'. */
export function primaryRole(p: Permissions): StaffRole | 'operator' | 'family' {
  for (const role of STAFF_ROLES) if (p.scopes.some((s) => s.role === role)) return role;
  return p.memberships.length > 0 ? 'operator' : 'family';
}

/** Scopes a region selector offers: city and province admins choose within their area. */
export function selectableScopes(p: Permissions): StaffScope[] {
  return p.scopes.filter((s) => s.role === 'province_admin' || s.role === 'city_admin');
}

const READ_ACTIONS = new Set(['list', 'show']);

/** Refine resource + action → the RPC's permission names that allow it (any of them). */
const RESOURCE_PERMISSIONS: Record<string, Partial<Record<string, string[]>>> = {
  institutions: {
    list: ['institution.view_region', 'institution.edit'],
    show: ['institution.view_region', 'institution.edit'],
    edit: ['institution.edit'],
    // the county enters institutions of its county (operators self-register on 本机构信息)
    create: ['institution.create_in_county'],
  },
  // County review screens (city/province admins read them; only county admins decide).
  'filing-reviews': { list: ['filing.review', 'filing.view_region'], show: ['filing.review', 'filing.view_region'] },
  registry: { list: ['institution.view_region'], show: ['institution.view_region'] },
  overview: { list: ['stats.overview'] },
  statistics: { list: ['stats.overview'] },
  'gap-plan': { list: ['stats.gap_plan'] },
  // 宣传月活动 (issue 14): community workers post; county admins review; city/province admins read.
  events: { list: ['event.manage', 'filing.review', 'stats.overview'], show: ['event.manage', 'filing.review', 'stats.overview'] },
  'campaign-report': { list: ['event.manage', 'stats.overview'] },
  // 投诉处理 (issue 13): county admins handle; city/province admins read their area.
  // inspectors: the complaints assigned to them; institutions: complaints about them (may answer).
  complaints: {
    list: ['filing.review', 'filing.view_region', 'complaint.handle_assigned', 'complaint.answer'],
    show: ['filing.review', 'filing.view_region', 'complaint.handle_assigned', 'complaint.answer'],
  },
  // 监督检查 (issue 13 §4): county admins plan and re-check; inspectors record their assignments;
  // institutions report their rectifications; city/province admins read their area.
  'inspection-plans': {
    list: ['inspection.plan', 'inspection.view_region'],
    show: ['inspection.plan', 'inspection.view_region'],
    create: ['inspection.plan'],
  },
  inspections: { list: ['inspection.record', 'inspection.view_region'], show: ['inspection.record', 'inspection.view_region'] },
  rectifications: { list: ['rectification.recheck', 'rectification.report', 'inspection.view_region'] },
  // 检查清单 (per region): admins edit their regions' items, inspectors read (RLS decides the writes)
  'inspection-checklist': { list: ['checklist.manage', 'checklist.view'] },
  // 托育政策: admins author the policies of their level (RLS: own-level region only).
  policies: { list: ['stats.overview'] },
  // 宣传与育儿内容 (issue 14): admins author campaigns, articles, centres, experts of their regions;
  // 专家咨询: admins for the experts of their regions (RLS also lets an expert's own account manage
  // its slots; the menu for expert accounts needs a role the permission rows can name — not yet).
  content: { list: ['content.manage'] },
  // admins of the expert's region, or the expert with an account (their own slots)
  consultations: { list: ['content.manage', 'consultation.manage'] },
  // Operator screens: members of an institution (operator-only permission names).
  // 入托管理 (issue 12): members of an institution handle its requests and roster.
  enrollment: { list: ['class.manage', 'staff.manage'] },
  // 评价管理: operators reply to their institutions' reviews; county admins and above moderate.
  reviews: { list: ['review.reply', 'review.moderate'] },
  'enrollment-stats': { list: ['enrollment.stats'] },
  'my-institution': { list: ['class.manage', 'staff.manage'], show: ['class.manage', 'staff.manage'] },
  // Accounts (issue 13 §1)
  invitations: { list: ['invitation.manage', 'member.view'] },
  members: { list: ['member.view'] },
  'staff-scopes': { list: ['scope.manage'] },
  'audit-log': { list: ['audit.view'] },
  // issue 15 §5–§6: 托育补贴 (operators apply, county admins review, city/province admins see totals); 从业人员登记
  subsidies: { list: ['subsidy.apply', 'subsidy.review', 'subsidy.view_region'] },
  'staff-registry': { list: ['staff.view_region'] },
  // issue 15: 人口与目标 (the region itself and the levels above; RLS decides), 通报 (city/province)
  'region-targets': { list: ['region.target.edit', 'region.population.edit'] },
  bulletins: { list: ['stats.bulletin'] },
  // issue 15 §5: 补贴标准 (…015100_edit_subsidy_rules.sql)
  'subsidy-rules': { list: ['subsidy.rule.edit'] },
  filings: {
    list: ['filing.create', 'filing.submit'],
    show: ['filing.create', 'filing.submit'],
    create: ['filing.create'],
    edit: ['filing.create', 'filing.submit'],
  },
};

/**
 * Mirrors RLS for menus and buttons: regions are readable by every signed-in person; other
 * resources need one of the permission names `get_my_permissions()` lists. Without the RPC's list
 * (older schema), staff and operators may read institutions.
 */
export function can(p: Permissions, resource: string | undefined, action: string): boolean {
  if (!resource) return true;
  if (resource === 'regions') return READ_ACTIONS.has(action);
  // 工作台 (issue 16): every staff member and operator has one
  if (resource === 'workbench') return action === 'list' && (p.scopes.length > 0 || p.memberships.length > 0);
  const needed = RESOURCE_PERMISSIONS[resource]?.[action];
  if (!needed) return false;
  if (p.permissions.length > 0) return needed.some((name) => p.permissions.includes(name));
  return READ_ACTIONS.has(action) && (p.scopes.length > 0 || p.memberships.length > 0);
}

export function hasPermission(p: Permissions, name: string): boolean {
  return p.permissions.includes(name);
}

/** A refine `or` filter condition on a column. */
export type JurisdictionCondition = { field: string; operator: 'eq' | 'in'; value: string | string[] };

/**
 * The person's jurisdiction over region-scoped rows (tables with `<level>_code` columns and an
 * `id`): their staff regions plus their own institutions. Registry lists show this, not the public
 * surface (filed institutions elsewhere are readable by everybody but are not theirs to manage).
 * Null when the person has none.
 */
export function jurisdictionConditions(p: Permissions, institutionIdColumn = 'id'): JurisdictionCondition[] | null {
  const conditions: JurisdictionCondition[] = p.scopes.map((s) => ({
    field: `${s.regionLevel}_code`,
    operator: 'eq',
    value: s.regionCode,
  }));
  if (p.memberships.length > 0) {
    conditions.push({ field: institutionIdColumn, operator: 'in', value: p.memberships.map((m) => m.institutionId) });
  }
  const unique = new Map(conditions.map((c) => [JSON.stringify(c), c]));
  return unique.size > 0 ? [...unique.values()] : null;
}
