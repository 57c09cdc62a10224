/**
 * Sandbox time: real time plus an offset. Tests advance it (POST /_sandbox/clock) to expire
 * tokens or age records without sleeping.
 */
export class SandboxClock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  get offset(): number {
    return this.offsetMs;
  }
}
