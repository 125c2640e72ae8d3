/**
 * The filing state machine, mirroring private.filings_before_write and the RPCs of
 * supabase/migrations/20261123000600_create_filing_rpcs.sql, so the apps offer only legal actions.
 */

export const FILING_KINDS = ['new', 'change', 'cancel'] as const;
export type FilingKind = (typeof FILING_KINDS)[number];
export const FILING_KIND_LABELS: Record<FilingKind, string> = {
  new: '新办备案',
  change: '变更备案',
  cancel: '注销备案',
};

export const FILING_STATUSES = ['draft', 'submitted', 'under_review', 'returned', 'approved', 'rejected'] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];
export const FILING_STATUS_LABELS: Record<FilingStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  under_review: '审核中',
  returned: '退回修改',
  approved: '已备案',
  rejected: '不予备案',
};

/** 操作方 of a step in a filing's history (filing_events.actor_kind). */
export const FILING_ACTOR_KINDS = ['operator', 'reviewer', 'system'] as const;
export type FilingActorKind = (typeof FILING_ACTOR_KINDS)[number];
export const FILING_ACTOR_KIND_LABELS: Record<FilingActorKind, string> = {
  operator: '机构',
  reviewer: '县级卫健部门',
  system: '系统',
};

/** Who acts on a filing: the institution's operator or the county health bureau of its county. */
export type FilingActor = 'operator' | 'county_admin';

/** What an actor does to a filing; each is a database RPC taking `filing_id` (submit_filing, start_filing_review, approve_filing, return_filing, reject_filing). */
export type FilingAction = 'submit' | 'start_review' | 'approve' | 'return' | 'reject';

export interface FilingTransition {
  action: FilingAction;
  from: FilingStatus;
  to: FilingStatus;
  actor: FilingActor;
  /** Return and reject need written reasons (2–2000 characters). */
  needsReasons: boolean;
  label: string;
}

export const FILING_TRANSITIONS: readonly FilingTransition[] = [
  { action: 'submit', from: 'draft', to: 'submitted', actor: 'operator', needsReasons: false, label: '提交' },
  { action: 'submit', from: 'returned', to: 'submitted', actor: 'operator', needsReasons: false, label: '修改后重新提交' },
  { action: 'start_review', from: 'submitted', to: 'under_review', actor: 'county_admin', needsReasons: false, label: '开始审核' },
  { action: 'approve', from: 'under_review', to: 'approved', actor: 'county_admin', needsReasons: false, label: '准予备案' },
  { action: 'return', from: 'under_review', to: 'returned', actor: 'county_admin', needsReasons: true, label: '退回修改' },
  { action: 'reject', from: 'under_review', to: 'rejected', actor: 'county_admin', needsReasons: true, label: '不予备案' },
];

/** The transitions an actor may start from a status (empty for city/province admins: they only read). */
export function availableTransitions(from: FilingStatus, actor: FilingActor | null): FilingTransition[] {
  if (actor === null) return [];
  return FILING_TRANSITIONS.filter((t) => t.from === from && t.actor === actor);
}

export function canTransition(from: FilingStatus, to: FilingStatus, actor: FilingActor): boolean {
  return FILING_TRANSITIONS.some((t) => t.from === from && t.to === to && t.actor === actor);
}

/** The status an action leads to from a status, or null when the state machine refuses it. */
export function nextStatus(from: FilingStatus, action: FilingAction): FilingStatus | null {
  return FILING_TRANSITIONS.find((t) => t.from === from && t.action === action)?.to ?? null;
}

/**
 * The RPCs are idempotent: repeating an action whose result is already there (double click, retry)
 * returns the filing unchanged instead of failing. True when `action` on `status` is such a repeat.
 */
export function isRepeatOf(action: FilingAction, status: FilingStatus): boolean {
  switch (action) {
    case 'submit':
      return status === 'submitted' || status === 'under_review';
    case 'start_review':
      return status === 'under_review';
    case 'approve':
      return status === 'approved';
    case 'return':
      return status === 'returned';
    case 'reject':
      return status === 'rejected';
  }
}

/** Decided filings: nothing changes any more (a change or cancellation is a new filing). */
export function isFinal(status: FilingStatus): boolean {
  return status === 'approved' || status === 'rejected';
}

/** Filings waiting for the county (the working-day deadline runs). */
export function isAwaitingCounty(status: FilingStatus): boolean {
  return status === 'submitted' || status === 'under_review';
}

/** The operator edits the form and materials only in these states. */
export function isEditableByOperator(status: FilingStatus): boolean {
  return status === 'draft' || status === 'returned';
}

/** Filings still in progress: draft, submitted, under review or returned. */
export const OPEN_FILING_STATUSES: readonly FilingStatus[] = FILING_STATUSES.filter((s) => isOpen(s));

/** Only one draft/submitted/under_review/returned filing per institution (a unique index in SQL). */
export function isOpen(status: FilingStatus): boolean {
  return !isFinal(status);
}

/** Which filing kinds an institution may start, from its status (as the insert trigger checks). */
export function allowedKindsFor(institutionStatus: string): FilingKind[] {
  if (institutionStatus === 'draft' || institutionStatus === 'cancelled') return ['new'];
  return institutionStatus === 'filed' || institutionStatus === 'suspended' ? ['change', 'cancel'] : [];
}
