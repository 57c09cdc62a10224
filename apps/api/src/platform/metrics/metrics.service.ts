import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { JobBeatsService } from '../queues/job-beats.service';
import { ScheduledJobRegistry } from '../queues/scheduled-job.registry';

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized'] as const;

/** Request latency by route pattern; also built by the platform-pieces benchmark (tools/bench). */
export const HTTP_DURATION_HISTOGRAM = {
  name: 'caseyos_http_request_duration_seconds',
  help: 'HTTP request latency by route and status',
  labelNames: ['method', 'route', 'status_code'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
};

/** One Prometheus registry per app; modules add their counters through it. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({ ...HTTP_DURATION_HISTOGRAM, registers: [this.registry] });

  constructor(
    private readonly scheduledJobs: ScheduledJobRegistry,
    beats: JobBeatsService,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'caseyos_' });
    const jobs = this.scheduledJobs;
    // From Postgres, so every process reports the same cluster-wide streak (alert rules take the max).
    new Gauge({
      name: 'caseyos_scheduled_job_consecutive_failures',
      help: 'Failed ticks in a row of each scheduled job since its last success',
      labelNames: ['job'],
      registers: [this.registry],
      async collect() {
        try {
          for (const job of await beats.failureStreaks()) this.set({ job: job.name }, job.consecutiveFailures);
        } catch {
          // Postgres down: keep the last values rather than failing the whole scrape.
        }
      },
    });
    new Gauge({
      name: 'caseyos_queue_jobs',
      help: 'Jobs per queue and state',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        const queues = new Map(jobs.all().map((job) => [job.queue.name, job.queue]));
        for (const [name, queue] of queues) {
          try {
            const counts = await queue.getJobCounts(...JOB_STATES);
            for (const state of JOB_STATES) this.set({ queue: name, state }, counts[state] ?? 0);
          } catch {
            // Redis down: keep the last values rather than failing the whole scrape.
          }
        }
      },
    });
  }

  counter(name: string, help: string, labelNames: string[] = []): Counter<string> {
    const existing = this.registry.getSingleMetric(name);
    if (existing) return existing as Counter<string>;
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }
}
