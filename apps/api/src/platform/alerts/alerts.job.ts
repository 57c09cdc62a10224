import { Injectable } from '@nestjs/common';
import { QUEUES, SCHEDULED_JOBS } from '@caseyos/contracts';
import { OnJob } from '../queues/on-job.decorator';
import { AlertsService } from './alerts.service';

/** Cluster-wide: one evaluation per minute however many workers run. */
@Injectable()
export class AlertsJob {
  constructor(private readonly alerts: AlertsService) {}

  @OnJob({ name: SCHEDULED_JOBS.evaluateAlerts, queue: QUEUES.alerts, everyMs: 60_000 })
  evaluate(): Promise<void> {
    return this.alerts.evaluate();
  }
}
