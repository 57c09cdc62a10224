import { DEFAULT_EVALUATION, Evaluation, evaluateAps } from './evaluate-aps';
import { formatEvaluation } from './evaluation-report';

// A replay takes well under a second; the timeout leaves room for a loaded CI machine.
const REPLAY_TIMEOUT_MS = 30_000;

describe('evaluateAps', () => {
  let defaultRun: Evaluation;
  beforeAll(() => {
    defaultRun = evaluateAps(DEFAULT_EVALUATION);
  }, REPLAY_TIMEOUT_MS);

  it(
    'replays the same figures for the same seed, and other figures for another seed',
    () => {
      expect(evaluateAps(DEFAULT_EVALUATION)).toEqual(defaultRun);
      expect(evaluateAps({ ...DEFAULT_EVALUATION, seed: 7 }).days).not.toEqual(defaultRun.days);
    },
    REPLAY_TIMEOUT_MS,
  );

  it('ranks identically on day 1, before any outcome is known', () => {
    const [first] = defaultRun.days;
    expect(first.learned).toEqual(first.static);
    expect(first.rankedAt).toBe('2026-01-05T09:00:00.000Z');
  });

  it('learned ranking beats the static one on the default history after a 30-day warm-up', () => {
    const period = defaultRun.afterWarmUp;
    expect(period).toMatchObject({ fromDay: 31, toDay: 90 });
    // Measured 0.525 vs 0.452 NDCG@10 and 0.348 vs 0.280 precision@10 (docs/APS.md, Evaluation).
    expect(period!.learned.ndcg).toBeGreaterThanOrEqual(period!.static.ndcg + 0.05);
    expect(period!.learned.precision).toBeGreaterThanOrEqual(period!.static.precision + 0.04);
    expect(period!.learned.successes).toBeGreaterThan(period!.static.successes);
  });

  it(
    'learned ranking beats the static one on other seeds too',
    () => {
      for (const seed of [1, 2, 3]) {
        const period = evaluateAps({ seed, days: 90 }).afterWarmUp!;
        expect({ seed, better: period.learned.ndcg > period.static.ndcg }).toEqual({ seed, better: true });
      }
    },
    REPLAY_TIMEOUT_MS,
  );

  it('has no warm-up summary when the run is not longer than the warm-up', () => {
    const short = evaluateAps({ seed: 1, days: 30 });
    expect(short.days).toHaveLength(30);
    expect(short.afterWarmUp).toBeNull();
  });

  it('prints one row per day and a summary per period', () => {
    const lines = formatEvaluation(defaultRun, { seed: 42, weights: 'default weights' }).split('\n');
    expect(lines.filter((line) => /^\d+\s+2026-\d\d-\d\d 09:00/.test(line))).toHaveLength(90);
    const summary = lines.find((line) => line.startsWith('31-90'));
    const { learned, static: fixed } = defaultRun.afterWarmUp!;
    expect(summary?.split(/\s+/).slice(1)).toEqual([
      learned.ndcg.toFixed(3),
      fixed.ndcg.toFixed(3),
      learned.precision.toFixed(3),
      fixed.precision.toFixed(3),
      String(learned.successes),
      String(fixed.successes),
    ]);
  });
});
