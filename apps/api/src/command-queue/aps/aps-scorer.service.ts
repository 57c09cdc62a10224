import { Inject, Injectable } from '@nestjs/common';
import type { ActionType, Domain } from '@caseyos/contracts';
import { CLOCK, Clock } from '../../platform/clock/clock';
import { OUTCOME_HISTORY, OutcomeHistoryPort } from '../outcome-history.port';
import { ApsResult, calculateAps } from './aps-calculator';
import type { ApsSettings, ScoreInputs, SuccessHistory } from './score-inputs';

export const APS_SETTINGS = Symbol('APS_SETTINGS');

/** How a move is scored when it is not scored anew at creation. */
export interface ScoringOptions {
  /** The scoring moment (a rescored move keeps the one it was created at). Default: now. */
  at?: Date;
  /** A success history already read (a rescoring pass reads it once for all its moves). */
  success?: SuccessHistory;
}

/** Feeds the pure calculator with settings, outcome history and the clock. */
@Injectable()
export class ApsScorer {
  constructor(
    @Inject(APS_SETTINGS) private readonly settings: ApsSettings,
    @Inject(OUTCOME_HISTORY) private readonly history: OutcomeHistoryPort,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async score(domain: Domain, actionType: ActionType, inputs: ScoreInputs, contactEmail: string | null, options: ScoringOptions = {}): Promise<ApsResult> {
    const [success, contact] = await Promise.all([
      options.success ?? this.history.successHistory(domain, actionType),
      contactEmail ? this.history.contactHistory(contactEmail) : Promise.resolve(null),
    ]);
    return calculateAps(domain, actionType, inputs, { now: options.at ?? this.clock.now(), settings: this.settings, success, contact });
  }

  /** The success history as it stands in the database, past any cache. */
  freshSuccessHistory(domain: Domain, actionType: ActionType): Promise<SuccessHistory> {
    return this.history.successHistory(domain, actionType, { fresh: true });
  }
}
