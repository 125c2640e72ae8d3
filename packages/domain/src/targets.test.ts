import { describe, expect, it } from 'vitest';
import { percent, slotGap, slotsPer1000 } from './targets.ts';

describe('target formulas', () => {
  it('slots per 1,000 and percentages: 2 decimals, null when dividing by zero', () => {
    expect(slotsPer1000(3142, 690500)).toBe(4.55);
    expect(slotsPer1000(10, 0)).toBeNull();
    expect(percent(1040, 784)).toBe(132.65);
    expect(percent(1, 0)).toBeNull();
  });

  it('slot gap: slots still needed to reach the per-1,000 target, never negative', () => {
    // 4.5 × 690,500 ÷ 1000 = 3,107.25 → 3,108 needed
    expect(slotGap(3000, 690500, 4.5)).toBe(108);
    expect(slotGap(3142, 690500, 4.5)).toBe(0);
    expect(slotGap(0, 1000, 4.5)).toBe(5);
    expect(slotGap(10, null, 4.5)).toBeNull();
    expect(slotGap(10, 0, 4.5)).toBeNull();
    expect(slotGap(10, 1000, null)).toBeNull();
  });
});
