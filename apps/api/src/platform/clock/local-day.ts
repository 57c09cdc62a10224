/**
 * Calendar days in an IANA time zone, from the same zone data (ICU) that validated the zone name,
 * so the database's own zone tables never have to agree with it.
 */
export class LocalDays {
  private readonly format: Intl.DateTimeFormat;

  constructor(readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  }

  /** The local date of `at`, as YYYY-MM-DD. */
  dateOf(at: Date | number): string {
    const { year, month, day } = this.fields(at);
    return `${year}-${pad(month)}-${pad(day)}`;
  }

  /** The first instant of the local day `at` falls on (where midnight is skipped, the first that exists). */
  startOfDay(at: Date): Date {
    const date = this.dateOf(at);
    const { year, month, day } = this.fields(at);
    const midnightAsUtc = Date.UTC(year, month - 1, day);
    // The offset at a guess is close to the offset at midnight; a second pass settles DST days.
    const first = midnightAsUtc - this.offsetAt(midnightAsUtc);
    const second = midnightAsUtc - this.offsetAt(first);
    const candidates = [first, second].filter((instant) => this.dateOf(instant) === date).sort((a, b) => a - b);
    // A midnight that does not exist (clocks jump from 23:59 to 01:00): the day starts at the jump.
    return new Date(candidates[0] ?? Math.max(first, second));
  }

  /** Local wall-clock time minus UTC at `instant`, in milliseconds. */
  private offsetAt(instant: number): number {
    const { year, month, day, hour, minute, second } = this.fields(instant);
    return Date.UTC(year, month - 1, day, hour, minute, second) - Math.floor(instant / 1000) * 1000;
  }

  private fields(at: Date | number): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
    const parts = Object.fromEntries(this.format.formatToParts(at).map((part) => [part.type, part.value]));
    return { year: +parts.year, month: +parts.month, day: +parts.day, hour: +parts.hour, minute: +parts.minute, second: +parts.second };
  }
}

const pad = (n: number) => String(n).padStart(2, '0');
