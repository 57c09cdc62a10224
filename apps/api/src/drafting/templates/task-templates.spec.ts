import type { DraftAccount } from './draft-context';
import { contextOf, moveOf, NOW } from '../../testing/draft-fixtures';
import { renderTask } from './task-templates';

const fernway: DraftAccount = {
  isCustomer: true,
  renewalAt: '2025-12-17T12:00:00Z',
  arrUsd: 60_000,
  riskLevel: 'high',
  riskParts: [
    { factor: 'renewal_proximity', detail: 'Renews in 9 days' },
    { factor: 'engagement', detail: 'No touch in 41 days' },
  ],
};

describe('renderTask', () => {
  it('creates a task from the move title, params and facts', () => {
    const task = renderTask(
      contextOf(
        moveOf('create_task', {
          title: 'Send the security questionnaire to Brightpath Health',
          contact_name: 'Dr. Elena Vasquez',
          contact_email: 'elena@brightpath.example.com',
          company: 'Brightpath Health',
          deal_amount: 150_000,
          due_at: '2025-12-09T15:00:00Z',
          action_params: { task_type: 'TODO', priority: 'HIGH', context: { signal_label: 'Contact form', note: 'Asked about HIPAA' } },
        }),
      ),
    );
    expect(task).toMatchObject({ subject: 'Send the security questionnaire to Brightpath Health', priority: 'HIGH', type: 'TODO' });
    expect(task.dueAt.toISOString()).toBe('2025-12-09T15:00:00.000Z');
    expect(task.body.split('\n')).toEqual([
      'Signal: Contact form',
      'Contact: Dr. Elena Vasquez <elena@brightpath.example.com>',
      'Company: Brightpath Health',
      'Deal: $150,000',
      'Note: Asked about HIPAA',
    ]);
  });

  it('falls back on unusable params and makes an overdue move due now', () => {
    const task = renderTask(
      contextOf(moveOf('create_task', { title: '', due_at: '2025-12-01T00:00:00Z', action_params: { priority: 'urgent!', task_type: 7 } })),
    );
    expect(task).toMatchObject({ subject: 'Follow up with the contact', priority: 'MEDIUM', type: 'TODO' });
    expect(task.body).toBe('No further details were recorded for this move.');
    expect(task.dueAt).toEqual(NOW);
  });

  it('is due on the next business day in the operator zone when the move has no due time', () => {
    // Friday 23:30 UTC is Saturday in Berlin (next business day: Monday, 2 days) but Friday in Los Angeles (3 days).
    const now = new Date('2025-12-12T23:30:00Z');
    const move = moveOf('create_task');
    expect(renderTask(contextOf(move, { now, timeZone: 'Europe/Berlin' })).dueAt.toISOString()).toBe('2025-12-14T23:30:00.000Z');
    expect(renderTask(contextOf(move, { now, timeZone: 'America/Los_Angeles' })).dueAt.toISOString()).toBe('2025-12-15T23:30:00.000Z');
  });

  it('escalates risk with HIGH priority, whatever the params say', () => {
    const task = renderTask(
      contextOf(
        moveOf('risk_escalation', {
          title: 'Escalate Quarry Labs: expansion deal slipped back twice',
          contact_name: 'Nadia Haddad',
          company: 'Quarry Labs',
          action_params: {
            priority: 'LOW',
            context: { signal_label: 'Deal slipped back', deal_name: 'Quarry expansion', from_stage: 'Proposal', to_stage: 'Discovery' },
          },
        }),
        { account: fernway },
      ),
    );
    expect(task.priority).toBe('HIGH');
    expect(task.body).toContain('Deal: Quarry expansion, moved from Proposal to Discovery');
    expect(task.body).toContain('Risk level: high');
    expect(task.body).toContain('- Call Nadia Haddad within one business day to hear the concern first-hand.');
  });

  it('writes the account health report for a health check', () => {
    const task = renderTask(
      contextOf(moveOf('cs_health_check', { title: 'Health check', company: 'Fernway Retail', contact_name: 'Grace Liu' }), { account: fernway }),
    );
    expect(task.body.split('\n')).toEqual([
      'Account health report for Fernway Retail',
      'Risk level: high',
      '- renewal proximity: Renews in 9 days',
      '- engagement: No touch in 41 days',
      'Renewal: Wednesday, 17 December (in 9 days)',
      'ARR: $60,000',
      'Customer: yes',
      'Contact: Grace Liu',
    ]);
    expect(task).toMatchObject({ priority: 'HIGH', type: 'CALL' });
  });

  it('says plainly what the health report does not know', () => {
    const unknown: DraftAccount = { isCustomer: false, renewalAt: null, arrUsd: null, riskLevel: null, riskParts: [] };
    const partial = renderTask(contextOf(moveOf('cs_health_check', { company: 'Helio Solar' }), { account: unknown }));
    expect(partial.body).toContain('Risk level: unknown (no risk score on record)');
    expect(partial.body).toContain('- No risk factors on record.');
    expect(partial.body).toContain('Renewal: unknown (no renewal date on record)');
    expect(partial.body).toContain('ARR: unknown (no ARR on record)');
    expect(partial.priority).toBe('MEDIUM');
    const none = renderTask(contextOf(moveOf('cs_health_check', { title: '', company: 'Helio Solar' })));
    expect(none.subject).toBe('Health check with Helio Solar');
    expect(none.body).toBe('No account facts are on record for Helio Solar: risk level, renewal date and ARR are unknown.');
  });

  it('refuses action types that create no task', () => {
    expect(() => renderTask(contextOf(moveOf('send_email')))).toThrow('No task template for action type send_email');
  });
});
