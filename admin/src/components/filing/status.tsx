import { FILING_KIND_LABELS, FILING_STATUS_LABELS, type FilingStatus, labelOf } from '@tuoyu/domain';
import { Tag } from 'antd';

const STATUS_COLORS: Record<FilingStatus, string> = {
  draft: 'default',
  submitted: 'blue',
  under_review: 'processing',
  returned: 'orange',
  approved: 'green',
  rejected: 'red',
};

export function FilingStatusTag({ status }: { status: string }) {
  return (
    <Tag color={STATUS_COLORS[status as FilingStatus] ?? 'default'} data-testid="filing-status" data-status={status}>
      {labelOf(FILING_STATUS_LABELS, status)}
    </Tag>
  );
}

export function filingKindLabel(kind: string): string {
  return labelOf(FILING_KIND_LABELS, kind);
}

/** Working days left until the deadline (from the database: 0 = due today, negative = overdue). */
export type Countdown = { daysLeft: number };

/** The countdown text people read (and the export writes). */
export function deadlineText(countdown: Countdown | null): string {
  if (!countdown) return '—';
  if (countdown.daysLeft < 0) return `已超期 ${-countdown.daysLeft} 个工作日`;
  if (countdown.daysLeft === 0) return '今日到期';
  return `工作日剩余 ${countdown.daysLeft} 天`;
}

/** 工作日剩余 N 天 (blue; orange on the last day) / 今日到期 (orange) / 已超期 (red). */
export function DeadlineTag({ countdown }: { countdown: Countdown | null }) {
  if (!countdown) return <span>—</span>;
  const { daysLeft } = countdown;
  if (daysLeft < 0) {
    return (
      <Tag color="red" data-testid="deadline-overdue">
        已超期 {-daysLeft} 个工作日
      </Tag>
    );
  }
  if (daysLeft === 0) {
    return (
      <Tag color="orange" data-testid="deadline-today">
        今日到期
      </Tag>
    );
  }
  return (
    <Tag color={daysLeft <= 1 ? 'orange' : 'blue'} data-testid="deadline-remaining">
      工作日剩余 {daysLeft} 天
    </Tag>
  );
}
