/** Where one alert stands, kept in Redis so any worker running the next tick continues it. */
export interface AlertState {
  firingSince: number;
  lastSentAt: number;
}

export type AlertMessage = 'firing' | 'resolved' | null;

export interface AlertDecision {
  message: AlertMessage;
  /** null: forget the state (resolved, or never fired). */
  next: AlertState | null;
}

/**
 * Firing sends at once and then again once per cooldown while it keeps firing; the first
 * evaluation where it no longer fires sends the resolve message.
 */
export function decideAlert(firing: boolean, state: AlertState | null, now: number, cooldownMs: number): AlertDecision {
  if (!firing) return { message: state ? 'resolved' : null, next: null };
  if (!state) return { message: 'firing', next: { firingSince: now, lastSentAt: now } };
  if (now - state.lastSentAt >= cooldownMs) return { message: 'firing', next: { ...state, lastSentAt: now } };
  return { message: null, next: state };
}
