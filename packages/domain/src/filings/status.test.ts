import { describe, expect, it } from 'vitest';
import {
  OPEN_FILING_STATUSES,
  FILING_STATUSES,
  FILING_STATUS_LABELS,
  FILING_TRANSITIONS,
  allowedKindsFor,
  availableTransitions,
  canTransition,
  isEditableByOperator,
  isFinal,
  isRepeatOf,
  nextStatus,
} from './status.ts';

describe('filing state machine', () => {
  it('labels every status in Chinese', () => {
    for (const s of FILING_STATUSES) expect(FILING_STATUS_LABELS[s]).toMatch(/[\u4e00-\u9fff]/);
  });

  it('lets the operator submit drafts and returned filings only', () => {
    expect(availableTransitions('draft', 'operator').map((t) => t.to)).toEqual(['submitted']);
    expect(availableTransitions('returned', 'operator').map((t) => t.to)).toEqual(['submitted']);
    for (const s of ['submitted', 'under_review', 'approved', 'rejected'] as const) {
      expect(availableTransitions(s, 'operator')).toEqual([]);
    }
    expect(canTransition('under_review', 'approved', 'operator')).toBe(false);
  });

  it('lets the county admin start a review and then approve, return or reject', () => {
    expect(availableTransitions('submitted', 'county_admin').map((t) => t.action)).toEqual(['start_review']);
    expect(availableTransitions('under_review', 'county_admin').map((t) => t.action).sort()).toEqual(['approve', 'reject', 'return']);
    expect(canTransition('submitted', 'approved', 'county_admin')).toBe(false);
    expect(availableTransitions('draft', 'county_admin')).toEqual([]);
  });

  it('gives city and province admins (read only) no action', () => {
    for (const s of FILING_STATUSES) expect(availableTransitions(s, null)).toEqual([]);
  });

  it('needs reasons exactly for return and reject', () => {
    expect(FILING_TRANSITIONS.filter((t) => t.needsReasons).map((t) => t.action).sort()).toEqual(['reject', 'return']);
  });

  it('maps actions to next statuses and knows idempotent repeats', () => {
    expect(nextStatus('returned', 'submit')).toBe('submitted');
    expect(nextStatus('approved', 'submit')).toBeNull();
    expect(isRepeatOf('submit', 'submitted')).toBe(true);
    expect(isRepeatOf('submit', 'under_review')).toBe(true);
    expect(isRepeatOf('submit', 'approved')).toBe(false);
    expect(isRepeatOf('approve', 'approved')).toBe(true);
    expect(isRepeatOf('return', 'under_review')).toBe(false);
  });

  it('classifies states', () => {
    expect(FILING_STATUSES.filter(isFinal)).toEqual(['approved', 'rejected']);
    expect(FILING_STATUSES.filter(isEditableByOperator)).toEqual(['draft', 'returned']);
    expect(allowedKindsFor('draft')).toEqual(['new']);
    expect(allowedKindsFor('filed')).toEqual(['change', 'cancel']);
    expect(allowedKindsFor('cancelled')).toEqual(['new']);
    expect(allowedKindsFor('unknown')).toEqual([]);
    expect(OPEN_FILING_STATUSES).toEqual(['draft', 'submitted', 'under_review', 'returned']);
  });
});
