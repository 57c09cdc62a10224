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

/** The whole app with both providers connected through OAuth to a fresh sandbox process; `env` may depend on the sandbox's URL. */
export async function startConnectedTestApp(env: Record<string, string> | ((sandboxUrl: string) => Record<string, string>) = {}): Promise<ConnectedTestApp> {
  const sandbox = await SandboxProcess.start();
  let app: TestApp;
  try {
    app = await startTestApp({ SANDBOX_URL: sandbox.url, ...(typeof env === 'function' ? env(sandbox.url) : env) });
  } catch (error) {
    await sandbox.stop();
    throw error;
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
