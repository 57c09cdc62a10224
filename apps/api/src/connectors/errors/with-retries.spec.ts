import { ConnectorRateLimitError, ConnectorTransientError } from './connector-errors';
import { withRetries } from './with-retries';

const policy = { provider: 'hubspot' as const, maxRetries: 3, maxTotalWaitMs: 5000, baseDelayMs: 100 };

function failing(...errors: Error[]) {
  let calls = 0;
  const run = async () => {
    const error = errors[calls++];
    if (error) throw error;
    return 'ok';
  };
  return { run, calls: () => calls };
}

describe('withRetries', () => {
  const waits: number[] = [];
  const sleep = async (ms: number) => void waits.push(ms);
  beforeEach(() => (waits.length = 0));

  it('waits what a 429 asks, then succeeds, even for a write', async () => {
    const call = failing(new ConnectorRateLimitError('hubspot', 'slow down', 1200));
    await expect(withRetries(call.run, { ...policy, idempotent: false, sleep })).resolves.toBe('ok');
    expect(waits).toEqual([1200]);
  });

  it('backs off exponentially on transient failures of idempotent calls only', async () => {
    const flaky = () => failing(new ConnectorTransientError('hubspot', '503'), new ConnectorTransientError('hubspot', '503'));
    await expect(withRetries(flaky().run, { ...policy, idempotent: true, sleep })).resolves.toBe('ok');
    expect(waits).toEqual([100, 200]);
    const write = flaky();
    await expect(withRetries(write.run, { ...policy, idempotent: false, sleep })).rejects.toBeInstanceOf(ConnectorTransientError);
    expect(write.calls()).toBe(1);
  });

  it('fails fast on a daily limit and when the wait would pass the budget', async () => {
    const daily = failing(new ConnectorRateLimitError('hubspot', 'daily', 3_600_000, { reason: 'DAILY' }));
    await expect(withRetries(daily.run, { ...policy, idempotent: true, sleep })).rejects.toMatchObject({ daily: true });
    const long = failing(new ConnectorRateLimitError('hubspot', 'later', 3000), new ConnectorRateLimitError('hubspot', 'later', 3000));
    await expect(withRetries(long.run, { ...policy, idempotent: true, sleep })).rejects.toMatchObject({ retryAfterMs: 3000 });
    expect(waits).toEqual([3000]);
  });

  it('gives up after maxRetries', async () => {
    const down = failing(...Array.from({ length: 10 }, () => new ConnectorTransientError('hubspot', '500')));
    await expect(withRetries(down.run, { ...policy, maxTotalWaitMs: 60_000, idempotent: true, sleep })).rejects.toBeInstanceOf(ConnectorTransientError);
    expect(down.calls()).toBe(4);
  });

  it('stops at once when the signal aborts: no attempt after it, no retry of a failure it caused', async () => {
    const controller = new AbortController();
    const call = failing(new ConnectorTransientError('hubspot', '503'));
    const run = () => {
      controller.abort();
      return call.run();
    };
    await expect(withRetries(run, { ...policy, idempotent: true, sleep, signal: controller.signal })).rejects.toMatchObject({
      kind: 'transient',
      reason: 'AbortError',
    });
    expect(call.calls()).toBe(1);
    expect(waits).toEqual([]);

    const never = failing();
    await expect(withRetries(never.run, { ...policy, idempotent: true, sleep, signal: controller.signal })).rejects.toMatchObject({ reason: 'AbortError' });
    expect(never.calls()).toBe(0);
  });

  it('classifies raw SDK errors before deciding', async () => {
    const notFound = failing(
      Object.assign(new Error('HTTP-Code: 404'), { code: 404, body: { category: 'OBJECT_NOT_FOUND', message: 'Object not found.' }, headers: {} }),
    );
    await expect(withRetries(notFound.run, { ...policy, idempotent: true, sleep })).rejects.toMatchObject({ kind: 'not_found', status: 404 });
    expect(notFound.calls()).toBe(1);
  });
});
