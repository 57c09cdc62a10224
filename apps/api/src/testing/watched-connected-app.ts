import { ConnectedTestApp, startConnectedTestApp } from './connected-test-app';
import { SecretWatch } from './secret-watch';
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
 * suite's own beforeAll on. End the suite with `itLeaksNoSecrets`.
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
    await watched?.app.close();
    watched?.logs.stop();
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

/** The check closing a connector suite: after everything it did, no secret reached a log line. */
export function itLeaksNoSecrets(watched: () => WatchedConnectedApp, atLeastSecrets: number): void {
  // pino writes each line synchronously through the captured stdout, so the run so far is all there.
  it('never writes a token or secret to the log, even at debug level through refreshes and failures', () => {
    const { logs, secrets } = watched();
    expect(logs.text).toContain('"event":"connector_call"');
    expect(logs.text).toContain('"event":"token_refreshed"');
    expect(secrets.count).toBeGreaterThanOrEqual(atLeastSecrets);
    expect(secrets.leaksIn(logs.text)).toEqual([]);
  });
}
