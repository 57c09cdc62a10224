import { Injectable } from '@nestjs/common';
import type { OutcomeType, SignalView } from '@caseyos/contracts';
import { CommandQueueService } from '../../command-queue/command-queue.service';
import { attributedExecution } from './attribution';
import { AttributionCandidates } from './attribution-candidates';
import { DetectedOutcome, SignalDetector, happenedAt, textOf } from './outcome-detector';

/** What a HubSpot deal signal says happened; a win or a loss is also the move it is. */
function outcomesOf(signal: SignalView): OutcomeType[] {
  switch (signal.kind) {
    case 'deal_created':
      return ['deal_created'];
    case 'deal_advanced':
      return signal.payload.won === true ? ['deal_advanced', 'deal_won'] : ['deal_advanced'];
    case 'deal_regressed':
      return signal.payload.lost === true ? ['deal_regressed', 'deal_lost'] : ['deal_regressed'];
    default:
      return [];
  }
}

function amountOf(value: unknown): string | undefined {
  const amount = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(amount) ? String(amount) : undefined;
}

/** Deal changes, attributed to the latest execution of a move about the deal, else to the deal contact's latest execution. */
@Injectable()
export class DealDetector implements SignalDetector {
  readonly source = 'hubspot' as const;
  readonly name = 'deal-detector';

  constructor(
    private readonly candidates: AttributionCandidates,
    private readonly queue: CommandQueueService,
  ) {}

  async detect(signal: SignalView): Promise<DetectedOutcome[]> {
    const types = outcomesOf(signal);
    if (types.length === 0) return [];
    const dealId = textOf(signal.payload, 'deal_id');
    const dealMoves = dealId ? await this.queue.moveIdsForDeal(dealId) : [];
    // When HubSpot says the deal changed, not when we polled: an execution after the change did not cause it.
    const detectedAt = happenedAt(signal, signal.payload.modified_at);
    const candidates = await this.candidates.before(detectedAt, { itemIds: dealMoves, contactEmail: signal.contact_email });
    const execution = attributedExecution(candidates, (candidate) => dealMoves.includes(candidate.item_id));
    if (!execution) return [];
    const evidence = {
      signal_id: signal.id,
      deal_id: dealId,
      deal_stage_from: textOf(signal.payload, 'from_stage'),
      deal_stage_to: textOf(signal.payload, 'to_stage'),
      deal_amount_usd: amountOf(signal.payload.amount),
    };
    return types.map((outcomeType) => ({ execution, outcomeType, detectedAt, evidence }));
  }
}
