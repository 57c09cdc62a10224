import { Injectable } from '@nestjs/common';
import type { ActionType, ExecutionView } from '@caseyos/contracts';
import { ExecutionService } from '../../execution/execution.service';
import { OutcomeSettings } from '../outcome-settings';

export interface CandidateMatch {
  itemIds?: readonly string[];
  contactEmail?: string | null;
  actionTypes?: readonly ActionType[];
}

/** More than one contact gets in three days is unusual; the newest this many are enough to choose from. */
const MAX_CANDIDATES = 20;

/**
 * The executions an outcome may belong to. One the evidence names (the draft a reply answers, the
 * event CaseyOS inserted) is that outcome's whatever its age; otherwise the candidates are the
 * succeeded ones that finished inside the attribution window before the outcome.
 */
@Injectable()
export class AttributionCandidates {
  constructor(
    private readonly executions: ExecutionService,
    private readonly settings: OutcomeSettings,
  ) {}

  /** The execution that made the named object, if CaseyOS made it; `attributable` is false once it was undone (or never succeeded). */
  async named(object: { rfc822MessageId: string } | { calendarEventId: string }): Promise<{ execution: ExecutionView; attributable: boolean } | null> {
    const execution = await this.executions.madeBy(object);
    return execution ? { execution, attributable: execution.status === 'succeeded' } : null;
  }

  before(at: Date, match: CandidateMatch): Promise<ExecutionView[]> {
    if (!match.itemIds?.length && !match.contactEmail) return Promise.resolve([]);
    return this.executions.attributable({
      ...match,
      finishedAfter: new Date(at.getTime() - this.settings.windowMs),
      finishedBefore: at,
      limit: MAX_CANDIDATES,
    });
  }
}
