/** Roles a person can hold (staff scopes), most senior first, plus the derived operator role; families have none. */
export const STAFF_ROLES = ['province_admin', 'city_admin', 'county_admin', 'inspector', 'community_worker'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
/** Staff roles, plus the derived operator (institution member) and expert (指导专家 with an account) roles. */
export type Role = StaffRole | 'operator' | 'expert';

export const ROLE_LABELS: Record<Role, string> = {
  province_admin: '省级管理员',
  city_admin: '市级管理员',
  county_admin: '县级管理员',
  inspector: '检查员',
  community_worker: '社区工作者',
  operator: '机构经办人',
  expert: '指导专家',
};

/** How the admin names a signed-in person with no role (a family member). */
export const FAMILY_LABEL = '普通用户';

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value);
}

export const PERMISSIONS = [
  'audit.view', 'class.manage', 'content.manage', 'enrollment.stats', 'event.manage', 'filing.create', 'filing.review', 'filing.submit', 'filing.view_region',
  'filing_document.upload', 'filing_document.view', 'inspection.record', 'institution.create', 'institution.edit',
  'institution.view_region', 'profile.edit', 'region.population.edit', 'region.target.edit', 'review.moderate', 'review.reply',
  'scope.manage', 'staff.manage', 'stats.overview',
  // accounts (issue 13 §1)
  'institution.create_in_county', 'invitation.manage', 'institution.set_status', 'member.view',
  // issue 13 screens (…8000_create_inspection_screens.sql)
  'complaint.answer', 'complaint.handle', 'complaint.handle_assigned', 'inspection.plan', 'inspection.view_region',
  'rectification.recheck', 'rectification.report',
  // issue 14: an expert's own consultation slots
  'consultation.manage',
  // issue 15 §5–§6: subsidies and the staff registry
  'subsidy.apply', 'subsidy.review', 'subsidy.view_region', 'staff.view_region',
  // issue 15 §4: 缺口规划 (gap planner)
  'stats.gap_plan',
  // 检查清单 per region (…12000_create_checklist_editor.sql): admins edit, inspectors read
  'checklist.manage', 'checklist.view',
  // issue 15: monthly and weekly bulletins (通报) of a city or province
  'stats.bulletin',
  // issue 15 §5: 补贴标准 (…015100_edit_subsidy_rules.sql)
  'subsidy.rule.edit',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ADMIN: Permission[] = [
  'institution.view_region', 'filing.view_region', 'region.population.edit', 'region.target.edit', 'scope.manage', 'stats.overview', 'audit.view',
  // issue 12: 评价管理 (moderation) and 入托统计 (counts per institution)
  'review.moderate', 'enrollment.stats',
  'content.manage', // issue 14: campaigns, articles, guidance centres, experts and their slots
  'stats.gap_plan', // issue 15 §4: 缺口规划
  'checklist.manage', // issue 13 §4: the inspection checklist of their regions
];

/** Mirrors the grants table inside public.get_my_permissions() (an integration test keeps them equal). */
export const ROLE_PERMISSIONS: Record<Role, Permission[]> = {
  province_admin: [...ADMIN, 'inspection.view_region', 'subsidy.view_region', 'staff.view_region', 'stats.bulletin', 'subsidy.rule.edit'],
  city_admin: [...ADMIN, 'inspection.view_region', 'subsidy.view_region', 'staff.view_region', 'stats.bulletin', 'subsidy.rule.edit'],
  county_admin: [...ADMIN, 'institution.edit', 'filing.review', 'filing_document.view',
    'institution.create_in_county', 'invitation.manage', 'institution.set_status',
    'inspection.view_region', 'inspection.plan', 'rectification.recheck', 'complaint.handle',
    'subsidy.review', 'subsidy.view_region', 'staff.view_region', 'subsidy.rule.edit'],
  inspector: ['institution.view_region', 'inspection.record', 'complaint.handle_assigned', 'checklist.view'],
  community_worker: ['event.manage'],
  operator: ['institution.edit', 'class.manage', 'staff.manage', 'filing.create', 'filing.submit', 'filing_document.upload', 'filing_document.view',
    'member.view', 'review.reply', 'rectification.report', 'complaint.answer', 'subsidy.apply'],
  expert: ['consultation.manage'],
};

/** The sorted permission list get_my_permissions() returns for a signed-in person with `roles`. */
export function permissionsFor(roles: Role[]): Permission[] {
  const set = new Set<Permission>(['profile.edit']);
  if (!roles.some((r) => isStaffRole(r))) set.add('institution.create');
  for (const r of roles) for (const p of ROLE_PERMISSIONS[r]) set.add(p);
  return [...set].sort();
}

/** Rank of a role (private.role_rank). */
export const ROLE_RANK: Record<StaffRole, number> = {
  province_admin: 5, city_admin: 4, county_admin: 3, inspector: 2, community_worker: 1,
};

/**
 * May an admin with role `granter` grant `target` (within their region)? As private.can_manage_scope:
 * admin roles only from the level directly above (province → city, city → county); inspectors and
 * community workers from any admin.
 */
export function canGrant(granter: StaffRole, target: StaffRole): boolean {
  if (!['province_admin', 'city_admin', 'county_admin'].includes(granter)) return false;
  if (target === 'city_admin') return granter === 'province_admin';
  if (target === 'county_admin') return granter === 'city_admin';
  return target === 'inspector' || target === 'community_worker';
}
