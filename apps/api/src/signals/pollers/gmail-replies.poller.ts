import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { GmailConnector } from '../../connectors/google/gmail.connector';
import type { GmailMessageMetadata } from '../../connectors/google/gmail-message-metadata';
import { HubSpotConnector } from '../../connectors/hubspot/hubspot.connector';
import { IntegrationsService } from '../../connectors/oauth/integrations.service';
import { AppConfig } from '../../platform/config/app-config';
import { Signal } from '../entities/signal.entity';
import { REPLY_CLASSIFIER, ReplyClassifier } from '../gmail/reply-classifier';
import { classifyInbound } from '../gmail/reply-detection';
import { IncomingSignal, SignalsService } from '../signals.service';
import type { PollResult } from './hubspot-deals.poller';

/**
 * Turns new Gmail messages into reply, auto-reply and bounce signals (reply detection in
 * gmail/reply-detection.ts, classification behind REPLY_CLASSIFIER). The message id is the
 * signal's external id, and messages already stored are skipped before any fetch: that is what
 * makes a re-listing (first sync, an expired history id, a truncated run) safe to repeat.
 */
@Injectable()
export class GmailRepliesPoller {
  private readonly logger = new Logger('GmailRepliesPoller');

  constructor(
    private readonly gmail: GmailConnector,
    private readonly hubspot: HubSpotConnector,
    private readonly integrations: IntegrationsService,
    private readonly signals: SignalsService,
    @InjectRepository(Signal) private readonly stored: Repository<Signal>,
    @Inject(REPLY_CLASSIFIER) private readonly classifier: ReplyClassifier,
    private readonly config: AppConfig,
  ) {}

  async poll(): Promise<PollResult> {
    if (!(await this.integrations.isConnected('google'))) return { signals: 0, truncated: false, skipped: 'google is not connected' };
    const batch = await this.gmail.syncHistory();
    const done = new Set(
      batch.messageIds.length > 0
        ? (await this.stored.find({ select: { externalId: true }, where: { source: 'gmail', externalId: In(batch.messageIds) } })).map((row) => row.externalId)
        : [],
    );
    const ours = (await this.gmail.ourAddresses()).map((entry) => entry.address);
    const threads = new Map<string, Promise<GmailMessageMetadata[]>>();
    const limit = this.config.SIGNAL_POLL_BATCH;
    let produced = 0;
    let truncated = false;
    for (const id of batch.messageIds) {
      if (done.has(id)) continue;
      const message = await this.gmail.messageMetadata(id);
      // Only an answer to something can be a reply: skip our own mail and new threads without a thread fetch.
      if (message.labelIds.includes('SENT') || (!message.inReplyTo && message.references.length === 0)) continue;
      if (!threads.has(message.threadId)) threads.set(message.threadId, this.gmail.threadMetadata(message.threadId));
      const verdict = classifyInbound(message, await threads.get(message.threadId)!, ours);
      if (!verdict) continue;
      if (produced === limit) {
        truncated = true;
        break;
      }
      await this.signals.receive(await this.toSignal(message, verdict), { actor: 'system:gmail-replies-poller' });
      produced += 1;
    }
    if (truncated) {
      // A history id cannot stop half-way: keep the old cursor, and the next run re-lists and skips what is stored.
      this.logger.warn({ event: 'batch truncated', poller: 'gmail-replies', signals: produced, full_sync: batch.fullSync });
    } else {
      await this.gmail.saveHistoryCursor(batch.cursor);
    }
    return { signals: produced, truncated };
  }

  private async toSignal(message: GmailMessageMetadata, verdict: NonNullable<ReturnType<typeof classifyInbound>>): Promise<IncomingSignal> {
    const classification = verdict.kind === 'reply' ? await this.classifier.classify({ subject: message.subject, text: message.snippet }) : null;
    const kind = classification ? `reply_${classification.label}` : verdict.kind;
    const contact = await this.hubspotContact(verdict.contactEmail);
    return {
      source: 'gmail',
      kind,
      externalId: message.id,
      contactEmail: verdict.contactEmail,
      company: contact?.company ?? null,
      classification,
      // No body text (not even the snippet): the signal says who answered and how, not what they wrote.
      payload: {
        message_id: message.id,
        thread_id: message.threadId,
        rfc822_message_id: message.messageId,
        answers_rfc822_message_id: verdict.answers,
        contact_name: verdict.contactName ?? ([contact?.firstName, contact?.lastName].filter(Boolean).join(' ') || null),
        from: message.from?.address ?? null,
        subject: message.subject,
        reason: verdict.reason,
        received_at: message.internalDate?.toISOString() ?? null,
      },
    };
  }

  /** The company for the rules (a negative reply from a customer escalates); none when HubSpot is not connected. */
  private async hubspotContact(email: string) {
    if (!(await this.integrations.isConnected('hubspot'))) return null;
    return this.hubspot.contactByEmail(email);
  }
}
