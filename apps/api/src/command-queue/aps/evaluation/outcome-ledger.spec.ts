import { ExecutedMove, OutcomeLedger } from './outcome-ledger';

const DAY = 86_400_000;
const now = Date.UTC(2026, 2, 1, 9);
const executed = (kind: ExecutedMove['outcome']['kind'], detectedDaysAgo: number, overrides: Partial<ExecutedMove> = {}): ExecutedMove => ({
  domain: 'sales',
  actionType: 'send_email',
  contactEmail: 'ana@acme.example',
  executedAt: now - (detectedDaysAgo + 1) * DAY,
  outcome: { kind, detectedAt: now - detectedDaysAgo * DAY },
  ...overrides,
});

describe('OutcomeLedger', () => {
  it('counts only outcomes detected by the moment asked about, or executions whose window closed', () => {
    const ledger = new OutcomeLedger();
    ledger.record(executed('success', 2));
    ledger.record(executed('no_response', 0));
    ledger.record(executed('success', -1, { executedAt: now - DAY }));
    expect(ledger.asOf(now).successHistory('sales', 'send_email')).toEqual({ successes: 1, observations: 2 });
    expect(ledger.asOf(now).successHistory('sales', 'book_meeting')).toEqual({ successes: 0, observations: 0 });
  });

  it('keeps success history for good but contact history for the last 30 days only', () => {
    const ledger = new OutcomeLedger();
    ledger.record(executed('success', 45));
    ledger.record(executed('negative_reply', 10));
    ledger.record(executed('no_response', 3));
    const view = ledger.asOf(now);
    expect(view.successHistory('sales', 'send_email')).toEqual({ successes: 1, observations: 3 });
    expect(view.contactHistory('ana@acme.example')).toEqual({ positive_replies: 0, negative_replies: 1, no_responses: 1 });
    expect(view.contactHistory('bo@acme.example')).toBeNull();
  });

  it('records a success as its action type would be detected: a positive reply only for email moves', () => {
    const ledger = new OutcomeLedger();
    ledger.record(executed('success', 1));
    ledger.record(executed('success', 1, { actionType: 'book_meeting' }));
    const view = ledger.asOf(now);
    expect(view.successHistory('sales', 'book_meeting')).toEqual({ successes: 1, observations: 1 });
    expect(view.contactHistory('ana@acme.example')).toEqual({ positive_replies: 1, negative_replies: 0, no_responses: 0 });
  });
});
