import { describe, expect, it } from 'vitest';
import { addDays, isIsoDate, olderThanFromDays } from '../../src/domain/dates.ts';

describe('dates', () => {
  it.each([
    ['2026-06-15', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-6-1', false],
    ['15/06/2026', false],
    ['', false],
  ])('isIsoDate(%j) is %s', (text, expected) => {
    expect(isIsoDate(text)).toBe(expected);
  });

  it.each([
    ['2026-06-15', 90, '2026-03-17'],
    ['2026-03-01', 1, '2026-02-28'],
    ['2024-03-01', 1, '2024-02-29'],
    ['2026-01-01', 0, '2026-01-01'],
  ])('from %s, older than %i days means dated before %s', (date, days, expected) => {
    expect(olderThanFromDays(date, days)).toBe(expected);
  });

  it('adds days across a year end', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
  });
});
