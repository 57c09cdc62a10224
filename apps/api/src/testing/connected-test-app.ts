import { IntegrationSummary, IntegrationsResponse } from '@caseyos/contracts';
import { OAuthFlowService } from '../connectors/oauth/oauth-flow.service';
import { SandboxControl } from './sandbox-control';
import { SandboxProcess } from './sandbox-process';
import { TestApp, operatorHeaders, startTestApp } from './test-app';

export interface ConnectedTestApp extends TestApp {
  sandbox: SandboxControl;
  /** Connects a provider again through the OAuth flow (after a test broke its tokens). */
  reconnect(provider: 'hubspot' | 'google'): Promise<void>;
  /** The provider's entry on GET /api/integrations. */
  integration(provider: 'hubspot' | 'google'): Promise<IntegrationSummary>;
}

/**
 * The whole app with both providers connected through OAuth to a fresh sandbox process.
 * `connectorEnv` is read by the connectors at start (ConnectorSettings), so it is set in the
 * environment only while the app boots.
 */
export async function startConnectedTestApp(env: Record<string, string> = {}, connectorEnv: Record<string, string> = {}): Promise<ConnectedTestApp> {
  const sandbox = await SandboxProcess.start();
  const saved = Object.fromEntries(Object.keys(connectorEnv).map((key) => [key, process.env[key]]));
  Object.assign(process.env, connectorEnv);
  let app: TestApp;
  try {
    app = await startTestApp({ SANDBOX_URL: sandbox.url, ...env });
  } catch (error) {
    await sandbox.stop();
    throw error;
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
  // Start-up already connected both providers to this sandbox (SandboxAutoConnect).
  const reconnect = (provider: 'hubspot' | 'google') => app.app.get(OAuthFlowService).connectThroughSandbox(provider);
  return {
    ...app,
    sandbox: new SandboxControl(sandbox.url),
    reconnect,
    integration: async (provider) => {
      const body = (await (await fetch(`${app.baseUrl}/api/integrations`, { headers: operatorHeaders })).json()) as IntegrationsResponse;
      return body.integrations.find((entry) => entry.provider === provider)!;
    },
    close: async () => {
      await app.close();
      await sandbox.stop();
    },
  };
}
