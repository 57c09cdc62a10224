import { Injectable, Logger } from '@nestjs/common';
import type { OutcomeView } from '@caseyos/contracts';
import { CommandQueueService } from '../../command-queue/command-queue.service';
import { ExecutionService } from '../../execution/execution.service';
import { OutcomeHistoryService } from './outcome-history.service';

/**
 * What a new outcome changes in what was learned: this process forgets the histories it
 * remembered (other processes hear `outcome.recorded` on the event bus), and the open moves of
 * the execution's (domain, action type) are rescored soon by the command queue.
 */
@Injectable()
export class LearningRefresh {
  private readonly logger = new Logger('Learning');

  constructor(
    private readonly history: OutcomeHistoryService,
    private readonly executions: ExecutionService,
    private readonly queue: CommandQueueService,
  ) {}

  /** Never fails: the outcome is stored already, and the remembered histories expire anyway. */
  async outcomeRecorded(outcome: OutcomeView): Promise<void> {
    this.history.forget();
    // Only an outcome attributed to an execution moves a success rate.
    if (!outcome.execution_id) return;
    try {
      const execution = await this.executions.get(outcome.execution_id);
      this.queue.requestRescore(execution.domain, execution.action_type);
    } catch (error) {
      this.logger.warn({ event: 'rescore_not_requested', outcome_id: outcome.id, execution_id: outcome.execution_id, error: (error as Error).message });
    }
  }
}
