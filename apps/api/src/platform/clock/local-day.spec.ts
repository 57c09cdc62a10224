import { LocalDays } from './local-day';

const iso = (date: Date) => date.toISOString();

describe('LocalDays', () => {
  it('is plain UTC midnight in UTC', () => {
    const days = new LocalDays('UTC');
    expect(iso(days.startOfDay(new Date('2026-11-26T15:04:00Z')))).toBe('2026-11-26T00:00:00.000Z');
    expect(days.dateOf(new Date('2026-11-26T23:59:59Z'))).toBe('2026-11-26');
  });

  it('follows a fixed offset, across the UTC date line', () => {
    const kolkata = new LocalDays('Asia/Kolkata'); // UTC+5:30
    expect(iso(kolkata.startOfDay(new Date('2026-11-26T20:00:00Z')))).toBe('2026-11-26T18:30:00.000Z');
    expect(kolkata.dateOf(new Date('2026-11-26T20:00:00Z'))).toBe('2026-11-27');
    expect(iso(kolkata.startOfDay(new Date('2026-11-26T10:00:00Z')))).toBe('2026-11-25T18:30:00.000Z');
  });

  it('uses the offset in force at midnight on daylight saving days', () => {
    const berlin = new LocalDays('Europe/Berlin');
    // Summer time starts 2026-03-29 at 02:00: midnight is still winter time (UTC+1).
    expect(iso(berlin.startOfDay(new Date('2026-03-29T12:00:00Z')))).toBe('2026-03-28T23:00:00.000Z');
    // It ends 2026-10-25 at 03:00: midnight is still summer time (UTC+2).
    expect(iso(berlin.startOfDay(new Date('2026-10-25T12:00:00Z')))).toBe('2026-10-24T22:00:00.000Z');
    const newYork = new LocalDays('America/New_York');
    expect(iso(newYork.startOfDay(new Date('2026-03-08T18:00:00Z')))).toBe('2026-03-08T05:00:00.000Z');
  });

  it('starts a day whose midnight is skipped at the first instant that exists', () => {
    // Chile's summer time began 2026-09-06: clocks went from 23:59:59 (UTC-4) to 01:00 (UTC-3).
    const santiago = new LocalDays('America/Santiago');
    expect(iso(santiago.startOfDay(new Date('2026-09-06T15:00:00Z')))).toBe('2026-09-06T04:00:00.000Z');
  });
});
