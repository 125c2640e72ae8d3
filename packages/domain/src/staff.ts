/** Staff of an institution: health certificates (健康证) and their expiry warning; members' roles. */

/** 机构内角色 of an operator account (institution_members.member_role). */
export const MEMBER_ROLES = ['owner', 'staff'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
export const MEMBER_ROLE_LABELS: Record<MemberRole, string> = { owner: '负责人', staff: '工作人员' };

export const HEALTH_CERTIFICATE_WARNING_DAYS = 30;

export const CERTIFICATE_STATES = ['missing', 'expired', 'expiring', 'valid'] as const;
export type CertificateState = (typeof CERTIFICATE_STATES)[number];

export const CERTIFICATE_STATE_LABELS: Record<CertificateState, string> = {
  missing: '未登记',
  expired: '已过期',
  expiring: '即将到期',
  valid: '有效',
};

/** State of a health certificate expiring on `expiresOn` (YYYY-MM-DD), seen on `today` (YYYY-MM-DD). */
export function healthCertificateState(expiresOn: string | null | undefined, today: string): CertificateState {
  if (!expiresOn) return 'missing';
  const days = Math.round((Date.parse(`${expiresOn.slice(0, 10)}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  if (days < 0) return 'expired';
  return days <= HEALTH_CERTIFICATE_WARNING_DAYS ? 'expiring' : 'valid';
}

/** 岗位 (staff.role). */
export const INSTITUTION_STAFF_ROLES = ['director', 'carer', 'teacher', 'health_worker', 'cook', 'security', 'other'] as const;
export type InstitutionStaffRole = (typeof INSTITUTION_STAFF_ROLES)[number];
export const INSTITUTION_STAFF_ROLE_LABELS: Record<InstitutionStaffRole, string> = {
  director: '负责人',
  carer: '保育人员',
  teacher: '育婴教师',
  health_worker: '保健人员',
  cook: '炊事人员',
  security: '安保人员',
  other: '其他',
};

/** 资格证书 (staff.certificate_type). */
export const CERTIFICATE_TYPES = ['nursery_carer', 'infant_carer', 'kindergarten_teacher', 'nurse', 'doctor', 'dietitian', 'other'] as const;
export type CertificateType = (typeof CERTIFICATE_TYPES)[number];
export const CERTIFICATE_TYPE_LABELS: Record<CertificateType, string> = {
  nursery_carer: '保育师',
  infant_carer: '育婴员',
  kindergarten_teacher: '幼儿园教师资格',
  nurse: '护士执业',
  doctor: '医师执业',
  dietitian: '营养师',
  other: '其他',
};
