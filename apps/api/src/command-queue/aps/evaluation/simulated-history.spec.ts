import { ACTION_TYPES } from '@caseyos/contracts';
import { SimulatedHistory, outcomeOf } from './simulated-history';

const HOUR = 3_600_000;
const from = Date.UTC(2031, 5, 1, 9);
const to = from + 24 * HOUR;

describe('SimulatedHistory', () => {
  it('gives the same contacts and moves for the same seed', () => {
    const a = new SimulatedHistory(5);
    const b = new SimulatedHistory(5);
    expect(b.contacts).toEqual(a.contacts);
    expect(b.arrivals(from, to)).toEqual(a.arrivals(from, to));
    expect(new SimulatedHistory(6).arrivals(from, to)).not.toEqual(new SimulatedHistory(5).arrivals(from, to));
  });

  it('dates every move from the simulated window, never from the machine clock', () => {
    const moves = new SimulatedHistory(5).arrivals(from, to);
    expect(moves).toHaveLength(40);
    for (const move of moves) {
      expect(move.arrivedAt).toBeGreaterThanOrEqual(from);
      expect(move.arrivedAt).toBeLessThan(to);
      if (move.inputs.signal_at) {
        const age = move.arrivedAt - Date.parse(move.inputs.signal_at);
        expect(age).toBeGreaterThanOrEqual(0);
        expect(age).toBeLessThanOrEqual(12 * HOUR);
      }
      if (move.inputs.due_at) expect(Date.parse(move.inputs.due_at)).toBeGreaterThan(move.arrivedAt);
    }
  });

  it('hides propensities that differ by action type and by contact', () => {
    const history = new SimulatedHistory(42);
    const means = ACTION_TYPES.map((actionType) => history.typeMeans[actionType]);
    expect(Math.max(...means) - Math.min(...means)).toBeGreaterThan(0.2);
    const emailRates = history.contacts.flatMap((contact) => contact.propensity.send_email ?? []);
    expect(Math.max(...emailRates) - Math.min(...emailRates)).toBeGreaterThan(0.3);
  });

  it('draws outcomes from the propensity: success below it, then negative replies, then silence', () => {
    const [move] = new SimulatedHistory(5).arrivals(from, to);
    const at = (fate: number, propensity = 0.4) => outcomeOf({ ...move, fate, propensity }, from);
    expect(at(0.39)).toEqual({ kind: 'success', detectedAt: from + 24 * HOUR });
    expect(at(0.41)).toEqual({ kind: 'negative_reply', detectedAt: from + 24 * HOUR });
    expect(at(0.6)).toEqual({ kind: 'no_response', detectedAt: from + 72 * HOUR });
  });
});
