import { ProblemException } from '../platform/http/problem-details.filter';
import { isInstant } from '../platform/http/is-instant';
import { reportWindow } from './report-window';

const now = new Date('2026-03-02T10:00:00Z');

function refusal(run: () => unknown): ProblemException {
  try {
    run();
  } catch (error) {
    if (error instanceof ProblemException) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('reportWindow', () => {
  it('defaults to the 90 days before now', () => {
    expect(reportWindow(undefined, undefined, now)).toEqual({ from: new Date('2025-12-02T10:00:00Z'), to: now });
  });

  it('reads a date as UTC midnight', () => {
    expect(reportWindow('2026-01-01', '2026-02-01', now)).toEqual({ from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-02-01T00:00:00Z') });
  });

  it('refuses from after to, and more than a year, with a 400 naming the field', () => {
    const reversed = refusal(() => reportWindow('2026-02-01', '2026-01-01', now));
    expect(reversed.getStatus()).toBe(400);
    expect(reversed.extra.errors).toEqual([{ field: 'from', messages: ['from must not be after to'] }]);
    expect(refusal(() => reportWindow('2026-05-01', undefined, now)).getStatus()).toBe(400);
    expect(refusal(() => reportWindow('2024-01-01', '2026-01-01', now)).getStatus()).toBe(400);
  });
});

describe('isInstant', () => {
  it('takes dates and date-times with a zone, never a local time or an impossible date', () => {
    for (const ok of ['2026-01-31', '2026-01-31T09:00:00Z', '2026-01-31T09:00Z', '2026-01-31T09:00:00.123+02:00']) expect(isInstant(ok)).toBe(true);
    for (const bad of ['2026-01-31T09:00:00', '2026-02-30', '2026-13-01', 'yesterday', '1700000000', '', '2026-01-31 09:00:00Z'])
      expect(isInstant(bad)).toBe(false);
  });
});
