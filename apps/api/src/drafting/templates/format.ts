const DAY_MS = 86_400_000;

/** Building an Intl formatter costs far more than using one; drafts are rendered on every dry run. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, cached);
  }
  return cached;
}

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });

export function formatUsd(amount: number): string {
  return usd.format(amount);
}

/** A finite, non-negative amount, or null. */
export function money(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

/** A parseable ISO time, or null. */
export function instant(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The calendar date `at` falls on in `timeZone`, as a UTC-midnight Date (for date arithmetic only). */
export function localDate(at: Date, timeZone: string): Date {
  const parts = formatter('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, keeps years below 100 as they are.
  date.setUTCFullYear(part('year'), part('month') - 1, part('day'));
  return date;
}

/** Whole calendar days from `now` to `at`, counted in `timeZone` (negative when past). */
export function daysBetween(now: Date, at: Date, timeZone: string): number {
  return Math.round((localDate(at, timeZone).getTime() - localDate(now, timeZone).getTime()) / DAY_MS);
}

/** "Tuesday, 9 December", with the year when it is not the current one, both in `timeZone`. */
export function formatDay(at: Date, now: Date, timeZone: string): string {
  const sameYear = localDate(at, timeZone).getUTCFullYear() === localDate(now, timeZone).getUTCFullYear();
  return formatCalendarDate(localDate(at, timeZone), !sameYear);
}

/** "December 2026", the month `at` falls in within `timeZone`. */
export function formatMonth(at: Date, timeZone: string): string {
  return formatter('en-GB', { timeZone, month: 'long', year: 'numeric' }).format(at);
}

/** The next `count` weekdays after today in `timeZone`, as written dates. */
export function nextBusinessDays(now: Date, timeZone: string, count: number): string[] {
  const days: string[] = [];
  for (let day = localDate(now, timeZone); days.length < count;) {
    day = new Date(day.getTime() + DAY_MS);
    if (isWeekday(day)) days.push(formatCalendarDate(day, false));
  }
  return days;
}

/** How many days from today until the next weekday in `timeZone` (1 to 3). */
export function daysToNextBusinessDay(now: Date, timeZone: string): number {
  const today = localDate(now, timeZone).getTime();
  let days = 1;
  while (!isWeekday(new Date(today + days * DAY_MS))) days += 1;
  return days;
}

/** "in 9 days", "tomorrow", "today", "3 days ago". */
export function relativeDays(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

// A calendar date is held as UTC midnight, so it is formatted in UTC to keep its day.
function formatCalendarDate(date: Date, withYear: boolean): string {
  const weekday = formatter('en-GB', { timeZone: 'UTC', weekday: 'long' }).format(date);
  const day = formatter('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', ...(withYear ? { year: 'numeric' } : {}) });
  return `${weekday}, ${day.format(date)}`;
}

function isWeekday(date: Date): boolean {
  const weekday = date.getUTCDay();
  return weekday !== 0 && weekday !== 6;
}
