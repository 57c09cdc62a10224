import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { AccountHealth } from '@caseyos/contracts';
import { Repository } from 'typeorm';
import { CLOCK, Clock, DAY_MS } from '../platform/clock/clock';
import { Account } from './account.entity';
import { AccountActivitySocket } from './account-activity.port';
import { accountHealth, withActivity } from './account-health';

/** Subscriptions renew yearly unless HubSpot says otherwise. */
const RENEWAL_TERM_MS = 365 * DAY_MS;

export interface RenewalDue {
  company: string;
  renewalAt: Date;
  arrUsd: number | null;
}

export type AccountFactsUpdate = Partial<Omit<Account, 'company' | 'updatedAt'>>;

@Injectable()
export class AccountsService {
  constructor(
    @InjectRepository(Account) private readonly accounts: Repository<Account>,
    private readonly activity: AccountActivitySocket,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async health(company: string): Promise<AccountHealth | null> {
    const account = await this.accounts.findOne({ where: { company } });
    return account ? this.healthOf(account) : null;
  }

  /** What a draft about the account may quote: lifecycle, ARR, renewal and the health report. */
  async profile(company: string): Promise<{ isCustomer: boolean; arrUsd: number | null; renewalAt: Date | null; health: AccountHealth } | null> {
    const account = await this.accounts.findOne({ where: { company } });
    if (!account) return null;
    return { isCustomer: account.lifecycle === 'customer', arrUsd: account.arrUsd, renewalAt: account.renewalAt, health: await this.healthOf(account) };
  }

  /** Only customer accounts carry churn risk. */
  async riskOf(company: string | null): Promise<number | null> {
    if (!company) return null;
    const account = await this.accounts.findOne({ where: { company } });
    return account?.lifecycle === 'customer' ? (await this.healthOf(account)).risk_score : null;
  }

  private async healthOf(account: Account): Promise<AccountHealth> {
    return accountHealth(withActivity(account, await this.activity.accountActivity(account.company)), this.clock.now());
  }

  async isCustomer(company: string | null): Promise<boolean> {
    if (!company) return false;
    return (await this.accounts.findOne({ where: { company }, select: { company: true, lifecycle: true } }))?.lifecycle === 'customer';
  }

  /**
   * A won deal makes its company a customer. ARR is the largest won amount seen (a deal won
   * twice is not counted twice); the renewal falls on the next anniversary of the win unless a
   * later one is already known.
   */
  async recordWin(company: string, win: { amountUsd: number | null; wonAt: Date }): Promise<void> {
    const now = this.clock.now().getTime();
    let renewalMs = win.wonAt.getTime() + RENEWAL_TERM_MS;
    while (renewalMs <= now) renewalMs += RENEWAL_TERM_MS;
    const renewal = new Date(renewalMs);
    await this.accounts.query(
      `INSERT INTO accounts (company, lifecycle, arr_usd, renewal_at, updated_at) VALUES ($1, 'customer', $2, $3, $4)
       ON CONFLICT (company) DO UPDATE SET lifecycle = 'customer',
         arr_usd = GREATEST(accounts.arr_usd, EXCLUDED.arr_usd),
         renewal_at = GREATEST(accounts.renewal_at, EXCLUDED.renewal_at),
         updated_at = EXCLUDED.updated_at`,
      [company, win.amountUsd, renewal, this.clock.now()],
    );
  }

  /** Customer accounts renewing between now and `until` not yet noticed for that date, soonest first. */
  async renewalsDue(until: Date, limit: number): Promise<RenewalDue[]> {
    const rows: { company: string; renewal_at: Date; arr_usd: number | null }[] = await this.accounts.query(
      `SELECT company, renewal_at, arr_usd FROM accounts
        WHERE lifecycle = 'customer' AND renewal_at BETWEEN $1 AND $2
          AND renewal_noticed_for IS DISTINCT FROM renewal_at
        ORDER BY renewal_at, company
        LIMIT $3`,
      [this.clock.now(), until, limit],
    );
    return rows.map((row) => ({ company: row.company, renewalAt: row.renewal_at, arrUsd: row.arr_usd }));
  }

  /**
   * The renewal found by `renewalsDue` was raised. Copied in SQL, so a renewal date finer than
   * JavaScript's milliseconds still matches; a renewal date changed meanwhile stays due.
   */
  async markRenewalNoticed(renewal: RenewalDue): Promise<void> {
    await this.accounts.query(
      `UPDATE accounts SET renewal_noticed_for = renewal_at
        WHERE company = $1 AND date_trunc('milliseconds', renewal_at) = $2`,
      [renewal.company, renewal.renewalAt],
    );
  }

  async upsert(company: string, facts: AccountFactsUpdate): Promise<void> {
    await this.accounts.upsert({ company, ...facts, updatedAt: this.clock.now() }, ['company']);
  }
}
