import fc from 'fast-check';
import { firstFreeSlot, parseWorkingHours, searchWindow, SlotRequest, WorkingHours } from './first-free-slot';

const MINUTE_MS = 60_000;
const officeHours = parseWorkingHours('Mon-Fri 09:00-17:00');
const busy = (start: string, end: string) => ({ start: new Date(start), end: new Date(end) });

/** The slot's instants as ISO strings; every instant below is written in UTC so the runner's zone cannot matter. */
function slot(request: Partial<SlotRequest> & Pick<SlotRequest, 'now'>): [string, string] | null {
  const found = firstFreeSlot({ timeZone: 'Europe/Berlin', hours: officeHours, durationMinutes: 30, busy: [], ...request });
  return found && [found.start.toISOString(), found.end.toISOString()];
}

describe('parseWorkingHours', () => {
  it.each([
    ['Mon-Fri 09:00-17:00', { startMinutes: 540, endMinutes: 1020, days: [1, 2, 3, 4, 5] }],
    ['Mon,Wed,Fri 10:00-16:30', { startMinutes: 600, endMinutes: 990, days: [1, 3, 5] }],
    ['sun-thu 8:00-16:00', { startMinutes: 480, endMinutes: 960, days: [1, 2, 3, 4, 7] }],
    ['  Mon - Wed , Sat 07:15 - 24:00 ', { startMinutes: 435, endMinutes: 1440, days: [1, 2, 3, 6] }],
    ['FRI,Mon-Tue,Mon 00:00-00:30', { startMinutes: 0, endMinutes: 30, days: [1, 2, 5] }],
  ])('reads %j', (spec, expected) => {
    expect(parseWorkingHours(spec)).toEqual(expected);
  });

  it.each([
    ['', /expected days and times/],
    ['Mon-Fri', /expected days and times/],
    ['Mon-Fri 9-17', /expected days and times/],
    ['Mon-Fri-Sat 09:00-17:00', /expected days and times/],
    ['09:00-17:00', /expected days and times/],
    ['Mo-Fr 09:00-17:00', /unknown day "Mo"/],
    ['Mon-Fri 09:60-17:00', /no such time "09:60"/],
    ['Mon-Fri 09:00-24:30', /no such time "24:30"/],
    ['Mon-Fri 17:00-09:00', /end must be later than the start/],
    ['Mon-Fri 09:00-09:00', /end must be later than the start/],
    ['Mon-Fri 09:00-17:00\nSat 10:00-12:00', /expected days and times/],
  ])('rejects %j with a one-line message', (spec, reason) => {
    expect(() => parseWorkingHours(spec)).toThrow(reason);
    expect(() => parseWorkingHours(spec)).toThrow(/^Invalid working hours "[^\n]*$/);
  });
});

describe('firstFreeSlot', () => {
  // Berlin is UTC+1 in November; 2026-11-24 is a Tuesday.
  it('takes the next :00 or :30 after the lead on an empty calendar', () => {
    expect(slot({ now: new Date('2026-11-24T10:10:00Z') })).toEqual(['2026-11-24T11:30:00.000Z', '2026-11-24T12:00:00.000Z']);
    expect(slot({ now: new Date('2026-11-24T10:00:00Z') })).toEqual(['2026-11-24T11:00:00.000Z', '2026-11-24T11:30:00.000Z']);
    expect(slot({ now: new Date('2026-11-24T10:10:00Z'), leadMinutes: 0, stepMinutes: 15 })?.[0]).toBe('2026-11-24T10:15:00.000Z');
  });

  it('waits for the working day to start', () => {
    expect(slot({ now: new Date('2026-11-24T05:00:00Z') })?.[0]).toBe('2026-11-24T08:00:00.000Z');
  });

  it('moves to the next working day after hours, or when the lead runs past them', () => {
    expect(slot({ now: new Date('2026-11-24T16:30:00Z') })?.[0]).toBe('2026-11-25T08:00:00.000Z');
    expect(slot({ now: new Date('2026-11-24T15:31:00Z') })?.[0]).toBe('2026-11-25T08:00:00.000Z');
    expect(slot({ now: new Date('2026-11-24T15:00:00Z'), durationMinutes: 60 })?.[0]).toBe('2026-11-25T08:00:00.000Z');
  });

  it('goes from Friday evening to Monday morning', () => {
    expect(slot({ now: new Date('2026-11-27T17:00:00Z') })?.[0]).toBe('2026-11-30T08:00:00.000Z');
  });

  it('works on the listed days only', () => {
    const hours = parseWorkingHours('Mon,Wed,Fri 10:00-16:30');
    expect(slot({ now: new Date('2026-11-24T09:00:00Z'), hours })?.[0]).toBe('2026-11-25T09:00:00.000Z');
  });

  it('skips busy blocks, whose ends may touch the slot', () => {
    const blocks = [
      busy('2026-11-24T09:00:00Z', '2026-11-24T09:30:00Z'),
      busy('2026-11-20T08:00:00Z', '2026-11-20T18:00:00Z'),
      busy('2026-11-24T08:00:00Z', '2026-11-24T09:00:00Z'),
    ];
    expect(slot({ now: new Date('2026-11-24T06:00:00Z'), busy: blocks })).toEqual(['2026-11-24T09:30:00.000Z', '2026-11-24T10:00:00.000Z']);
  });

  it('skips overlapping busy blocks and returns to the grid after them', () => {
    const blocks = [
      busy('2026-11-24T09:30:00Z', '2026-11-24T11:00:00Z'),
      busy('2026-11-24T08:00:00Z', '2026-11-24T10:00:00Z'),
      busy('2026-11-24T10:45:00Z', '2026-11-24T11:15:00Z'),
    ];
    expect(slot({ now: new Date('2026-11-24T06:00:00Z'), busy: blocks })?.[0]).toBe('2026-11-24T11:30:00.000Z');
  });

  it('finds the first gap long enough', () => {
    const blocks = [busy('2026-11-24T08:00:00Z', '2026-11-24T09:00:00Z'), busy('2026-11-24T09:30:00Z', '2026-11-24T10:00:00Z')];
    expect(slot({ now: new Date('2026-11-24T06:00:00Z'), busy: blocks, durationMinutes: 60 })?.[0]).toBe('2026-11-24T10:00:00.000Z');
  });

  it('returns null when the meeting is longer than every gap', () => {
    const now = new Date('2026-11-24T06:00:00Z');
    // Busy on every hour from 09:00 to 17:00 local for the whole search, leaving 30-minute gaps.
    const blocks = Array.from({ length: 7 * 24 }, (_, hour) => {
      const start = Date.parse('2026-11-24T00:00:00Z') + hour * 60 * MINUTE_MS;
      return { start: new Date(start), end: new Date(start + 30 * MINUTE_MS) };
    });
    expect(slot({ now, busy: blocks, durationMinutes: 31 })).toBeNull();
    expect(slot({ now, busy: blocks, durationMinutes: 30 })?.[0]).toBe('2026-11-24T08:30:00.000Z');
    expect(slot({ now, durationMinutes: 8 * 60 + 1 })).toBeNull();
  });

  it('searches five working days, today included while working time is left', () => {
    const now = new Date('2026-11-27T17:00:00Z'); // Friday after hours: Monday to Friday next week.
    const untilThursday = [busy('2026-11-30T00:00:00Z', '2026-12-04T00:00:00Z')];
    expect(slot({ now, busy: untilThursday })?.[0]).toBe('2026-12-04T08:00:00.000Z');
    const allWeek = [busy('2026-11-30T00:00:00Z', '2026-12-05T00:00:00Z')];
    expect(slot({ now, busy: allWeek })).toBeNull();
    expect(slot({ now, busy: allWeek, businessDays: 6 })?.[0]).toBe('2026-12-07T08:00:00.000Z');
    // Thursday 16:10: the lead leaves no room today, but today still counts, so the search ends on Wednesday.
    const thursday = new Date('2026-11-26T15:10:00Z');
    expect(slot({ now: thursday, busy: [busy('2026-11-27T00:00:00Z', '2026-12-02T00:00:00Z')] })?.[0]).toBe('2026-12-02T08:00:00.000Z');
    expect(slot({ now: thursday, busy: [busy('2026-11-27T00:00:00Z', '2026-12-03T00:00:00Z')] })).toBeNull();
  });

  it('keeps 09:00 local across the spring and autumn changes in Berlin', () => {
    // Summer time starts Sunday 2026-03-29 (UTC+1 -> +2) and ends Sunday 2026-10-25 (UTC+2 -> +1).
    expect(slot({ now: new Date('2026-03-27T17:00:00Z') })?.[0]).toBe('2026-03-30T07:00:00.000Z');
    expect(slot({ now: new Date('2026-10-23T17:00:00Z') })?.[0]).toBe('2026-10-26T08:00:00.000Z');
    const everyDay = parseWorkingHours('Mon-Sun 09:00-17:00');
    expect(slot({ now: new Date('2026-03-28T20:00:00Z'), hours: everyDay })?.[0]).toBe('2026-03-29T07:00:00.000Z');
    expect(slot({ now: new Date('2026-10-24T20:00:00Z'), hours: everyDay })?.[0]).toBe('2026-10-25T08:00:00.000Z');
  });

  it('keeps 09:00 local across the changes in New York', () => {
    // EST (UTC-5) becomes EDT (UTC-4) on Sunday 2026-03-08 and back on Sunday 2026-11-01.
    const hours = parseWorkingHours('Mon-Sun 09:00-17:00');
    expect(slot({ timeZone: 'America/New_York', hours, now: new Date('2026-03-08T03:00:00Z') })?.[0]).toBe('2026-03-08T13:00:00.000Z');
    expect(slot({ timeZone: 'America/New_York', hours, now: new Date('2026-11-01T03:00:00Z') })?.[0]).toBe('2026-11-01T14:00:00.000Z');
    expect(slot({ timeZone: 'America/New_York', now: new Date('2026-03-06T23:00:00Z') })?.[0]).toBe('2026-03-09T13:00:00.000Z');
  });

  it('skips wall times that do not exist and offers repeated ones twice', () => {
    const sunday = parseWorkingHours('Sun 01:00-04:00');
    // 2026-03-29: 01:00 CET is 00:00Z, clocks jump from 02:00 to 03:00 CEST (01:00Z), 04:00 CEST is 02:00Z.
    const spring = { now: new Date('2026-03-28T12:00:00Z'), hours: sunday, businessDays: 1 };
    expect(slot({ ...spring, durationMinutes: 120 })).toEqual(['2026-03-29T00:00:00.000Z', '2026-03-29T02:00:00.000Z']);
    expect(slot({ ...spring, durationMinutes: 121 })).toBeNull();
    expect(slot({ ...spring, busy: [busy('2026-03-29T00:00:00Z', '2026-03-29T01:00:00Z')] })?.[0]).toBe('2026-03-29T01:00:00.000Z');
    // 2026-10-25: 01:00 CEST is 23:00Z, 02:00-03:00 is lived twice (00:00Z and 01:00Z), 04:00 CET is 03:00Z.
    const autumn = { now: new Date('2026-10-24T12:00:00Z'), hours: sunday, businessDays: 1 };
    expect(slot({ ...autumn, durationMinutes: 240 })).toEqual(['2026-10-24T23:00:00.000Z', '2026-10-25T03:00:00.000Z']);
    expect(slot({ ...autumn, busy: [busy('2026-10-24T23:00:00Z', '2026-10-25T00:30:00Z')] })?.[0]).toBe('2026-10-25T00:30:00.000Z');
    expect(slot({ ...autumn, busy: [busy('2026-10-24T23:00:00Z', '2026-10-25T01:00:00Z')] })?.[0]).toBe('2026-10-25T01:00:00.000Z');
  });

  it('starts a working day that opens inside the spring gap where its offset puts it', () => {
    // 02:30 does not exist on 2026-03-29 in Berlin; read with the winter offset it is 01:30Z (03:30 CEST).
    const hours = parseWorkingHours('Sun 02:30-05:00');
    expect(slot({ now: new Date('2026-03-28T12:00:00Z'), hours })?.[0]).toBe('2026-03-29T01:30:00.000Z');
  });

  it('keeps to the local grid in half-hour and quarter-hour zones', () => {
    // 15:10 in Kolkata (UTC+5:30, 09:40Z) plus an hour is 16:10, so 16:30 local, 11:00Z.
    expect(slot({ timeZone: 'Asia/Kolkata', now: new Date('2026-11-24T09:40:00Z') })?.[0]).toBe('2026-11-24T11:00:00.000Z');
    // 09:10 local (03:40Z) plus an hour is 10:10, so 10:30 local, 05:00Z.
    expect(slot({ timeZone: 'Asia/Kolkata', now: new Date('2026-11-24T03:40:00Z') })?.[0]).toBe('2026-11-24T05:00:00.000Z');
    expect(slot({ timeZone: 'Asia/Kolkata', now: new Date('2026-11-24T12:00:00Z') })?.[0]).toBe('2026-11-25T03:30:00.000Z');
    // Kathmandu is UTC+5:45.
    expect(slot({ timeZone: 'Asia/Kathmandu', now: new Date('2026-11-24T12:00:00Z') })?.[0]).toBe('2026-11-25T03:15:00.000Z');
  });

  it('rejects requests it cannot search', () => {
    const now = new Date('2026-11-24T10:00:00Z');
    expect(() => slot({ now, durationMinutes: 0 })).toThrow('durationMinutes must be a positive integer');
    expect(() => slot({ now, stepMinutes: 7.5 })).toThrow('stepMinutes must be a positive integer');
    expect(() => slot({ now, leadMinutes: -1 })).toThrow('leadMinutes must be at least 0');
    expect(() => slot({ now, businessDays: 0 })).toThrow('businessDays must be a positive integer');
    expect(() => slot({ now, hours: { ...officeHours, days: [] } })).toThrow('Invalid working hours');
    expect(() => slot({ now, hours: { ...officeHours, days: [0] } })).toThrow('Invalid working hours');
    expect(() => slot({ now, hours: { ...officeHours, endMinutes: 1500 } })).toThrow('Invalid working hours');
    expect(() => slot({ now, timeZone: 'Mars/Olympus_Mons' })).toThrow(RangeError);
  });
});

describe('searchWindow', () => {
  const window = (now: string, hours: WorkingHours = officeHours) => {
    const { timeMin, timeMax } = searchWindow({ now: new Date(now), timeZone: 'Europe/Berlin', hours });
    return [timeMin.toISOString(), timeMax.toISOString()];
  };

  it('runs from now, or the start of working hours, to the end of the fifth working day', () => {
    expect(window('2026-11-24T10:10:00Z')).toEqual(['2026-11-24T10:10:00.000Z', '2026-11-30T16:00:00.000Z']);
    expect(window('2026-11-24T05:00:00Z')).toEqual(['2026-11-24T08:00:00.000Z', '2026-11-30T16:00:00.000Z']);
    expect(window('2026-11-27T17:00:00Z')).toEqual(['2026-11-30T08:00:00.000Z', '2026-12-04T16:00:00.000Z']);
    expect(window('2026-03-27T17:00:00Z')).toEqual(['2026-03-30T07:00:00.000Z', '2026-04-03T15:00:00.000Z']);
    expect(window('2026-11-24T10:00:00Z', parseWorkingHours('Wed 10:00-12:00'))).toEqual(['2026-11-25T09:00:00.000Z', '2026-12-23T11:00:00.000Z']);
  });

  it('honours businessDays', () => {
    const { timeMax } = searchWindow({ now: new Date('2026-11-24T10:00:00Z'), timeZone: 'Europe/Berlin', hours: officeHours, businessDays: 1 });
    expect(timeMax.toISOString()).toBe('2026-11-24T16:00:00.000Z');
  });
});

describe('firstFreeSlot, checked against a brute-force search', () => {
  const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'America/Santiago', 'UTC'];
  // Clock changes in these zones, so that many searches span one.
  const CHANGES = ['2026-03-08', '2026-03-29', '2026-04-05', '2026-09-06', '2026-10-04', '2026-10-25', '2026-11-01'].map(Date.parse);
  const QUARTER_MS = 15 * MINUTE_MS;
  const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

  const formats = new Map<string, Intl.DateTimeFormat>();
  /** Local date, weekday and minutes past midnight, read straight from Intl. */
  function local(instant: number, timeZone: string) {
    const format =
      formats.get(timeZone) ??
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        weekday: 'short',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
      });
    formats.set(timeZone, format);
    const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
    return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday: DAY_NAMES.indexOf(parts.weekday) + 1, minutes: +parts.hour * 60 + +parts.minute };
  }

  const request = fc
    .record({
      timeZone: fc.constantFrom(...ZONES),
      now: fc
        .tuple(
          fc.oneof(
            fc.integer({ min: Date.parse('2026-01-01') / MINUTE_MS, max: Date.parse('2027-01-01') / MINUTE_MS }).map((minute) => minute * MINUTE_MS),
            fc.tuple(fc.constantFrom(...CHANGES), fc.integer({ min: -8 * 24 * 60, max: 2 * 24 * 60 })).map(([change, minutes]) => change + minutes * MINUTE_MS),
          ),
          // Often exactly on a minute, so that a start at exactly now + lead is tried.
          fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 59_999 })),
        )
        .map(([minute, ms]) => minute + ms),
      // Working hours stay clear of the night, where these zones change their clocks.
      days: fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 }),
      startQuarter: fc.integer({ min: 6 * 4, max: 12 * 4 }),
      lengthQuarters: fc.integer({ min: 4, max: 10 * 4 }),
      durationMinutes: fc.constantFrom(15, 30, 45, 60, 90, 120),
      stepMinutes: fc.constantFrom(15, 30, 60),
      leadMinutes: fc.integer({ min: 0, max: 180 }),
      businessDays: fc.integer({ min: 1, max: 5 }),
      busy: fc.array(fc.tuple(fc.integer({ min: -24 * 60, max: 10 * 24 * 60 }), fc.integer({ min: 1, max: 10 * 60 }), fc.integer({ min: 0, max: 59_999 })), {
        maxLength: 25,
      }),
    })
    .map((r): SlotRequest => ({
      timeZone: r.timeZone,
      now: new Date(r.now),
      hours: { days: r.days, startMinutes: r.startQuarter * 15, endMinutes: Math.min(r.startQuarter + r.lengthQuarters, 23 * 4) * 15 },
      durationMinutes: r.durationMinutes,
      stepMinutes: r.stepMinutes,
      leadMinutes: r.leadMinutes,
      businessDays: r.businessDays,
      // Busy intervals start anywhere near the search, to the millisecond.
      busy: r.busy.map(([offset, length, ms]) => {
        const start = r.now + offset * MINUTE_MS + ms;
        return { start: new Date(start), end: new Date(start + length * MINUTE_MS) };
      }),
    }));

  /** Whether a meeting could start at `start`, checked from first principles. */
  function fits(r: SlotRequest, start: number): boolean {
    const end = start + r.durationMinutes * MINUTE_MS;
    if (start < r.now.getTime() + (r.leadMinutes ?? 60) * MINUTE_MS) return false;
    if (r.busy.some((b) => b.start.getTime() < end && b.end.getTime() > start)) return false;
    const [from, to] = [local(start, r.timeZone), local(end, r.timeZone)];
    return (
      r.hours.days.includes(from.weekday) &&
      from.minutes % (r.stepMinutes ?? 30) === 0 &&
      from.minutes >= r.hours.startMinutes &&
      to.date === from.date &&
      to.minutes <= r.hours.endMinutes
    );
  }

  it('returns a free slot in working hours, with no earlier one free, or null when none fits', () => {
    fc.assert(
      fc.property(request, (r) => {
        const found = firstFreeSlot(r);
        const { timeMin, timeMax } = searchWindow(r);
        // Every wall-clock grid time in these zones is a whole UTC quarter-hour.
        const firstQuarter = Math.ceil(r.now.getTime() / QUARTER_MS) * QUARTER_MS;
        const last = found ? found.start.getTime() - QUARTER_MS : timeMax.getTime() - r.durationMinutes * MINUTE_MS;
        for (let start = firstQuarter; start <= last; start += QUARTER_MS) {
          if (fits(r, start)) throw new Error(`${new Date(start).toISOString()} was free`);
        }
        if (found) {
          expect(fits(r, found.start.getTime())).toBe(true);
          expect(found.end.getTime() - found.start.getTime()).toBe(r.durationMinutes * MINUTE_MS);
          expect(found.start.getTime()).toBeGreaterThanOrEqual(timeMin.getTime());
          expect(found.end.getTime()).toBeLessThanOrEqual(timeMax.getTime());
        }
      }),
      { numRuns: 300 },
    );
  });
});
