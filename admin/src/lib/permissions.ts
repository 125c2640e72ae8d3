/**
 * What the signed-in person may do, from the `get_my_permissions()` RPC. The UI uses it to show
 * only the menus and buttons that RLS would allow anyway; it never replaces RLS.
 *
 * The RPC's shape is read tolerantly (snake_case or camelCase, optional parts) so the admin keeps
 * working while the schema evolves; anything missing means "no extra permissions".
 */
import { STAFF_ROLES, type RegionLevel, type StaffRole } from './labels.ts';
import { levelOfCode } from './region-code.ts';

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
  /** Explicit grants from the RPC: resource → actions ("*" = all). Empty when the RPC has none. */
  grants: Record<string, string[]>;
};

export const NO_PERMISSIONS: Permissions = { userId: null, displayName: null, scopes: [], memberships: [], grants: {} };

type Dict = Record<string, unknown>;

const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);
const pick = (d: Dict, ...keys: string[]): unknown => keys.map((k) => d[k]).find((v) => v !== undefined && v !== null);
const LEVELS: RegionLevel[] = ['province', 'city', 'county', 'street'];

function normalizeScope(raw: unknown): StaffScope | null {
  if (!isDict(raw)) return null;
  const role = str(pick(raw, 'role', 'staff_role'));
  const regionCode = str(pick(raw, 'region_code', 'regionCode', 'code'));
  if (!role || !regionCode || !STAFF_ROLES.includes(role as StaffRole)) return null;
  const level = str(pick(raw, 'region_level', 'regionLevel', 'level'));
  return {
    role: role as StaffRole,
    regionCode,
    regionName: str(pick(raw, 'region_name', 'regionName', 'name')),
    regionLevel: level && LEVELS.includes(level as RegionLevel) ? (level as RegionLevel) : levelOfCode(regionCode),
  };
}

function normalizeMembership(raw: unknown): Membership | null {
  if (!isDict(raw)) return null;
  const institutionId = str(pick(raw, 'institution_id', 'institutionId', 'id'));
  if (!institutionId) return null;
  return {
    institutionId,
    institutionName: str(pick(raw, 'institution_name', 'institutionName', 'name')),
    role: str(pick(raw, 'role')),
  };
}

function normalizeGrants(raw: unknown): Record<string, string[]> {
  const grants: Record<string, string[]> = {};
  const add = (resource: string, action: string) => {
    (grants[resource] ??= []).push(action);
  };
  if (Array.isArray(raw)) {
    for (const item of raw) {
      if (typeof item === 'string') {
        // "institutions:list" / "institutions.update"
        const [resource, action] = item.split(/[:.]/);
        if (resource) add(resource, action ?? '*');
      } else if (isDict(item)) {
        const resource = str(pick(item, 'resource', 'table'));
        const actions = pick(item, 'actions', 'action');
        if (!resource) continue;
        for (const a of Array.isArray(actions) ? actions : [actions]) {
          const action = str(a);
          if (action) add(resource, action);
        }
      }
    }
  } else if (isDict(raw)) {
    for (const [resource, actions] of Object.entries(raw)) {
      if (Array.isArray(actions)) actions.map(str).forEach((a) => a && add(resource, a));
      else if (actions === true) add(resource, '*');
      else if (isDict(actions)) {
        for (const [action, allowed] of Object.entries(actions)) if (allowed === true) add(resource, action);
      }
    }
  }
  return grants;
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
    grants: normalizeGrants(pick(body, 'permissions', 'grants', 'can')),
  };
}

const ROLE_RANK: StaffRole[] = ['province_admin', 'city_admin', 'county_admin', 'inspector', 'community_worker'];

/** The person's most senior staff role, or 'operator' / 'family'. */
export function primaryRole(p: Permissions): StaffRole | 'operator' | 'family' {
  for (const role of ROLE_RANK) if (p.scopes.some((s) => s.role === role)) return role;
  return p.memberships.length > 0 ? 'operator' : 'family';
}

/** Scopes a region selector offers: city and province admins choose within their area. */
export function selectableScopes(p: Permissions): StaffScope[] {
  return p.scopes.filter((s) => s.role === 'province_admin' || s.role === 'city_admin');
}

const READ_ACTIONS = new Set(['list', 'show']);

/**
 * Default rules mirroring RLS when the RPC gives no explicit grant:
 * - regions: readable by every signed-in person;
 * - institutions: read by staff (their region) and operators (their own institution); edited by
 *   operators (their own) and county admins.
 */
export function can(p: Permissions, resource: string | undefined, action: string): boolean {
  if (!resource) return true;
  const explicit = p.grants[resource];
  if (explicit) return explicit.includes('*') || explicit.includes(action);
  const isStaff = p.scopes.length > 0;
  const isOperator = p.memberships.length > 0;
  switch (resource) {
    case 'regions':
      return READ_ACTIONS.has(action);
    case 'institutions':
      if (READ_ACTIONS.has(action)) return isStaff || isOperator;
      if (action === 'edit') return isOperator || p.scopes.some((s) => s.role === 'county_admin');
      if (action === 'create') return isOperator;
      return false;
    default:
      return false;
  }
}
