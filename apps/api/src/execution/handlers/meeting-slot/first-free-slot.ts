import { DAY_MS } from '../../../platform/clock/clock';
import { LocalDays } from '../../../platform/clock/local-day';

const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;
const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export interface WorkingHours {
  startMinutes: number;
  endMinutes: number;
  /** ISO weekdays, 1 = Monday .. 7 = Sunday. */
  days: number[];
}

/** Reads "Mon-Fri 09:00-17:00", "Mon,Wed,Fri 10:00-16:30" or "Sun-Thu 08:00-16:00" (ranges may wrap past Sunday). */
export function parseWorkingHours(spec: string): WorkingHours {
  // JSON quoting keeps the message on one line whatever the input holds.
  const fail = (reason: string): never => {
    throw new Error(`Invalid working hours ${JSON.stringify(spec)}: ${reason}`);
  };
  const day = '[A-Za-z]+(?:\\s*-\\s*[A-Za-z]+)?';
  const match = new RegExp(`^\\s*(${day}(?:\\s*,\\s*${day})*)\\s+(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})\\s*$`).exec(spec);
  if (!match) return fail('expected days and times like "Mon-Fri 09:00-17:00"');
  const weekday = (name: string): number => {
    const index = DAY_NAMES.indexOf(name.trim().toLowerCase());
    return index >= 0 ? index + 1 : fail(`unknown day "${name.trim()}" (use Mon, Tue, Wed, Thu, Fri, Sat, Sun)`);
  };
  const clockMinutes = (time: string): number => {
    const [hour, minute] = time.split(':').map(Number);
    const minutes = hour * 60 + minute;
    return minute < 60 && minutes <= DAY_MINUTES ? minutes : fail(`no such time "${time}"`);
  };

  const days = new Set<number>();
  for (const range of match[1].split(',')) {
    const [first, last = first] = range.split('-').map(weekday);
    for (let d = first; ; d = (d % 7) + 1) {
      days.add(d);
      if (d === last) break;
    }
  }
  const startMinutes = clockMinutes(match[2]);
  const endMinutes = clockMinutes(match[3]);
  if (startMinutes >= endMinutes) fail('the end must be later than the start on the same day');
  return { startMinutes, endMinutes, days: [...days].sort((a, b) => a - b) };
}

export interface SlotRequest {
  now: Date;
  /** IANA zone; working hours are wall-clock times there. */
  timeZone: string;
  hours: WorkingHours;
  durationMinutes: number;
  /** Unsorted, may overlap, may extend outside the search range. */
  busy: { start: Date; end: Date }[];
  /** Working days searched, today included while some of its working time is still ahead (default 5). */
  businessDays?: number;
  /** The earliest start is this long after `now` (default 60). */
  leadMinutes?: number;
  /** Starts lie on this wall-clock grid, counted from local midnight (default 30, so :00 and :30). */
  stepMinutes?: number;
}

/**
 * The earliest slot of `durationMinutes` inside one day's working hours that overlaps no busy interval
 * (touching is fine) and starts on the grid no sooner than `now` plus the lead; null if none fits.
 */
export function firstFreeSlot(request: SlotRequest): { start: Date; end: Date } | null {
  const { hours, durationMinutes, leadMinutes = 60, stepMinutes = 30 } = request;
  requirePositiveInteger('durationMinutes', durationMinutes);
  requirePositiveInteger('stepMinutes', stepMinutes);
  if (!(leadMinutes >= 0)) throw new RangeError(`leadMinutes must be at least 0, not ${leadMinutes}`);

  const clock = new WallClock(request.timeZone);
  const now = request.now.getTime();
  const earliest = now + leadMinutes * MINUTE_MS;
  const duration = durationMinutes * MINUTE_MS;
  const busy = request.busy.map(({ start, end }) => [start.getTime(), end.getTime()] as const);

  for (const day of workingDays(clock, now, hours, request.businessDays)) {
    const gridMinutes: number[] = [];
    for (let m = Math.ceil(hours.startMinutes / stepMinutes) * stepMinutes; m < hours.endMinutes; m += stepMinutes) gridMinutes.push(m);
    // A repeated hour shows its grid times twice, so the day's starts are only in order once sorted.
    const starts = gridMinutes.flatMap((m) => clock.instantsAt(day.date + m * MINUTE_MS)).sort((a, b) => a - b);
    for (const start of starts) {
      const end = start + duration;
      // The day.start check matters when the opening time falls in a spring-forward gap and moves later.
      if (start < earliest || start < day.start || end > day.end) continue;
      if (!busy.some(([busyStart, busyEnd]) => busyStart < end && busyEnd > start)) return { start: new Date(start), end: new Date(end) };
    }
  }
  return null;
}

/** The range to ask free/busy for: everything firstFreeSlot may look at with the same arguments. */
export function searchWindow(request: Pick<SlotRequest, 'now' | 'timeZone' | 'hours' | 'businessDays'>): { timeMin: Date; timeMax: Date } {
  const now = request.now.getTime();
  const days = workingDays(new WallClock(request.timeZone), now, request.hours, request.businessDays);
  return { timeMin: new Date(Math.max(now, days[0].start)), timeMax: new Date(days[days.length - 1].end) };
}

interface WorkingDay {
  /** Local midnight, written as if it were a UTC instant. */
  date: number;
  start: number;
  end: number;
}

function workingDays(clock: WallClock, now: number, hours: WorkingHours, count = 5): WorkingDay[] {
  requirePositiveInteger('businessDays', count);
  const { startMinutes, endMinutes, days } = hours;
  // Checked here because an empty or out-of-range weekday list would never reach `count` days.
  const valid = [startMinutes, endMinutes].every(Number.isInteger) && startMinutes >= 0 && startMinutes < endMinutes && endMinutes <= DAY_MINUTES;
  if (!valid || days.length === 0 || !days.every((d) => Number.isInteger(d) && d >= 1 && d <= 7)) {
    throw new RangeError(`Invalid working hours ${JSON.stringify(hours)}`);
  }

  const result: WorkingDay[] = [];
  // Wall-clock dates step by plain 24 hours: they are UTC-like values, untouched by the zone's DST.
  for (let date = clock.dateOf(now); result.length < count; date += DAY_MS) {
    if (!days.includes(new Date(date).getUTCDay() || 7)) continue;
    const day = { date, start: clock.instant(date + startMinutes * MINUTE_MS), end: clock.instant(date + endMinutes * MINUTE_MS) };
    // Today counts as a business day only while some of its working time is still ahead.
    if (day.end > now) result.push(day);
  }
  return result;
}

function requirePositiveInteger(name: string, value: number): void {
  if (!(Number.isInteger(value) && value > 0)) throw new RangeError(`${name} must be a positive integer, not ${value}`);
}

/**
 * Converts between instants and the wall clock of a zone. Wall-clock readings are written as if they were UTC
 * instants (09:30 on 2026-03-29 is Date.UTC(2026, 2, 29, 9, 30)), so date and time arithmetic on them is plain.
 */
class WallClock {
  private readonly days: LocalDays;
  private readonly time: Intl.DateTimeFormat;

  constructor(timeZone: string) {
    this.days = new LocalDays(timeZone);
    this.time = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' });
  }

  /** Local midnight of the day `instant` falls on. */
  dateOf(instant: number): number {
    return Date.parse(this.days.dateOf(instant));
  }

  /** The instants at which the clock reads `wall`: none in a spring-forward gap, two in a repeated hour. */
  instantsAt(wall: number): number[] {
    return this.candidates(wall).filter((instant) => this.read(instant) === wall);
  }

  /**
   * The one instant `wall` stands for: the earlier in a repeated hour; in a gap, the one the offset before the
   * gap gives (as far past the gap as the time was into it), as RFC 5545 and Temporal's "compatible" do.
   */
  instant(wall: number): number {
    const candidates = this.candidates(wall);
    return candidates.find((instant) => this.read(instant) === wall) ?? candidates[candidates.length - 1];
  }

  /**
   * `wall` less the offsets in force a day either side, earliest first. A zone's offset changes at most once
   * in that span, so one of them is right unless `wall` falls in a gap, where the smaller (earlier) offset is last.
   */
  private candidates(wall: number): number[] {
    const offsets = [wall - DAY_MS, wall + DAY_MS].map((instant) => this.read(instant) - instant);
    return [...new Set(offsets.map((offset) => wall - offset))].sort((a, b) => a - b);
  }

  /** The wall-clock reading at `instant`, to the minute. */
  private read(instant: number): number {
    const parts = this.time.formatToParts(instant);
    const field = (type: 'hour' | 'minute') => Number(parts.find((part) => part.type === type)?.value);
    return this.dateOf(instant) + (field('hour') * 60 + field('minute')) * MINUTE_MS;
  }
}
