import { Injectable } from '@nestjs/common';
import type { ExecutionPlan, ExecutionResultData, ExternalObject } from '@caseyos/contracts';
import type { ComposedDraft, NewGmailDraft } from '../../connectors/google/gmail-draft-composer';
import { GmailConnector } from '../../connectors/google/gmail.connector';
import { DraftingService } from '../../drafting/drafting.service';
import { DraftContextFactory } from './draft-context.factory';
import { GmailDraftEffect } from './effects/gmail-draft.effect';
import { EXECUTION_HEADER, draftMessageId } from './effects/markers';
import { ObjectRemover } from './effects/object-remover';
import type { PlanInput, PlannedExecution, RunOptions } from './execution-handler';
import { RemovableHandler } from './removable.handler';
import { replyTargetOf } from './reply-target';
import { draftRecord, requireContactEmail } from './plan-input';

/**
 * An email to the move's contact as a Gmail draft from the primary send-as address (drafts are
 * never sent). A move made from a reply answers in that thread (threadId, In-Reply-To,
 * References). Rollback deletes the draft.
 */
@Injectable()
export abstract class GmailDraftHandler extends RemovableHandler<ComposedDraft> {
  readonly creates = ['gmail_draft'] as const;

  constructor(
    private readonly contexts: DraftContextFactory,
    private readonly gmail: GmailConnector,
    private readonly drafts: GmailDraftEffect,
    private readonly drafting: DraftingService,
    remover: ObjectRemover,
  ) {
    super(remover);
  }

  async plan({ move, executionId, edit, shown }: PlanInput): Promise<PlannedExecution<ComposedDraft>> {
    const to = requireContactEmail(move);
    const context = await this.contexts.for(move, 'required');
    const reply = await replyTargetOf(this.gmail, move);
    // The reply's text reaches the writer as untrusted data; the recipient stays the move's contact whatever it says.
    const written = await this.drafting.write('email', { ...context, trigger: { replyText: reply?.text ?? null } }, { edit, shown });
    const email = written.draft;
    const draft: NewGmailDraft = {
      to,
      subject: email.subject,
      text: email.text,
      messageId: draftMessageId(executionId, context.sender.email),
      headers: { [EXECUTION_HEADER]: executionId },
      inReplyTo: reply?.inReplyTo,
    };
    const { composed, request } = await this.drafts.compose(draft);
    const plan: ExecutionPlan = {
      action_type: move.action_type,
      summary: `Gmail draft to ${to}: "${email.subject}"${draft.inReplyTo ? ' (in the reply thread)' : ''}. Nothing is sent.`,
      requests: [request],
      reversible: this.reversible,
      ...draftRecord(written, edit),
    };
    return { plan, prepared: composed };
  }

  async execute(planned: PlannedExecution<ComposedDraft>, options: RunOptions): Promise<ExecutionResultData> {
    return { objects: [await this.drafts.create(planned.prepared, options)] };
  }

  async findExisting(plan: ExecutionPlan, options: RunOptions): Promise<ExternalObject[]> {
    return await this.drafts.find(plan.requests[0], options);
  }
}
