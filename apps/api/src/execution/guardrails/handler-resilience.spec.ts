import { ConnectorPermanentError, ConnectorRateLimitError, ConnectorTransientError } from '../../connectors/errors/connector-errors';
import { ExecutionSettings } from '../execution-settings';
import { BreakerOpenError, ExecutionTimedOutError, HandlerResilience } from './handler-resilience';

function resilience(overrides: Partial<ExecutionSettings> = {}): HandlerResilience {
  return new HandlerResilience(Object.assign(new ExecutionSettings(), { EXECUTION_RETRY_BASE_MS: 5, EXECUTION_TIMEOUT_SECONDS: 5, ...overrides }));
}

const transient = () => new ConnectorTransientError('google', '503: backend error', { status: 503 });

describe('HandlerResilience', () => {
  it('retries a transient failure and succeeds on attempt 2', async () => {
    const attempts: number[] = [];
    const result = await resilience().run('send_email', async ({ attempt }) => {
      attempts.push(attempt);
      if (attempt === 1) throw transient();
      return 'draft';
    });
    expect(result).toBe('draft');
    expect(attempts).toEqual([1, 2]);
  });

  it('gives up after the configured retries and throws the last failure', async () => {
    let calls = 0;
    await expect(
      resilience({ EXECUTION_MAX_RETRIES: 3 }).run('send_email', async () => {
        calls += 1;
        throw transient();
      }),
    ).rejects.toBeInstanceOf(ConnectorTransientError);
    expect(calls).toBe(4);
  });

  it('never retries a refusal (4xx): it fails at once with the provider reason', async () => {
    let calls = 0;
    const refusal = new ConnectorPermanentError('hubspot', '400 VALIDATION_ERROR: bad property', { status: 400, reason: 'VALIDATION_ERROR' });
    await expect(
      resilience().run('create_task', async () => {
        calls += 1;
        throw refusal;
      }),
    ).rejects.toBe(refusal);
    expect(calls).toBe(1);
  });

  it('waits what a 429 asks before the next attempt', async () => {
    const times: number[] = [];
    await resilience().run('create_task', async ({ attempt }) => {
      times.push(Date.now());
      if (attempt === 1) throw new ConnectorRateLimitError('hubspot', '429', 300, { status: 429, reason: 'TEN_SECONDLY_ROLLING' });
      return null;
    });
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(280);
  });

  it('aborts the call through its signal when the deadline passes', async () => {
    let aborted = false;
    const started = Date.now();
    await expect(
      resilience({ EXECUTION_TIMEOUT_SECONDS: 1 }).run('book_meeting', ({ signal }) => {
        signal.addEventListener('abort', () => (aborted = true));
        return new Promise(() => undefined);
      }),
    ).rejects.toBeInstanceOf(ExecutionTimedOutError);
    expect(aborted).toBe(true);
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('opens the breaker after consecutive failed executions, per action type, then fails fast', async () => {
    const guard = resilience({ EXECUTION_MAX_RETRIES: 0, EXECUTION_BREAKER_FAILURES: 3, EXECUTION_BREAKER_OPEN_SECONDS: 60 });
    for (let i = 0; i < 3; i += 1)
      await expect(guard.run('create_task', async () => Promise.reject(transient()))).rejects.toBeInstanceOf(ConnectorTransientError);
    expect(guard.state('create_task')).toMatchObject({ state: 'open', consecutive_failures: 3 });
    expect(guard.retryAfterMs('create_task')).toBeGreaterThan(55_000);
    let called = false;
    await expect(
      guard.run('create_task', async () => {
        called = true;
      }),
    ).rejects.toBeInstanceOf(BreakerOpenError);
    expect(called).toBe(false);
    expect(guard.state('send_email').state).toBe('closed');
  });

  it('does not count refusals against the breaker, and a success resets the count', async () => {
    const guard = resilience({ EXECUTION_MAX_RETRIES: 0, EXECUTION_BREAKER_FAILURES: 2 });
    const refusal = new ConnectorPermanentError('hubspot', '400', { status: 400 });
    for (let i = 0; i < 3; i += 1) await expect(guard.run('create_task', async () => Promise.reject(refusal))).rejects.toBe(refusal);
    expect(guard.state('create_task')).toMatchObject({ state: 'closed', consecutive_failures: 0 });
    await expect(guard.run('create_task', async () => Promise.reject(transient()))).rejects.toBeInstanceOf(ConnectorTransientError);
    await guard.run('create_task', async () => 'ok');
    expect(guard.state('create_task').consecutive_failures).toBe(0);
  });
});
