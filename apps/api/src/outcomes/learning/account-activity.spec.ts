import { accountActivityOf } from './account-activity';

const at = (iso: string) => new Date(iso);
const signal = (id: string, source: 'form' | 'gmail' | 'hubspot' | 'calendar' | 'manual', kind: string, receivedAt: string) => ({
  id,
  source,
  kind,
  receivedAt: at(receivedAt),
});

describe('accountActivityOf', () => {
  it('takes the later of our last execution and their last touching signal; auto-replies, bounces, deal changes and notes are no touch', () => {
    const signals = [
      signal('s1', 'gmail', 'auto_reply', '2026-03-09T00:00:00Z'),
      signal('s2', 'gmail', 'bounce', '2026-03-09T00:00:00Z'),
      signal('s3', 'hubspot', 'deal_regressed', '2026-03-09T00:00:00Z'),
      signal('s4', 'manual', 'note', '2026-03-09T00:00:00Z'),
      signal('s5', 'gmail', 'reply_neutral', '2026-03-05T00:00:00Z'),
    ];
    expect(accountActivityOf(at('2026-03-01T00:00:00Z'), signals, []).lastTouchAt).toEqual(at('2026-03-05T00:00:00Z'));
    expect(accountActivityOf(at('2026-03-07T00:00:00Z'), signals, []).lastTouchAt).toEqual(at('2026-03-07T00:00:00Z'));
    expect(accountActivityOf(null, [signal('s6', 'form', 'contact', '2026-03-02T00:00:00Z')], []).lastTouchAt).toEqual(at('2026-03-02T00:00:00Z'));
    expect(accountActivityOf(null, signals.slice(0, 4), []).lastTouchAt).toBeNull();
  });

  it('counts a signal and the outcome detected from it once, and outcomes recorded by hand on top', () => {
    const signals = [
      signal('neg-1', 'gmail', 'reply_negative', '2026-03-05T00:00:00Z'),
      signal('reg-1', 'hubspot', 'deal_regressed', '2026-03-06T00:00:00Z'),
      signal('reg-2', 'hubspot', 'deal_regressed', '2026-03-07T00:00:00Z'),
    ];
    const outcomes = [
      { outcomeType: 'negative_reply' as const, signalId: 'neg-1' },
      { outcomeType: 'negative_reply' as const, signalId: null },
      { outcomeType: 'negative_reply' as const, signalId: 'older-than-the-read' },
      { outcomeType: 'deal_regressed' as const, signalId: 'reg-2' },
    ];
    expect(accountActivityOf(null, signals, outcomes)).toMatchObject({ negativeReplies: 3, dealRegressions: 2 });
  });
});
