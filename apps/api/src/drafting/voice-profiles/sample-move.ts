import type { CommandQueueMove, VoicePreviewSample } from '@caseyos/contracts';

/** A built-in move to preview a profile against, and the reply it answers (the contact's words). */
export interface SampleMove {
  move: CommandQueueMove;
  replyText: string | null;
}

/** The text of the sample reply: a prospect's questions, as Gmail's snippet would give them. */
export const SAMPLE_REPLY_TEXT =
  'Thanks for the overview. Before we go further: how long does the HubSpot setup take, and could we start with just two people on the sales team?';

const NO_FACTORS: CommandQueueMove['aps_breakdown'] = {
  base: 0.8,
  factors: [],
  outcome_adjustment: { success_rate: 0.5, observations: 0, multiplier: 1, note: '' },
  contact_adjustment: { delta: 0, note: '' },
  final: 0.8,
};

function move(
  now: Date,
  fields: Pick<CommandQueueMove, 'id' | 'title' | 'reasons' | 'contact_email' | 'contact_name' | 'company' | 'action_params'>,
): CommandQueueMove {
  return {
    domain: 'sales',
    action_type: 'send_email',
    status: 'pending',
    aps: 0.8,
    aps_breakdown: NO_FACTORS,
    deal_id: null,
    deal_amount: null,
    due_at: null,
    snoozed_until: null,
    dismiss_reason: null,
    signal_id: null,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
    version: 1,
    ...fields,
  };
}

/**
 * The built-in samples: a demo request from a prospect (the move a founder answers most, and the
 * one a profile is checked against when saved), and a prospect's reply to the founder's email.
 */
export function sampleMove(now: Date, sample: VoicePreviewSample = 'demo_request'): SampleMove {
  if (sample === 'reply') {
    return {
      move: move(now, {
        id: '00000000-0000-4000-8000-000000005a3f',
        title: 'Answer Sam Okafor at Lakeside Freight',
        reasons: ['Replied to your email today'],
        contact_email: 'sam.okafor@lakeside-freight.example.com',
        contact_name: 'Sam Okafor',
        company: 'Lakeside Freight',
        action_params: {
          rule: 'gmail.reply.neutral',
          context: { signal_kind: 'reply_neutral', signal_label: 'Reply' },
          reply_to: { subject: 'Re: Pipeline reviews at Lakeside Freight' },
        },
      }),
      replyText: SAMPLE_REPLY_TEXT,
    };
  }
  return {
    move: move(now, {
      id: '00000000-0000-4000-8000-000000005a3e',
      title: 'Reply to the demo request from Northwind Analytics',
      reasons: ['Asked for a demo today'],
      contact_email: 'dana.reyes@northwind.example.com',
      contact_name: 'Dana Reyes',
      company: 'Northwind Analytics',
      action_params: { rule: 'form.demo_request', context: { signal_kind: 'demo_request', signal_label: 'Demo request', form_name: 'Book a demo' } },
    }),
    replyText: null,
  };
}
