import { type ActionType, ACTION_TYPES_BY_DOMAIN, type CommandQueueMove, type Domain, DOMAINS } from '@caseyos/contracts';
import type { DraftContext } from '../drafting/templates/draft-context';

/** Monday 8 December 2025, 10:00 UTC: a fixed clock for the template specs. */
export const NOW = new Date('2025-12-08T10:00:00Z');

export function domainOf(actionType: ActionType): Domain {
  const domain = DOMAINS.find((d) => (ACTION_TYPES_BY_DOMAIN[d] as readonly ActionType[]).includes(actionType));
  if (!domain) throw new Error(`Unknown action type ${actionType}`);
  return domain;
}

/** A plausible stored move; specs override what they test. */
export function moveOf(actionType: ActionType, overrides: Partial<CommandQueueMove> = {}): CommandQueueMove {
  return {
    id: 'move-1',
    domain: domainOf(actionType),
    action_type: actionType,
    title: 'A move',
    status: 'accepted',
    aps: 0.5,
    aps_breakdown: {
      base: 0.5,
      factors: [],
      outcome_adjustment: { success_rate: 0.5, observations: 0, multiplier: 1, note: '' },
      contact_adjustment: { delta: 0, note: '' },
      final: 0.5,
    },
    reasons: [],
    contact_email: null,
    contact_name: null,
    company: null,
    deal_id: null,
    deal_amount: null,
    due_at: null,
    snoozed_until: null,
    dismiss_reason: null,
    signal_id: null,
    action_params: {},
    created_at: NOW.toISOString(),
    updated_at: NOW.toISOString(),
    version: 1,
    ...overrides,
  };
}

export function contextOf(move: CommandQueueMove, overrides: Partial<Omit<DraftContext, 'move'>> = {}): DraftContext {
  return { move, sender: { name: 'Casey Jones', email: 'casey@caseyos.example.com' }, account: null, now: NOW, timeZone: 'Europe/Berlin', ...overrides };
}
