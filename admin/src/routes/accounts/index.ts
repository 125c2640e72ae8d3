import { lazy } from 'react';

/** Account screens (issue 13 §1): county onboarding, invitations, members, scopes, the audit log. */
export const InstitutionCreate = lazy(() => import('./institution-create.tsx').then((m) => ({ default: m.InstitutionCreate })));
export const InvitationList = lazy(() => import('./invitations.tsx').then((m) => ({ default: m.InvitationList })));
export const InviteAcceptPage = lazy(() => import('./invite-accept.tsx').then((m) => ({ default: m.InviteAcceptPage })));
export const MemberPage = lazy(() => import('./members.tsx').then((m) => ({ default: m.MemberPage })));
export const StaffScopePage = lazy(() => import('./staff-scopes.tsx').then((m) => ({ default: m.StaffScopePage })));
export const AuditLogPage = lazy(() => import('./audit-log.tsx').then((m) => ({ default: m.AuditLogPage })));
