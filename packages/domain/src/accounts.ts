/** Accounts (issue 13 §1): invitations, scope grants, the audit-log viewer. */
import { canGrant, STAFF_ROLES, type StaffRole } from './permissions.ts';

/** Status of an institution invitation (public.preview_institution_invitation answers the same words). */
export const INVITATION_STATUSES = ['pending', 'accepted', 'revoked', 'expired'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];
export const INVITATION_STATUS_LABELS: Record<InvitationStatus, string> = {
  pending: '待接受',
  accepted: '已接受',
  revoked: '已撤回',
  expired: '已过期',
};

/** An invitation row's status at `now` (as the SQL preview computes it). */
export function invitationStatus(
  row: { accepted_at: string | null; revoked_at: string | null; expires_at: string },
  now: Date = new Date(),
): InvitationStatus {
  if (row.revoked_at) return 'revoked';
  if (row.accepted_at) return 'accepted';
  return new Date(row.expires_at) < now ? 'expired' : 'pending';
}

/** Path of the accept page for a one-time code (admin route /invite/:code, no sign-in needed). */
export const invitePath = (code: string) => `/invite/${encodeURIComponent(code)}`;

/**
 * How an invitation reaches the invitee (mirrors private.queue_invitation_message, the authority):
 * a mobile number by SMS, an e-mail address by e-mail, anything else in person (null).
 */
export function invitationChannel(invitee: string): 'sms' | 'email' | null {
  const v = invitee.trim();
  if (/^1[3-9][0-9]{9}$/.test(v)) return 'sms';
  if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v)) return 'email';
  return null;
}

/** The roles an admin grants (private.can_manage_scope is the authority). */
export const grantableRoles = (granter: StaffRole): StaffRole[] => STAFF_ROLES.filter((r) => canGrant(granter, r));

/** The region level each role is granted at (private.check_staff_scope). */
export const ROLE_REGION_LEVELS: Record<StaffRole, readonly ('province' | 'city' | 'county' | 'street')[]> = {
  province_admin: ['province'],
  city_admin: ['city'],
  county_admin: ['county'],
  inspector: ['province', 'city', 'county'],
  community_worker: ['county', 'street'],
};

/** Tables with an audit trigger, in Chinese for the audit-log viewer. */
export const AUDITED_TABLE_LABELS: Record<string, string> = {
  institutions: '托育机构',
  institution_sites: '机构地址',
  institution_members: '机构账号',
  institution_invitations: '机构账号邀请',
  classes: '班级',
  staff: '从业人员',
  filings: '备案',
  filing_documents: '备案材料',
  filing_notices: '备案后问题告知',
  staff_scopes: '管辖授权',
  region_populations: '常住人口',
  region_targets: '目标任务',
  class_type_rules: '班型规则',
  complaints: '投诉',
  inspection_plans: '检查计划',
  inspections: '监督检查',
  rectifications: '整改',
  enrollment_requests: '入托申请',
  placements: '在托',
  reviews: '评价',
};
