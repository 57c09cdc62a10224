import { Injectable } from '@nestjs/common';
import type { ExecutionPlan, ExecutionResultData, ExternalObject } from '@caseyos/contracts';
import type { ComposedDraft, NewGmailDraft } from '../../connectors/google/gmail-draft-composer';
import type { NewDraftAsset } from '../assets/draft-assets.service';
import { PlanError } from '../execution-problems';
import { DraftingService } from '../../drafting/drafting.service';
import { DraftContextFactory } from './draft-context.factory';
import { DraftAssetEffect } from './effects/draft-asset.effect';
import { GmailDraftEffect } from './effects/gmail-draft.effect';
import { EXECUTION_HEADER, draftMessageId } from './effects/markers';
import { ObjectRemover } from './effects/object-remover';
import type { PlanInput, PlannedExecution, RunOptions } from './execution-handler';
import { RemovableHandler } from './removable.handler';
import { draftRecord } from './plan-input';

interface NewsletterPrepared {
  asset: NewDraftAsset;
  draft: ComposedDraft;
}

/**
 * newsletter_draft: the issue as a draft asset in CaseyOS and as a Gmail draft to the operator,
 * ready to paste into the newsletter tool. Each part is looked up before it is made, so a retry
 * completes a half-done execution instead of doubling it. Rollback deletes both.
 */
@Injectable()
export class NewsletterDraftHandler extends RemovableHandler<NewsletterPrepared> {
  readonly actionType = 'newsletter_draft';
  readonly creates = ['asset', 'gmail_draft'] as const;

  constructor(
    private readonly contexts: DraftContextFactory,
    private readonly assets: DraftAssetEffect,
    private readonly drafts: GmailDraftEffect,
    private readonly drafting: DraftingService,
    remover: ObjectRemover,
  ) {
    super(remover);
  }

  async plan({ move, executionId, edit, shown }: PlanInput): Promise<PlannedExecution<NewsletterPrepared>> {
    const context = await this.contexts.for(move, 'required');
    if (!context.sender.email) throw new PlanError('Gmail reports no send-as address to send the newsletter draft to.');
    const issue = await this.drafting.write('asset', context, { edit, shown });
    const assetDraft = issue.draft;
    // The Gmail copy carries the issue as written (or as edited).
    const email = await this.drafting.newsletterCopy(context, issue);
    const { asset, request } = this.assets.prepare(move, assetDraft, executionId);
    const draft: NewGmailDraft = {
      to: context.sender.email,
      subject: email.subject,
      text: email.text,
      messageId: draftMessageId(executionId, context.sender.email),
      headers: { [EXECUTION_HEADER]: executionId },
    };
    const composed = await this.drafts.compose(draft);
    const plan: ExecutionPlan = {
      action_type: move.action_type,
      summary: `Newsletter draft "${assetDraft.title}" kept in CaseyOS, and a Gmail draft of it to ${context.sender.email}. Nothing is sent.`,
      requests: [request, composed.request],
      reversible: this.reversible,
      ...draftRecord(issue, edit),
    };
    return { plan, prepared: { asset, draft: composed.composed } };
  }

  async execute(planned: PlannedExecution<NewsletterPrepared>, options: RunOptions): Promise<ExecutionResultData> {
    const asset = await this.assets.create(planned.prepared.asset);
    // Only an earlier attempt (which made the asset first) can have made the draft too.
    const [draft] = asset.existed ? await this.drafts.find(planned.plan.requests[1], options) : [];
    return { objects: [asset.object, draft ?? (await this.drafts.create(planned.prepared.draft, options))] };
  }

  async findExisting(plan: ExecutionPlan, options: RunOptions): Promise<ExternalObject[]> {
    const [assets, drafts] = await Promise.all([this.assets.find(options.executionId), this.drafts.find(plan.requests[1], options)]);
    return [...assets, ...drafts];
  }
}
