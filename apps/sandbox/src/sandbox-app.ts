import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import { sandboxControlPlugin, tick } from './control/sandbox-control-plugin';
import { calendarPlugin } from './google/calendar-plugin';
import { gmailPlugin } from './google/gmail-plugin';
import { registerGoogleOAuthRoutes } from './google/google-oauth-routes';
import './http/fastify-augmentation';
import { registerFormBodyParser } from './http/form-body-parser';
import { routeNotFound } from './http/route-not-found';
import { sandboxErrorHandler } from './http/sandbox-error-handler';
import { hubspotCrmPlugin } from './hubspot/hubspot-crm-plugin';
import { registerHubspotOAuthRoutes } from './hubspot/hubspot-oauth-routes';
import { chatCompletionsPlugin } from './llm/chat-completions-plugin';
import { type SandboxContext, createSandboxContext } from './sandbox-context';
import { DEFAULT_SETTINGS, type SandboxSettings } from './sandbox-settings';

export interface SandboxAppOptions {
  settings?: Partial<SandboxSettings>;
  logger?: FastifyServerOptions['logger'];
}

export interface SandboxApp {
  app: FastifyInstance;
  context: SandboxContext;
}

/**
 * Builds the sandbox: HubSpot, Gmail, Calendar, both OAuth servers and an OpenAI-compatible
 * chat-completions endpoint on one Fastify instance,
 * plus the /_sandbox control API. The activity timer runs from `ready` until `close`.
 */
export function buildSandboxApp(options: SandboxAppOptions = {}): SandboxApp {
  const context = createSandboxContext({ ...DEFAULT_SETTINGS, ...options.settings });
  const app = Fastify({
    logger: options.logger ?? false,
    // Requests are logged by route pattern below: raw URLs can carry codes and tokens.
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { maxParamLength: 2048 },
    bodyLimit: 25 * 1024 * 1024,
  });
  app.decorateRequest('sandboxAccessToken', null);
  registerFormBodyParser(app);
  app.setErrorHandler(sandboxErrorHandler);
  app.setNotFoundHandler(async (request) => {
    throw routeNotFound(request.method, request.url);
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      { method: request.method, route: request.routeOptions.url ?? '(no route)', statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request completed',
    );
  });

  registerHubspotOAuthRoutes(app, context);
  registerGoogleOAuthRoutes(app, context);
  app.register(hubspotCrmPlugin(context));
  app.register(gmailPlugin(context));
  app.register(calendarPlugin(context));
  app.register(chatCompletionsPlugin(context));
  app.register(sandboxControlPlugin(context));

  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    const { tickMs } = context.settings;
    if (tickMs > 0) {
      timer = setInterval(() => {
        const result = tick(context);
        app.log.info({ generated: result.generated.map((g) => g.kind) }, 'activity tick');
      }, tickMs);
      timer.unref();
    }
  });
  app.addHook('onClose', async () => clearInterval(timer));
  return { app, context };
}

export interface RunningSandbox extends SandboxApp {
  /** Base URL, e.g. http://127.0.0.1:3900 (no trailing slash). */
  url: string;
  close(): Promise<void>;
}

/** Builds and listens; port 0 picks a free port (tests start one sandbox per suite this way). */
export async function startSandbox(options: SandboxAppOptions = {}): Promise<RunningSandbox> {
  const sandbox = buildSandboxApp(options);
  const { host, port } = sandbox.context.settings;
  await sandbox.app.listen({ host, port });
  const address = sandbox.app.server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  return { ...sandbox, url: `http://${host}:${boundPort}`, close: () => sandbox.app.close() };
}
