import type { CalendarStore } from './calendar-store';
import type { CrmStore } from './crm-store';
import type { GmailMailbox } from './gmail-mailbox';
import type { SandboxClock } from './sandbox-clock';
import type { SeededRandom } from './seeded-random';

export interface OurAccount {
  name: string;
  email: string;
  alias: string;
}

/** Everything the emulated services hold; POST /_sandbox/reset replaces it with a fresh seed. */
export interface SandboxWorld {
  seed: number;
  random: SeededRandom;
  clock: SandboxClock;
  account: OurAccount;
  crm: CrmStore;
  mailbox: GmailMailbox;
  calendar: CalendarStore;
}
