import { describe, expect, it } from 'vitest';
import { permissionsFor } from '@tuoyu/domain';
import { can, jurisdictionConditions, normalizePermissions, primaryRole, selectableScopes } from './permissions.ts';

// What get_my_permissions() returns (supabase/migrations/*_create_institutions.sql).
const countyAdmin = {
  user_id: 'u-4',
  roles: ['county_admin'],
  scopes: [{ role: 'county_admin', region_code: '370830000000', region_name: '汶上县', level: 'county' }],
  institution_ids: [],
  institutions: [],
  permissions: ['filing.review', 'institution.edit', 'institution.view_region', 'profile.edit'],
};
const operator = {
  user_id: 'u-9',
  roles: ['operator'],
  scopes: [],
  institution_ids: ['i-1'],
  institutions: [{ id: 'i-1', name: '汶上县爱心托育中心', member_role: 'owner', county_code: '370830000000', status: 'filed' }],
  permissions: ['filing.create', 'institution.edit', 'profile.edit'],
};
const family = { user_id: 'u-20', roles: [], scopes: [], institutions: [], permissions: ['institution.create', 'profile.edit'] };

describe('normalizePermissions', () => {
  it('reads the RPC shape', () => {
    const p = normalizePermissions(countyAdmin);
    expect(p.userId).toBe('u-4');
    expect(p.scopes).toEqual([{ role: 'county_admin', regionCode: '370830000000', regionName: '汶上县', regionLevel: 'county' }]);
    expect(p.permissions).toContain('institution.view_region');
    expect(normalizePermissions(operator).memberships).toEqual([
      { institutionId: 'i-1', institutionName: '汶上县爱心托育中心', role: 'owner' },
    ]);
  });

  it('treats nothing, junk and unknown roles as no permissions', () => {
    for (const raw of [null, undefined, 'x', 42, [], [1, 2]]) {
      expect(normalizePermissions(raw)).toMatchObject({ scopes: [], memberships: [], permissions: [] });
    }
    const p = normalizePermissions({ scopes: [{ role: 'super_admin', region_code: '370000000000' }, { role: 'city_admin' }] });
    expect(p.scopes).toEqual([]);
  });

  it('derives a missing level from the code and accepts a single-row array', () => {
    const p = normalizePermissions([{ scopes: [{ role: 'city_admin', region_code: '370800000000' }] }]);
    expect(p.scopes[0]?.regionLevel).toBe('city');
  });
});

describe('primaryRole and region selector', () => {
  it('picks the most senior role', () => {
    const p = normalizePermissions({
      scopes: [
        { role: 'inspector', region_code: '370830000000' },
        { role: 'city_admin', region_code: '370800000000' },
      ],
    });
    expect(primaryRole(p)).toBe('city_admin');
    expect(selectableScopes(p).map((s) => s.regionCode)).toEqual(['370800000000']);
    expect(primaryRole(normalizePermissions(operator))).toBe('operator');
    expect(primaryRole(normalizePermissions(family))).toBe('family');
    expect(selectableScopes(normalizePermissions(countyAdmin))).toEqual([]);
  });
});

describe('can (menus and buttons mirror RLS)', () => {
  it('lets every signed-in person read regions and nobody write them', () => {
    for (const raw of [countyAdmin, operator, family]) {
      const p = normalizePermissions(raw);
      expect(can(p, 'regions', 'list')).toBe(true);
      expect(can(p, 'regions', 'edit')).toBe(false);
      expect(can(p, 'regions', 'delete')).toBe(false);
    }
  });

  it('shows institutions to staff and operators, not to families', () => {
    expect(can(normalizePermissions(countyAdmin), 'institutions', 'list')).toBe(true);
    expect(can(normalizePermissions(operator), 'institutions', 'show')).toBe(true);
    expect(can(normalizePermissions(family), 'institutions', 'list')).toBe(false);
    // 新建机构 in the registry is the county's (with an invitation); families self-register elsewhere
    expect(can(normalizePermissions(family), 'institutions', 'create')).toBe(false);
    expect(can(normalizePermissions(countyAdmin), 'institutions', 'create')).toBe(false);
    expect(can(normalizePermissions({ ...countyAdmin, permissions: [...countyAdmin.permissions, 'institution.create_in_county'] }), 'institutions', 'create')).toBe(true);
    expect(can(normalizePermissions(countyAdmin), 'institutions', 'delete')).toBe(false);
  });

  it('denies unknown resources', () => {
    expect(can(normalizePermissions(countyAdmin), 'audit_log', 'delete')).toBe(false);
  });

  it('falls back to read-only for staff when the RPC lists no permission names', () => {
    const p = normalizePermissions({ scopes: countyAdmin.scopes });
    expect(can(p, 'institutions', 'list')).toBe(true);
    expect(can(p, 'institutions', 'edit')).toBe(false);
  });
});

describe('jurisdictionConditions', () => {
  it('maps scopes to <level>_code equality and memberships to ids', () => {
    expect(jurisdictionConditions(normalizePermissions(countyAdmin))).toEqual([
      { field: 'county_code', operator: 'eq', value: '370830000000' },
    ]);
    expect(jurisdictionConditions(normalizePermissions(operator))).toEqual([{ field: 'id', operator: 'in', value: ['i-1'] }]);
    expect(jurisdictionConditions(normalizePermissions(family))).toBeNull();
  });
});

describe('can: the inspection and complaint screens (issue 13)', () => {
  const withGrants = (roles: Parameters<typeof permissionsFor>[0]) =>
    normalizePermissions({ user_id: 'u', roles, scopes: [], institutions: [], permissions: permissionsFor(roles) });
  it('inspectors record their inspections and see the complaints assigned to them; they do not plan or re-check', () => {
    const p = withGrants(['inspector']);
    expect(can(p, 'inspections', 'list')).toBe(true);
    expect(can(p, 'inspections', 'show')).toBe(true);
    expect(can(p, 'complaints', 'list')).toBe(true);
    expect(can(p, 'inspection-plans', 'create')).toBe(false);
    expect(can(p, 'rectifications', 'list')).toBe(false);
  });
  it('county admins plan and re-check; operators report rectifications and answer complaints; families see none', () => {
    const county = withGrants(['county_admin']);
    expect(can(county, 'inspection-plans', 'create')).toBe(true);
    expect(can(county, 'rectifications', 'list')).toBe(true);
    const op = withGrants(['operator']);
    expect(can(op, 'rectifications', 'list')).toBe(true);
    expect(can(op, 'complaints', 'show')).toBe(true);
    expect(can(op, 'inspection-plans', 'list')).toBe(false);
    expect(can(op, 'inspections', 'list')).toBe(false);
    const family = withGrants([]);
    for (const r of ['inspection-plans', 'inspections', 'rectifications', 'complaints']) expect(can(family, r, 'list')).toBe(false);
  });
  it('检查清单: admins (manage) and inspectors (read) have the menu; operators and families do not', () => {
    for (const role of ['province_admin', 'city_admin', 'county_admin', 'inspector'] as const) {
      expect(can(withGrants([role]), 'inspection-checklist', 'list')).toBe(true);
    }
    expect(withGrants(['inspector']).permissions).not.toContain('checklist.manage');
    expect(can(withGrants(['operator']), 'inspection-checklist', 'list')).toBe(false);
    expect(can(withGrants([]), 'inspection-checklist', 'list')).toBe(false);
  });
});
