import { FILING_NOTICE_STATUS_LABELS, filingNoticeStatus, formatDateShort, openNoticeDeadline } from '@tuoyu/domain';
import { Tag } from 'antd';
import type { OpenNotice } from './queries.ts';

const STATUS_COLORS = { open: 'orange', overdue: 'red', resolved: 'green' } as const;

/** 待整改 / 逾期 / 已整改 of one notice (逾期 in red). */
export function NoticeStatusTag({ notice }: { notice: { rectify_by: string; resolved_at: string | null } }) {
  const status = filingNoticeStatus(notice);
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="notice-status" data-status={status}>
      {FILING_NOTICE_STATUS_LABELS[status]}
    </Tag>
  );
}

/** The registry's 「待整改 截止 YYYY-MM-DD」 for an institution with an unresolved notice (red when overdue). */
export function OpenNoticeTag({ institutionId, notices }: { institutionId: string; notices: OpenNotice[] | undefined }) {
  const open = openNoticeDeadline(notices ?? []);
  if (!open) return null;
  return (
    <Tag color={open.overdue ? 'red' : 'orange'} data-testid={`registry-notice-${institutionId}`} data-overdue={open.overdue} title={open.overdue ? '已超过改正期限' : undefined}>
      待整改 截止 {formatDateShort(open.rectifyBy)}
    </Tag>
  );
}
