import { describe, expect, it } from 'vitest';
import { canStillNotify, FILING_NOTICE_STATUS_LABELS, filingNoticeStatus, openNoticeDeadline } from './notices.ts';

describe('filing notices (备案后发现问题告知)', () => {
  it('is 待整改 up to and including the deadline, 逾期 the day after, 已整改 once resolved', () => {
    const notice = { rectify_by: '2026-12-10', resolved_at: null };
    expect(filingNoticeStatus(notice, '2026-12-09')).toBe('open');
    expect(filingNoticeStatus(notice, '2026-12-10')).toBe('open');
    expect(filingNoticeStatus(notice, '2026-12-11')).toBe('overdue');
    expect(filingNoticeStatus({ ...notice, resolved_at: '2026-12-20T02:00:00Z' }, '2026-12-30')).toBe('resolved');
    expect(FILING_NOTICE_STATUS_LABELS[filingNoticeStatus(notice, '2026-12-11')]).toBe('逾期');
  });

  it('tags an institution with its earliest unresolved deadline', () => {
    expect(openNoticeDeadline([], '2026-12-01')).toBeNull();
    expect(openNoticeDeadline([{ rectify_by: '2026-12-01', resolved_at: '2026-11-30T00:00:00Z' }], '2026-12-05')).toBeNull();
    const notices = [
      { rectify_by: '2026-12-20', resolved_at: null },
      { rectify_by: '2026-12-01', resolved_at: '2026-11-30T00:00:00Z' },
      { rectify_by: '2026-12-10', resolved_at: null },
    ];
    expect(openNoticeDeadline(notices, '2026-12-05')).toEqual({ rectifyBy: '2026-12-10', overdue: false });
    expect(openNoticeDeadline(notices, '2026-12-11')).toEqual({ rectifyBy: '2026-12-10', overdue: true });
  });

  it('allows notifying up to and including the last day', () => {
    expect(canStillNotify('2026-12-24', '2026-12-24')).toBe(true);
    expect(canStillNotify('2026-12-24', '2026-12-25')).toBe(false);
  });
});
