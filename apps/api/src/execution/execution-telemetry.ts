import { Injectable, Logger } from '@nestjs/common';
import { ACTION_TYPES, ActionType, ExecutionStatus } from '@caseyos/contracts';
import { Counter, Gauge, Histogram } from 'prom-client';
import { MetricsService } from '../platform/metrics/metrics.service';
import { HandlerResilience } from './guardrails/handler-resilience';

export const EXECUTION_EVENTS = ['execution_started', 'execution_completed', 'execution_failed', 'dry_run_completed', 'rollback_completed'] as const;
export type ExecutionEvent = (typeof EXECUTION_EVENTS)[number];

const BREAKER_LEVEL = { closed: 0, half_open: 1, open: 2 } as const;

/** Named log lines and Prometheus series for every execution event; never a message body or token. */
@Injectable()
export class ExecutionTelemetry {
  private readonly logger = new Logger('Execution');
  private readonly counters: Record<ExecutionEvent, Counter<string>>;
  private readonly duration: Histogram<string>;

  constructor(metrics: MetricsService, resilience: HandlerResilience) {
    this.counters = Object.fromEntries(
      EXECUTION_EVENTS.map((event) => [event, metrics.counter(`caseyos_${event}_total`, `${event.replace(/_/g, ' ')} events`, ['action_type'])]),
    ) as Record<ExecutionEvent, Counter<string>>;
    this.duration = new Histogram({
      name: 'caseyos_execution_duration_seconds',
      help: 'Execution latency (claim to finish) by action type and final status',
      labelNames: ['action_type', 'status'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [metrics.registry],
    });
    new Gauge({
      name: 'caseyos_execution_breaker_state',
      help: 'Circuit breaker per action type: 0 closed, 1 half-open, 2 open',
      labelNames: ['action_type'],
      registers: [metrics.registry],
      collect() {
        for (const actionType of ACTION_TYPES) this.set({ action_type: actionType }, BREAKER_LEVEL[resilience.state(actionType).state]);
      },
    });
  }

  record(event: ExecutionEvent, fields: { execution_id: string; action_type: ActionType; item_id: string; [key: string]: unknown }): void {
    this.counters[event].inc({ action_type: fields.action_type });
    const failed = event === 'execution_failed';
    if (failed) this.logger.warn({ event, ...fields });
    else this.logger.log({ event, ...fields });
  }

  finished(actionType: ActionType, status: ExecutionStatus, seconds: number): void {
    this.duration.observe({ action_type: actionType, status }, seconds);
  }
}
