import { Injectable } from '@nestjs/common';

/** Account activity covers this many days up to now (the CS risk score's negative replies and deal regressions). */
export const ACCOUNT_ACTIVITY_DAYS = 90;

/** What CaseyOS itself saw of an account: its last touch, and the trouble of the last ACCOUNT_ACTIVITY_DAYS. */
export interface AccountActivity {
  lastTouchAt: Date | null;
  negativeReplies: number;
  dealRegressions: number;
}

export interface AccountActivityPort {
  accountActivity(company: string): Promise<AccountActivity>;
}

const noActivity: AccountActivityPort = {
  accountActivity: async () => ({ lastTouchAt: null, negativeReplies: 0, dealRegressions: 0 }),
};

/**
 * How accounts learn what happened to them without importing the outcomes module, which reads
 * moves, executions and signals that all depend on accounts: the outcomes module plugs its
 * history in at start-up (OutcomesModule). Until it does, an account has only its stored facts.
 */
@Injectable()
export class AccountActivitySocket implements AccountActivityPort {
  private source: AccountActivityPort = noActivity;

  plugIn(source: AccountActivityPort): void {
    this.source = source;
  }

  accountActivity(company: string): Promise<AccountActivity> {
    return this.source.accountActivity(company);
  }
}
