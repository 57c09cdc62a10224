import { Injectable } from '@nestjs/common';
import type { ActionType, ExecutionView } from '@caseyos/contracts';
import { ExecutionService } from '../../execution/execution.service';
import { OutcomeSettings } from '../outcome-settings';

export interface CandidateMatch {
  ids?: readonly string[];
  itemIds?: readonly string[];
  contactEmail?: string | null;
  actionTypes?: readonly ActionType[];
}

/** More than one contact gets in three days is unusual; the newest this many are enough to choose from. */
const MAX_CANDIDATES = 20;

/** The executions an outcome seen at a moment may belong to: succeeded, finished inside the attribution window before it. */
@Injectable()
export class AttributionCandidates {
  constructor(
    private readonly executions: ExecutionService,
    private readonly settings: OutcomeSettings,
  ) {}

  before(at: Date, match: CandidateMatch): Promise<ExecutionView[]> {
    if (!match.ids?.length && !match.itemIds?.length && !match.contactEmail) return Promise.resolve([]);
    return this.executions.attributable({ ...match, finishedAfter: new Date(at.getTime() - this.settings.windowMs), finishedBefore: at, limit: MAX_CANDIDATES });
  }
}
