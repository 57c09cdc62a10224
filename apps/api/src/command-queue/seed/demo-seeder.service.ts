import { Inject, Injectable } from '@nestjs/common';
import type { SeedResponse } from '@caseyos/contracts';
import { CLOCK, Clock, DAY_MS, HOUR_MS } from '../../platform/clock/clock';
import { AccountsService } from '../../accounts/accounts.service';
import { Actor, CommandQueueService } from '../command-queue.service';
import { DEMO_ACCOUNTS, DEMO_MOVES } from './demo-moves';

/** Demo data for every domain and action type. Keys make it idempotent. */
@Injectable()
export class DemoSeeder {
  constructor(
    private readonly queue: CommandQueueService,
    private readonly accounts: AccountsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async seed(by: Actor): Promise<SeedResponse> {
    const now = this.clock.now().getTime();
    for (const account of DEMO_ACCOUNTS) {
      if (await this.accounts.health(account.company)) continue; // real facts may have arrived since
      const renewalAt = account.renewalInDays === undefined ? null : new Date(now + account.renewalInDays * DAY_MS);
      const renewalMoveSeeded = DEMO_MOVES.some((demo) => demo.company === account.company && demo.actionType === 'renewal_outreach');
      await this.accounts.upsert(account.company, {
        lifecycle: account.lifecycle,
        arrUsd: account.arrUsd ?? null,
        renewalAt,
        // The seeded renewal move stands for the renewal notice; the poller does not raise another.
        renewalNoticedFor: renewalMoveSeeded ? renewalAt : null,
        lastTouchAt: new Date(now - account.lastTouchDaysAgo * DAY_MS),
        negativeReplies90d: account.negativeReplies90d ?? 0,
        dealRegressions90d: account.dealRegressions90d ?? 0,
      });
    }
    let created = 0;
    for (const demo of DEMO_MOVES) {
      const account = DEMO_ACCOUNTS.find((candidate) => candidate.company === demo.company);
      const result = await this.queue.create(
        {
          domain: demo.domain,
          actionType: demo.actionType,
          title: demo.title,
          contactName: demo.contactName,
          contactEmail: demo.contactEmail,
          company: demo.company,
          dealId: demo.dealId ?? null,
          dealAmount: demo.dealAmount ?? null,
          dueAt: demo.dueInHours === undefined ? null : new Date(now + demo.dueInHours * HOUR_MS),
          actionParams: demo.actionParams ?? {},
          originKey: `demo:${demo.key}`,
          scoreInputs: {
            ...demo.inputs,
            signal_at: demo.signal ? new Date(now - demo.signal.minutesAgo * 60_000).toISOString() : null,
            signal_label: demo.signal?.label ?? null,
            intent: demo.signal?.intent ?? null,
            renewal_at: account?.renewalInDays === undefined ? null : new Date(now + account.renewalInDays * DAY_MS).toISOString(),
            last_touch_at: account ? new Date(now - account.lastTouchDaysAgo * DAY_MS).toISOString() : null,
          },
        },
        by,
      );
      if (result.created) created += 1;
    }
    return { created, existing: DEMO_MOVES.length - created };
  }
}
