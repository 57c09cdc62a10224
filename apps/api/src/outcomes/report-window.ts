import { DAY_MS } from '../platform/clock/clock';
import { ProblemException } from '../platform/http/problem-details.filter';

/** [from, to) */
export interface ReportWindow {
  from: Date;
  to: Date;
}

export const DEFAULT_REPORT_DAYS = 90;
/** Stats and the funnel read every execution of the window: at most a year of them. */
export const MAX_REPORT_DAYS = 366;

/** A 400 naming the field, like the validation pipe's. */
export function invalidInput(field: string, message: string): ProblemException {
  return new ProblemException(400, 'validation-failed', `Invalid input. ${field}: ${message}`, { errors: [{ field, messages: [message] }] });
}

/** Optional bounds (already validated instants) in order: `from` must not be after `to`. */
export function orderedBounds(from: string | undefined, to: string | undefined): { from?: Date; to?: Date } {
  const bounds = { from: from === undefined ? undefined : new Date(from), to: to === undefined ? undefined : new Date(to) };
  if (bounds.from && bounds.to && bounds.from > bounds.to) throw invalidInput('from', 'from must not be after to');
  return bounds;
}

/** The window of a report: `to` defaults to now, `from` to 90 days before `to`; at most a year. */
export function reportWindow(from: string | undefined, to: string | undefined, now: Date): ReportWindow {
  const bounds = orderedBounds(from, to);
  const end = bounds.to ?? now;
  const start = bounds.from ?? new Date(end.getTime() - DEFAULT_REPORT_DAYS * DAY_MS);
  if (start > end) throw invalidInput('from', 'from must not be after to');
  if (end.getTime() - start.getTime() > MAX_REPORT_DAYS * DAY_MS)
    throw invalidInput('from', `the window from ${start.toISOString()} to ${end.toISOString()} is longer than ${MAX_REPORT_DAYS} days`);
  return { from: start, to: end };
}
