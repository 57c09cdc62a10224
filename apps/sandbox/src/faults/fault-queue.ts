import { type Fault, type FaultInput, type FaultKind, type FaultService, faultTargets } from './fault-types';

export interface ServedFault {
  faultId: number;
  service: FaultService;
  kind: FaultKind;
  route: string;
  at: number;
}

const SERVED_LOG_SIZE = 50;

/** Faults waiting for requests, first queued first served, plus a log of what was served. */
export class FaultQueue {
  private queue: Fault[] = [];
  private nextId = 1;
  readonly served: ServedFault[] = [];

  add(input: FaultInput): Fault {
    const fault = { ...input, id: this.nextId++ };
    this.queue.push(fault);
    return fault;
  }

  /** Takes one hit of the oldest fault for `service` whose kind this request can suffer and whose filter it passes. */
  take(service: FaultService, applicable: readonly FaultKind[], route: string, now: number): Fault | undefined {
    const fault = this.queue.find((f) => f.service === service && applicable.includes(f.kind) && faultTargets(f, route));
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.queue = this.queue.filter((f) => f !== fault);
    this.served.push({ faultId: fault.id, service, kind: fault.kind, route, at: now });
    if (this.served.length > SERVED_LOG_SIZE) this.served.shift();
    return { ...fault };
  }

  clear(): number {
    const cleared = this.queue.length;
    this.queue = [];
    return cleared;
  }

  pending(): Fault[] {
    return this.queue.map((f) => ({ ...f }));
  }
}
