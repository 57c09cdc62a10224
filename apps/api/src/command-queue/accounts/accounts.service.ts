import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { AccountHealth } from '@caseyos/contracts';
import { Repository } from 'typeorm';
import { CLOCK, Clock } from '../../platform/clock/clock';
import { Account } from './account.entity';
import { accountHealth } from './account-health';

export type AccountFactsUpdate = Partial<Omit<Account, 'company' | 'updatedAt'>>;

@Injectable()
export class AccountsService {
  constructor(
    @InjectRepository(Account) private readonly accounts: Repository<Account>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async health(company: string): Promise<AccountHealth | null> {
    const account = await this.accounts.findOne({ where: { company } });
    return account ? accountHealth(account, this.clock.now()) : null;
  }

  /** Only customer accounts carry churn risk. */
  async riskOf(company: string | null): Promise<number | null> {
    if (!company) return null;
    const account = await this.accounts.findOne({ where: { company } });
    return account?.lifecycle === 'customer' ? accountHealth(account, this.clock.now()).risk_score : null;
  }

  async isCustomer(company: string | null): Promise<boolean> {
    if (!company) return false;
    return (await this.accounts.findOne({ where: { company }, select: { company: true, lifecycle: true } }))?.lifecycle === 'customer';
  }

  async upsert(company: string, facts: AccountFactsUpdate): Promise<void> {
    await this.accounts.upsert({ company, ...facts, updatedAt: this.clock.now() }, ['company']);
  }
}
