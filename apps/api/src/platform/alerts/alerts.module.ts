import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Global, Inject, Module, OnModuleInit } from '@nestjs/common';
import { QUEUES } from '@caseyos/contracts';
import type { Queue } from 'bullmq';
import { logQueueErrors } from '../queues/queue-errors';
import { AlertConditions } from './alert-condition';
import { AlertsJob } from './alerts.job';
import { AlertsService } from './alerts.service';
import { HttpErrorRateAlert } from './http-error-rate.alert';
import { ScheduledJobFailingAlert } from './scheduled-job-failing.alert';

/** Operator alerts to ALERT_WEBHOOK_URL; feature modules register their conditions with `AlertConditions`. */
@Global()
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.alerts })],
  providers: [AlertConditions, AlertsService, AlertsJob, HttpErrorRateAlert, ScheduledJobFailingAlert],
  exports: [AlertConditions, HttpErrorRateAlert],
})
export class AlertsModule implements OnModuleInit {
  constructor(
    private readonly conditions: AlertConditions,
    private readonly httpErrors: HttpErrorRateAlert,
    private readonly jobsFailing: ScheduledJobFailingAlert,
    @Inject(getQueueToken(QUEUES.alerts)) queue: Queue,
  ) {
    logQueueErrors('Alerts', [queue]);
  }

  onModuleInit(): void {
    this.conditions.register(this.httpErrors);
    this.conditions.register(this.jobsFailing);
  }
}
