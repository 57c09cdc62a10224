import type { CommandQueueMove } from '@caseyos/contracts';

/** The built-in sample: a demo request from a prospect, the move a founder answers most. */
export function sampleMove(now: Date): CommandQueueMove {
  return {
    id: '00000000-0000-4000-8000-000000005a3e',
    domain: 'sales',
    action_type: 'send_email',
    title: 'Reply to the demo request from Northwind Analytics',
    status: 'pending',
    aps: 0.8,
    aps_breakdown: {
      base: 0.8,
      factors: [],
      outcome_adjustment: { success_rate: 0.5, observations: 0, multiplier: 1, note: '' },
      contact_adjustment: { delta: 0, note: '' },
      final: 0.8,
    },
    reasons: ['Asked for a demo today'],
    contact_email: 'dana.reyes@northwind.example.com',
    contact_name: 'Dana Reyes',
    company: 'Northwind Analytics',
    deal_id: null,
    deal_amount: null,
    due_at: null,
    snoozed_until: null,
    dismiss_reason: null,
    signal_id: null,
    action_params: { rule: 'form.demo_request', context: { signal_kind: 'demo_request', signal_label: 'Demo request', form_name: 'Book a demo' } },
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
    version: 1,
  };
}
