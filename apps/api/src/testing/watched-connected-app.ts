import { ConnectedTestApp, startConnectedTestApp } from './connected-test-app';
import type { SandboxFault } from './sandbox-control';
import { SecretWatch } from './secret-watch';
import { eventually } from './test-app';
import { StdoutCapture } from './stdout-capture';

export interface WatchedConnectedApp {
  app: ConnectedTestApp;
  logs: StdoutCapture;
  secrets: SecretWatch;
}

/**
 * For a connector suite: registers hooks that start the connected app at debug log level with
 * its stdout captured, sample every secret it holds after each test (tokens change with
 * refreshes) and clear sandbox faults. Call at describe level; the getter works from the
 * suite's own beforeAll on. Add `itLeaksNoSecrets` to the suite; once every test ran, the log of
 * the whole run is checked for secrets once more (tests run in random order).
 */
export function watchConnectedApp(env: Record<string, string> = {}): () => WatchedConnectedApp {
  let watched: WatchedConnectedApp | undefined;
  beforeAll(async () => {
    const logs = StdoutCapture.start();
    try {
      // ROLE=api: no scheduled poller shares the sandbox (its faults, tokens, sync tokens) with the suite.
      const app = await startConnectedTestApp({ LOG_LEVEL: 'debug', ROLE: 'api', ...env });
      watched = { app, logs, secrets: new SecretWatch(app.app) };
      await watched.secrets.sample();
    } catch (error) {
      logs.stop();
      throw error;
    }
  });
  afterAll(async () => {
    try {
      // afterEach sampled the secrets after the last test.
      if (watched) expect(watched.secrets.leaksIn(watched.logs.text)).toEqual([]);
    } finally {
      await watched?.app.close();
      watched?.logs.stop();
    }
  });
  afterEach(async () => {
    await watched?.app.sandbox.clearFaults();
    await watched?.secrets.sample();
  });
  return () => {
    if (!watched) throw new Error('the connected app has not started');
    return watched;
  };
}

/** What makes the app refresh a token: an expired-token fault on `service`, then `call` to that service. */
export interface TokenRefreshCall {
  service: Extract<SandboxFault['service'], 'hubspot' | 'gmail' | 'calendar'>;
  call: () => Promise<unknown>;
}

/**
 * The secrets check of a connector suite: it makes a refresh and a failed call of its own, so it
 * proves something whichever tests ran before it, then checks every log line so far.
 */
export function itLeaksNoSecrets(watched: () => WatchedConnectedApp, atLeastSecrets: number, refresh: TokenRefreshCall): void {
  // pino writes each line synchronously through the captured stdout, so the run so far is all there.
  it('never writes a token or secret to the log, even at debug level through refreshes and failures', async () => {
    const { app, logs, secrets } = watched();
    await app.sandbox.fault({ service: refresh.service, kind: 'expired_token' });
    await refresh.call();
    // Google's client saves (and logs) a refreshed token after the call that needed it returned.
    await eventually(async () => expect(logs.text).toContain('"event":"token_refreshed"'));
    await secrets.sample();
    expect(logs.text).toContain('"event":"connector_call"');
    expect(secrets.count).toBeGreaterThanOrEqual(atLeastSecrets);
    expect(secrets.leaksIn(logs.text)).toEqual([]);
  });
}
