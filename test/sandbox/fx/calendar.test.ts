import { describe, expect, it } from 'vitest';
import { businessDaysBack, easterSunday, isTargetBusinessDay, latestPublishedDate, targetHolidays } from '../../../sandbox/fx/index.js';

describe('TARGET calendar', () => {
  it('computes Easter Sunday', () => {
    expect(['2019', '2024', '2025', '2026', '2027'].map((y) => easterSunday(Number(y)))).toEqual([
      '2019-04-21',
      '2024-03-31',
      '2025-04-20',
      '2026-04-05',
      '2027-03-28',
    ]);
  });

  it('closes on 1 Jan, Good Friday, Easter Monday, 1 May, 25 and 26 Dec', () => {
    expect(targetHolidays(2026)).toEqual(['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-01', '2026-12-25', '2026-12-26']);
    expect(isTargetBusinessDay('2026-04-02')).toBe(true);
    expect(isTargetBusinessDay('2026-04-03')).toBe(false);
    expect(isTargetBusinessDay('2026-03-07')).toBe(false); // Saturday
    expect(businessDaysBack('2026-04-07', 4)).toEqual(['2026-04-07', '2026-04-02', '2026-04-01', '2026-03-31']);
  });

  it('publishes at 16:00 Frankfurt time (CET in winter, CEST in summer)', () => {
    expect(latestPublishedDate(new Date('2026-03-02T14:59:00Z'))).toBe('2026-02-27'); // Monday 15:59 CET
    expect(latestPublishedDate(new Date('2026-03-02T15:00:00Z'))).toBe('2026-03-02');
    expect(latestPublishedDate(new Date('2026-07-01T13:59:00Z'))).toBe('2026-06-30'); // 15:59 CEST
    expect(latestPublishedDate(new Date('2026-07-01T14:00:00Z'))).toBe('2026-07-01');
    expect(latestPublishedDate(new Date('2026-04-06T20:00:00Z'))).toBe('2026-04-02'); // Easter Monday: Thursday's
    expect(latestPublishedDate(new Date('2026-03-08T23:30:00Z'))).toBe('2026-03-06'); // Sunday night UTC = Monday 00:30 CET
  });
});
