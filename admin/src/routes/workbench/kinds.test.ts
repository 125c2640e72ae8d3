import { describe, expect, it } from 'vitest';
import { badgeCounts, daysLeftText } from './kinds.ts';

describe('工作台 kinds', () => {
  it('writes days left in Chinese, working or calendar days', () => {
    expect(daysLeftText(3, 'working')).toBe('剩 3 个工作日');
    expect(daysLeftText(0, 'calendar')).toBe('今天到期');
    expect(daysLeftText(-2, 'calendar')).toBe('已超期 2 天');
    expect(daysLeftText(null, 'calendar')).toBeNull();
  });

  it('sums the kinds of one menu entry and drops empty or unknown kinds', () => {
    const counts = badgeCounts([
      { kind: 'event_review', total: 2 },
      { kind: 'event_draft', total: 1 },
      { kind: 'complaint', total: 0 },
      { kind: 'something_new', total: 9 },
      { kind: 'filing_review', total: 4 },
    ]);
    expect(Object.fromEntries(counts)).toEqual({ events: 3, 'filing-reviews': 4 });
  });
});
