import { decideAlert } from './alert-decision';

const COOLDOWN = 30 * 60_000;

describe('decideAlert', () => {
  it('stays silent while nothing fires', () => {
    expect(decideAlert(false, null, 1000, COOLDOWN)).toEqual({ message: null, next: null });
  });

  it('sends at once when a condition starts firing', () => {
    expect(decideAlert(true, null, 1000, COOLDOWN)).toEqual({ message: 'firing', next: { firingSince: 1000, lastSentAt: 1000 } });
  });

  it('sends once per cooldown while it keeps firing', () => {
    const state = { firingSince: 1000, lastSentAt: 1000 };
    expect(decideAlert(true, state, 1000 + COOLDOWN - 1, COOLDOWN)).toEqual({ message: null, next: state });
    expect(decideAlert(true, state, 1000 + COOLDOWN, COOLDOWN)).toEqual({ message: 'firing', next: { firingSince: 1000, lastSentAt: 1000 + COOLDOWN } });
  });

  it('sends the resolve message once the condition clears, and forgets it', () => {
    expect(decideAlert(false, { firingSince: 1000, lastSentAt: 2000 }, 3000, COOLDOWN)).toEqual({ message: 'resolved', next: null });
  });
});
