import { Inject, Injectable } from '@nestjs/common';
import type { ActionType, Domain } from '@caseyos/contracts';
import { CLOCK, Clock } from '../../platform/clock/clock';
import { OUTCOME_HISTORY, OutcomeHistoryPort } from '../outcome-history.port';
import { ApsResult, calculateAps } from './aps-calculator';
import type { ApsSettings, ScoreInputs } from './score-inputs';

export const APS_SETTINGS = Symbol('APS_SETTINGS');

/** Feeds the pure calculator with settings, outcome history and the clock. */
@Injectable()
export class ApsScorer {
  constructor(
    @Inject(APS_SETTINGS) private readonly settings: ApsSettings,
    @Inject(OUTCOME_HISTORY) private readonly history: OutcomeHistoryPort,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async score(domain: Domain, actionType: ActionType, inputs: ScoreInputs, contactEmail: string | null): Promise<ApsResult> {
    const [success, contact] = await Promise.all([
      this.history.successHistory(domain, actionType),
      contactEmail ? this.history.contactHistory(contactEmail) : Promise.resolve(null),
    ]);
    return calculateAps(domain, actionType, inputs, { now: this.clock.now(), settings: this.settings, success, contact });
  }
}
