import type { CrmDeal } from './crm-records';
import type { SandboxWorld } from './sandbox-world';

export const ACTIVITY_KINDS = [
  'deal_stage_forward',
  'deal_stage_backward',
  'deal_won',
  'deal_created',
  'email_sent',
  'email_reply',
  'email_forwarded_reply',
  'email_bcc_reply',
  'email_auto_reply',
  'email_bounce',
  'meeting_booked',
  'meeting_cancelled',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** What one activity changed, with the ids a test or a connector can look up. */
export interface GeneratedActivity {
  kind: ActivityKind;
  skipped?: string;
  dealId?: string;
  fromStage?: string;
  toStage?: string;
  messageIds?: string[];
  threadId?: string;
  eventId?: string;
}

/** Applies one activity at time `at`; returns why not when the world offers nothing to act on. */
export type ActivityRunner = (world: SandboxWorld, at: number) => GeneratedActivity | string;

export const DAY = 86_400_000;

/** A random deal matching `predicate`, if any. */
export function pickDeal(world: SandboxWorld, predicate: (deal: CrmDeal) => boolean): CrmDeal | undefined {
  const candidates = [...world.crm.deals.values()].filter(predicate);
  return candidates.length > 0 ? world.random.pick(candidates) : undefined;
}
