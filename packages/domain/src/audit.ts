/** The audit log (public.audit_log): what a write did. */

/** 操作 (audit_log.action). */
export const AUDIT_ACTIONS = ['INSERT', 'UPDATE', 'DELETE'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = { INSERT: '新增', UPDATE: '修改', DELETE: '删除' };
