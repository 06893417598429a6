import { describe, expect, it } from 'vitest';
import { expectedShare, monthEnd, progressStatus, scheduleOf, worstStatus } from './workplans.progress';

const year = scheduleOf(
  { startMonth: '2024-01', endMonth: '2024-12' },
  { dueDate: null, milestones: [] },
  '2024-01-01',
);

describe('scheduled progress', () => {
  it('runs from the start month to the end of the end month, or to the due date', () => {
    expect(year).toEqual({ start: '2024-01-01', due: '2024-12-31', milestones: [] });
    expect(monthEnd('2024-02')).toBe('2024-02-29');
    const due = scheduleOf({ startMonth: '2018-09', endMonth: null }, { dueDate: '2018-11-30', milestones: [] }, 'x');
    expect(due).toMatchObject({ start: '2018-09-01', due: '2018-11-30' });
    // Without months: from publishing to the end of that year.
    expect(
      scheduleOf({ startMonth: null, endMonth: null }, { dueDate: null, milestones: [] }, '2024-03-15'),
    ).toMatchObject({
      start: '2024-03-15',
      due: '2024-12-31',
    });
  });

  it('expects a linear share, or follows the milestones', () => {
    expect(expectedShare(year, '2023-12-31')).toBe(0);
    expect(expectedShare(year, '2024-07-01')).toBeCloseTo(182 / 365, 3);
    expect(expectedShare(year, '2025-01-01')).toBe(1);
    const backLoaded = { ...year, milestones: [{ date: '2024-10-01', share: 0.2 }] };
    expect(expectedShare(backLoaded, '2024-10-01')).toBeCloseTo(0.2, 5);
    expect(expectedShare(backLoaded, '2024-04-01')).toBeLessThan(0.1);
  });

  it('says done, ahead, on schedule, behind, overdue or not started', () => {
    expect(progressStatus(100, 100, year, '2024-05-01')).toBe('done');
    expect(progressStatus(0, 0, year, '2024-05-01')).toBe('done');
    expect(progressStatus(100, 80, year, '2025-01-02')).toBe('overdue');
    expect(progressStatus(100, 10, year, '2023-06-01')).toBe('not_started');
    expect(progressStatus(100, 50, year, '2024-07-01')).toBe('on_schedule');
    expect(progressStatus(100, 30, year, '2024-07-01')).toBe('behind');
    expect(progressStatus(100, 70, year, '2024-07-01')).toBe('ahead');
    expect(worstStatus(['done', 'behind', 'ahead'])).toBe('behind');
    expect(worstStatus(['done', 'overdue'])).toBe('overdue');
  });
});
