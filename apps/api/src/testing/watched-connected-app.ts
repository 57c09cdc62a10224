import { AppLogger } from '../platform/logging/app-logger';
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
  // A test that starts an app of its own (quiet, at the tests' default level) leaves that app's
  // logger as Nest's process-wide one, and the watched app's lines would go unseen from then on.
  beforeEach(() => watched?.app.app.useLogger(watched.app.app.get(AppLogger)));
  afterEach(async () => {
    await watched?.app.sandbox.clearFaults();
    await watched?.secrets.sample();
  });
  return () => {
    if (!watched) throw new Error('the connected app has not started');
    return watched;
  };
}

/**
 * What makes the app refresh a token: an expired-token fault on `service`'s `route`, then `call`,
 * whose first request is on that route. The fault is pinned to the route so that no other request
 * (a retry left over from an earlier test) takes it and the refresh with it.
 */
export interface TokenRefreshCall {
  service: Extract<SandboxFault['service'], 'hubspot' | 'gmail' | 'calendar'>;
  route: string;
  call: () => Promise<unknown>;
}

/**
 * The secrets check of a connector suite: it makes a refresh and a failed call of its own, so it
 * proves something whichever tests ran before it, then checks every log line so far.
 */
export function itLeaksNoSecrets(watched: () => WatchedConnectedApp, atLeastSecrets: number, refresh: TokenRefreshCall): void {
  it('never writes a token or secret to the log, even at debug level through refreshes and failures', async () => {
    const { app, logs, secrets } = watched();
    const refreshLines = () => logs.text.split('"event":"token_refreshed"').length - 1;
    const refreshedBefore = refreshLines();
    const armed = (await app.sandbox.fault({ service: refresh.service, kind: 'expired_token', route: refresh.route })) as { id: number };
    await refresh.call();
    expect((await app.sandbox.state()).faults.served).toContainEqual(expect.objectContaining({ faultId: armed.id, route: refresh.route }));
    // Google's client saves (and logs) a refreshed token after the call that needed it returned.
    await eventually(async () => expect(refreshLines()).toBeGreaterThan(refreshedBefore));
    await secrets.sample();
    expect(logs.text).toContain('"event":"connector_call"');
    expect(secrets.count).toBeGreaterThanOrEqual(atLeastSecrets);
    expect(secrets.leaksIn(logs.text)).toEqual([]);
  });
}
