import { describe, expect, it } from 'vitest';
import { ageBandText, formatEventTime, parseCheckInCode, placesText, signupStatusText } from './content.ts';

describe('content texts', () => {
  it('event times in Beijing time', () => {
    expect(formatEventTime('2025-05-24T01:00:00Z', '2025-05-24T03:30:00Z')).toBe('2025年5月24日 09:00–11:30');
    expect(formatEventTime('2025-05-24T15:00:00Z', '2025-05-25T03:00:00Z')).toBe('2025年5月24日 23:00–5月25日 11:00');
  });
  it('places, waiting list and age bands', () => {
    expect(placesText(3, 0)).toBe('剩余 3 个名额');
    expect(placesText(0, 5)).toBe('已满，可候补（5人候补）');
    expect(signupStatusText('waitlisted', 2)).toBe('候补第2位');
    expect(signupStatusText('confirmed', null)).toBe('已确认');
    expect(ageBandText(6, 12)).toBe('6-12月龄');
    expect(ageBandText(0, 36)).toBe('0-3岁');
  });
});

describe('parseCheckInCode', () => {
  it('accepts the six digits of a sign-up (spaces ignored), nothing else', () => {
    expect(parseCheckInCode('012345')).toBe('012345');
    expect(parseCheckInCode(' 012 345\n')).toBe('012345');
    expect(parseCheckInCode('12345')).toBeNull();
    expect(parseCheckInCode('1234567')).toBeNull();
    expect(parseCheckInCode('https://example.com/012345')).toBeNull();
  });
});
