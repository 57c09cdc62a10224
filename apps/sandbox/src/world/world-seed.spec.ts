import { generateActivity } from './activity-generator';
import { ACTIVITY_KINDS } from './activity-kinds';
import { OPEN_STAGE_IDS } from './deal-pipeline';
import { headerValue } from './mime-message';
import { SandboxClock } from './sandbox-clock';
import type { SandboxWorld } from './sandbox-world';
import { seedWorld } from './world-seed';

const world = (seed: number) => seedWorld({ seed, clock: new SandboxClock(), minHistoryId: 0, gmailHistoryRetention: () => 500 });

/** Everything that should depend on the seed alone (times move with the clock). */
function fingerprint(w: SandboxWorld) {
  return {
    contacts: [...w.crm.contacts.values()].map((c) => [c.email, c.jobTitle, c.lifecycleStage]),
    deals: [...w.crm.deals.values()].map((d) => [d.name, d.amount, d.stageId, d.contactIds]),
    mail: [...w.mailbox.messages.values()].map((m) => [m.id, headerValue(m.payload, 'Subject'), m.labelIds]),
    events: [...w.calendar.events.values()].map((e) => [e.id, e.fields.summary]),
  };
}

describe('the seeded world', () => {
  it('is the same for the same seed and different for another', () => {
    expect(fingerprint(world(42))).toEqual(fingerprint(world(42)));
    expect(fingerprint(world(43))).not.toEqual(fingerprint(world(42)));
  });

  it('is a small realistic company on reserved domains', () => {
    const w = world(42);
    expect(w.crm.companies.size).toBe(12);
    expect(w.crm.contacts.size).toBe(40);
    expect(w.crm.deals.size).toBe(15);
    const deals = [...w.crm.deals.values()];
    expect(new Set(deals.map((d) => d.stageId)).size).toBe(7);
    expect(deals.every((d) => d.amount >= 5_000 && d.amount <= 250_000 && d.contactIds.length > 0)).toBe(true);
    expect([...w.crm.contacts.values()].every((c) => c.email.endsWith('.test'))).toBe(true);

    const messages = [...w.mailbox.messages.values()];
    expect(messages.some((m) => headerValue(m.payload, 'Bcc'))).toBe(true);
    expect(messages.some((m) => m.labelIds.includes('INBOX') && headerValue(m.payload, 'In-Reply-To'))).toBe(true);
    expect(w.calendar.events.size).toBe(6);
    expect(w.mailbox.historyRecordCount).toBe(0);
  });

  it('generates every activity kind, each visible where a connector would look', () => {
    const w = world(42);
    for (const kind of ACTIVITY_KINDS) {
      const historyBefore = w.mailbox.historyId;
      const calendarBefore = w.calendar.changeSeq;
      const [result] = generateActivity(w, [kind]);
      expect(result).toMatchObject({ kind });
      expect(result.skipped).toBeUndefined();
      if (kind.startsWith('email_')) expect(w.mailbox.historyId).toBeGreaterThan(historyBefore);
      if (kind.startsWith('meeting_')) expect(w.calendar.changeSeq).toBeGreaterThan(calendarBefore);
      if (kind.startsWith('deal_')) expect(w.crm.deals.get(result.dealId ?? '')?.stageId).toBe(result.toStage);
    }
  });

  it('moves deals backward one open stage', () => {
    const w = world(42);
    const [moved] = generateActivity(w, ['deal_stage_backward']);
    expect(OPEN_STAGE_IDS.indexOf(moved.toStage ?? '')).toBe(OPEN_STAGE_IDS.indexOf(moved.fromStage ?? '') - 1);
  });
});
