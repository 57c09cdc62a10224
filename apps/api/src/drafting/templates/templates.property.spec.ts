import fc from 'fast-check';
import { type ActionType, ACTION_TYPES, type CommandQueueMove } from '@caseyos/contracts';
import { SIGNAL_RULES } from '../../signals/rules/signal-rules';
import { DEMO_MOVES } from '../../command-queue/seed/demo-moves';
import { renderAsset } from './asset-templates';
import type { DraftContext } from './draft-context';
import { contextOf, domainOf, moveOf, NOW } from '../../testing/draft-fixtures';
import { renderEmail } from './email-templates';
import { renderMeeting } from './meeting-templates';
import { renderTask } from './task-templates';

/** Every renderer each action type's handler uses. */
const RENDERERS: Record<ActionType, ((ctx: DraftContext) => object)[]> = {
  send_email: [renderEmail],
  create_task: [renderTask],
  book_meeting: [renderMeeting],
  content_repurpose: [renderAsset],
  social_post: [renderAsset],
  newsletter_draft: [renderAsset, renderEmail],
  asset_create: [renderAsset],
  cs_health_check: [renderTask],
  renewal_outreach: [renderEmail],
  risk_escalation: [renderTask],
  onboarding_follow_up: [renderEmail],
};

// Written independently of the guard, so the test does not trust the code it checks.
const LEFTOVER = /\{\{|\}\}|\$\{|\bundefined\b|\bnull\b|\bNaN\b/;
const SINGLE_LINE_FIELDS = new Set(['subject', 'summary', 'title', 'channel']);

const nasty = fc.constantFrom(
  'null',
  'undefined',
  'NaN',
  '{{first_name}}',
  '${name}',
  'constructor',
  '__proto__',
  '',
  '   ',
  'Re: re: Re:',
  'a\r\nBcc: x@y',
  '😀'.repeat(200),
  'x'.repeat(5000),
);
const garbage = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  nasty,
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.anything(),
);
const maybe = <T>(value: fc.Arbitrary<T>) => fc.oneof(value, garbage);
const ruleIds = SIGNAL_RULES.map((rule) => rule.id);

const params = fc.record(
  {
    rule: maybe(fc.constantFrom(...ruleIds)),
    context: maybe(
      fc.record(
        {
          signal_kind: maybe(fc.constantFrom(...SIGNAL_RULES.map((rule) => rule.kind))),
          signal_label: maybe(fc.constantFrom('Demo request', 'Feature shipped')),
          form_name: garbage,
          subject: maybe(fc.lorem({ maxCount: 60, size: 'max' })),
          note: maybe(fc.lorem({ mode: 'sentences' })),
          deal_name: maybe(fc.constantFrom('Quarry expansion')),
          from_stage: garbage,
          to_stage: maybe(fc.constantFrom('Proposal Sent')),
          amount_usd: maybe(fc.double()),
        },
        { requiredKeys: [] },
      ),
    ),
    reply_to: maybe(fc.record({ thread_id: garbage, rfc822_message_id: garbage, subject: maybe(fc.string()) }, { requiredKeys: [] })),
    template: maybe(fc.constantFrom('demo_request_reply', 'onboarding_kickoff')),
    task_type: maybe(fc.constantFrom('TODO', 'EMAIL', 'CALL', 'call')),
    priority: maybe(fc.constantFrom('LOW', 'MEDIUM', 'HIGH')),
    duration_minutes: maybe(fc.integer({ min: -10, max: 1000 })),
    channel: maybe(fc.constantFrom('linkedin', 'x', 'Twitter', 'blog', 'newsletter', 'document', 'tiktok')),
  },
  { requiredKeys: [] },
);

const account = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.record({
    isCustomer: maybe(fc.boolean()),
    renewalAt: maybe(fc.date({ noInvalidDate: true }).map((date) => date.toISOString())),
    arrUsd: maybe(fc.double()),
    riskLevel: maybe(fc.constantFrom('low', 'medium', 'high')),
    riskParts: maybe(fc.array(maybe(fc.record({ factor: maybe(fc.string()), detail: maybe(fc.lorem()) }, { requiredKeys: [] })), { maxLength: 6 })),
  }),
);

const context = fc
  .record({
    actionType: fc.constantFrom(...ACTION_TYPES),
    title: maybe(fc.lorem({ maxCount: 60, size: 'max' })),
    contact_name: maybe(fc.constantFrom('Priya Raman', 'Dr. Elena Vasquez', 'Ana Ilić', 'O’Brien')),
    contact_email: maybe(fc.emailAddress()),
    company: maybe(fc.constantFrom('Northwind Analytics', 'Null Island Ltd')),
    deal_amount: maybe(fc.double()),
    due_at: maybe(fc.date({ noInvalidDate: true }).map((date) => date.toISOString())),
    reasons: maybe(fc.array(garbage, { maxLength: 3 })),
    action_params: maybe(params),
    senderName: maybe(fc.constantFrom('Casey Jones', '')),
    senderEmail: maybe(fc.emailAddress()),
    account,
    now: fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }),
    timeZone: fc.constantFrom('UTC', 'Europe/Berlin', 'America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'),
  })
  .map(({ actionType, senderName, senderEmail, account, now, timeZone, ...fields }) => {
    // Stored rows are untyped JSON in practice, so the move is deliberately allowed to break its type.
    const move = { ...moveOf(actionType), ...fields } as unknown as CommandQueueMove;
    return { ...contextOf(move), sender: { name: senderName, email: senderEmail }, account, now, timeZone } as unknown as DraftContext;
  });

function checkDraft(draft: object): void {
  for (const [field, value] of Object.entries(draft)) {
    if (typeof value === 'string') {
      expect(value).not.toMatch(LEFTOVER);
      if (SINGLE_LINE_FIELDS.has(field)) {
        expect(value.trim()).not.toBe('');
        expect(value).not.toMatch(/[\r\n\u2028\u2029]/);
      }
    }
  }
  if ('maxLength' in draft && typeof draft.maxLength === 'number' && 'body' in draft && typeof draft.body === 'string') {
    expect(draft.body.length).toBeLessThanOrEqual(draft.maxLength);
  }
  if ('dueAt' in draft) expect(draft.dueAt instanceof Date && Number.isFinite(draft.dueAt.getTime())).toBe(true);
  if ('durationMinutes' in draft) expect(Number.isInteger(draft.durationMinutes)).toBe(true);
}

describe('draft templates, for any move', () => {
  it('render every action type without throwing or leaving placeholders, within channel limits', () => {
    fc.assert(
      fc.property(context, (ctx) => {
        for (const render of RENDERERS[ctx.move.action_type]) checkDraft(render(ctx));
      }),
      { numRuns: 2000 },
    );
  });

  it('render every demo move', () => {
    for (const demo of DEMO_MOVES) {
      const move = moveOf(demo.actionType, {
        domain: domainOf(demo.actionType),
        title: demo.title,
        contact_name: demo.contactName,
        contact_email: demo.contactEmail,
        company: demo.company,
        deal_amount: demo.dealAmount ?? null,
        action_params: demo.actionParams ?? {},
      });
      for (const render of RENDERERS[demo.actionType]) checkDraft(render(contextOf(move, { now: NOW })));
    }
  });
});
