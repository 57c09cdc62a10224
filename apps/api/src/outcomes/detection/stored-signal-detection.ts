import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { SignalsService } from '../../signals/signals.service';
import { DetectionJobs } from './detection-jobs';
import { OUTCOME_SOURCES } from './outcome-detector';

/** As soon as a signal is stored, its detection is queued (the sweep catches any this process loses). */
@Injectable()
export class StoredSignalDetection implements OnModuleInit, OnModuleDestroy {
  private subscription?: Subscription;

  constructor(
    private readonly signals: SignalsService,
    private readonly jobs: DetectionJobs,
  ) {}

  onModuleInit() {
    this.subscription = this.signals.stored.subscribe((signal) => {
      if (OUTCOME_SOURCES.includes(signal.source)) this.jobs.enqueueSoon({ unit: 'signal', id: signal.id });
    });
  }

  onModuleDestroy() {
    this.subscription?.unsubscribe();
  }
}
