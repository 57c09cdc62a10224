import { untilAborted } from './call-options';

describe('untilAborted', () => {
  it('rejects with the caller-abort error as soon as the signal fires, without waiting for the call', async () => {
    const controller = new AbortController();
    const slow = new Promise<string>((resolve) => setTimeout(() => resolve('late'), 5_000).unref());
    const raced = untilAborted(slow, 'google', controller.signal);
    setTimeout(() => controller.abort(), 10);
    const started = performance.now();
    await expect(raced).rejects.toMatchObject({ kind: 'transient', reason: 'AbortError', retryable: true, message: 'google: aborted by the caller' });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('passes the call through when nothing aborts, and refuses at once with a signal aborted already', async () => {
    await expect(untilAborted(Promise.resolve(1), 'hubspot', new AbortController().signal)).resolves.toBe(1);
    await expect(untilAborted(Promise.reject(new Error('boom')), 'hubspot', undefined)).rejects.toThrow('boom');
    await expect(untilAborted(Promise.resolve(1), 'hubspot', AbortSignal.abort())).rejects.toMatchObject({ reason: 'AbortError' });
  });
});
