import { Inject, Injectable } from '@nestjs/common';
import type { CommandQueueMove } from '@caseyos/contracts';
import { AccountsService } from '../../accounts/accounts.service';
import { GmailConnector } from '../../connectors/google/gmail.connector';
import { AppConfig } from '../../platform/config/app-config';
import { CLOCK, Clock } from '../../platform/clock/clock';
import type { DraftAccount, DraftInput } from '../../drafting/draft-types';
import { replyTargetOf } from './reply-target';

/** Gathers what drafting writes from: the move, who sends it, the account's facts, clock and zone. */
@Injectable()
export class DraftContextFactory {
  constructor(
    private readonly gmail: GmailConnector,
    private readonly accounts: AccountsService,
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * `sender: 'required'` for drafts sent from Gmail (no Google connection, no draft); otherwise the
   * send-as name is only used when Google answers, so a HubSpot task never depends on Google.
   */
  async for(move: CommandQueueMove, sender: 'required' | 'optional'): Promise<DraftInput> {
    // Only CS drafts quote account facts (renewal, health report): the lookup is skipped for the rest.
    const [from, account] = await Promise.all([this.sender(sender), move.domain === 'cs' ? this.account(move.company) : null]);
    return { move, sender: from, account, now: this.clock.now(), timeZone: this.config.TIMEZONE };
  }

  /**
   * What the move's execution would draft from, for a voice-profile preview: with the reply's
   * text when the move answers one. A preview works without Google: then it drafts without it.
   */
  async forPreview(move: CommandQueueMove): Promise<DraftInput> {
    const [input, reply] = await Promise.all([this.for(move, 'optional'), replyTargetOf(this.gmail, move).catch(() => undefined)]);
    return { ...input, trigger: { replyText: reply?.text ?? null } };
  }

  /** The primary send-as identity; with `optional`, empty when Google does not answer. */
  async sender(need: 'required' | 'optional'): Promise<{ name: string; email: string }> {
    try {
      const addresses = await this.gmail.ourAddresses();
      const primary = addresses.find((address) => address.isDefault) ?? addresses[0];
      return { name: primary?.name ?? '', email: primary?.address ?? '' };
    } catch (error) {
      if (need === 'required') throw error;
      return { name: '', email: '' };
    }
  }

  private async account(company: string | null): Promise<DraftAccount | null> {
    if (!company) return null;
    const profile = await this.accounts.profile(company);
    if (!profile) return null;
    return {
      isCustomer: profile.isCustomer,
      arrUsd: profile.arrUsd,
      renewalAt: profile.renewalAt?.toISOString() ?? null,
      riskLevel: profile.isCustomer ? profile.health.level : null,
      riskParts: profile.health.parts.map((part) => ({ factor: part.factor, detail: part.detail })),
    };
  }
}
