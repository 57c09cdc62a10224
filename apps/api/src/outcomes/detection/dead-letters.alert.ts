import { Injectable, OnModuleInit } from '@nestjs/common';
import { AlertCheck, AlertCondition, AlertConditions } from '../../platform/alerts/alert-condition';
import { DetectionJobs } from './detection-jobs';

export const DEAD_LETTER_WINDOW_MINUTES = 15;

/** Pure: did detections become dead letters within the window? */
export function deadLettersCheck(newInWindow: number, total: number): AlertCheck {
  return {
    firing: newInWindow > 0,
    detail: `${newInWindow} outcome detection${newInWindow === 1 ? '' : 's'} failed every try in the last ${DEAD_LETTER_WINDOW_MINUTES} minutes; ${total} dead letter${total === 1 ? '' : 's'} in all (GET /api/outcomes/dead-letters).`,
  };
}

/** The dead-letter queue grows: the outcome-detection queue's failed set gained jobs lately (BullMQ in Redis). */
@Injectable()
export class DeadLettersAlert implements AlertCondition, OnModuleInit {
  readonly id = 'dead_letters_growing';
  readonly title = 'Outcome detection dead letters growing';

  constructor(
    private readonly jobs: DetectionJobs,
    private readonly conditions: AlertConditions,
  ) {}

  onModuleInit(): void {
    this.conditions.register(this);
  }

  async check(now: Date): Promise<AlertCheck> {
    const { newSince, total } = await this.jobs.deadLetterGrowth(new Date(now.getTime() - DEAD_LETTER_WINDOW_MINUTES * 60_000));
    return deadLettersCheck(newSince, total);
  }
}
