import { OutcomeLedger, RecordedOutcome } from './outcome-ledger';

const DAY = 86_400_000;
const now = Date.UTC(2026, 2, 1, 9);
const outcome = (kind: RecordedOutcome['kind'], daysAgo: number, contactEmail = 'ana@acme.example'): RecordedOutcome => ({
  domain: 'sales',
  actionType: 'send_email',
  contactEmail,
  kind,
  detectedAt: now - daysAgo * DAY,
});

describe('OutcomeLedger', () => {
  it('counts only outcomes detected by the moment asked about', () => {
    const ledger = new OutcomeLedger();
    ledger.record(outcome('success', 2));
    ledger.record(outcome('no_response', 0));
    ledger.record(outcome('success', -1));
    expect(ledger.asOf(now).successHistory('sales', 'send_email')).toEqual({ successes: 1, observations: 2 });
    expect(ledger.asOf(now).successHistory('sales', 'book_meeting')).toEqual({ successes: 0, observations: 0 });
  });

  it('keeps success history for good but contact history for the last 30 days only', () => {
    const ledger = new OutcomeLedger();
    ledger.record(outcome('success', 45));
    ledger.record(outcome('negative_reply', 10));
    ledger.record(outcome('no_response', 3));
    const view = ledger.asOf(now);
    expect(view.successHistory('sales', 'send_email')).toEqual({ successes: 1, observations: 3 });
    expect(view.contactHistory('ana@acme.example')).toEqual({ positive_replies: 0, negative_replies: 1, no_responses: 1 });
    expect(view.contactHistory('bo@acme.example')).toBeNull();
  });
});
