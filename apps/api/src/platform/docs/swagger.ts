import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { API_DOCS_PATH, HEADERS, SESSION_COOKIE, SIGN_IN_PATH } from '@caseyos/contracts';
import type { FastifyRequest } from 'fastify';
import { OperatorAuthService } from '../auth/operator-auth.service';
import { buildProblem, sendProblem } from '../http/problem-details';
import { routedPath } from '../http/routed-path';

/**
 * Swagger UI at /api/docs and JSON at /api/docs-json. Like every /api route they need the
 * operator: the token, or a dashboard session (so a signed-in browser can open them). A browser
 * opening them without a session is sent to the dashboard's sign-in page, which brings it back;
 * API clients get the 401.
 */
export function setUpApiDocs(app: NestFastifyApplication): void {
  const config = new DocumentBuilder()
    .setTitle('CaseyOS API')
    .setDescription('GTM command center: signals, command queue, execution and outcomes.')
    .setVersion('v1')
    .addApiKey({ type: 'apiKey', in: 'header', name: HEADERS.adminToken }, 'operator-token')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'The operator token' }, 'operator-bearer')
    .addCookieAuth(SESSION_COOKIE, { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE }, 'session')
    .addSecurityRequirements('operator-token')
    .addSecurityRequirements('operator-bearer')
    .addSecurityRequirements('session')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  markPublicRoutes(document);

  const auth = app.get(OperatorAuthService);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      if (!routedPath(request).startsWith(API_DOCS_PATH)) return done();
      auth.authenticate(request).then((outcome) => {
        if (outcome.ok) return done();
        if (isPageLoad(request)) return void reply.redirect(`${SIGN_IN_PATH}?returnUrl=${encodeURIComponent(request.url)}`, 302);
        void sendProblem(reply, buildProblem(request, outcome.status, outcome.slug, outcome.detail));
      }, done);
    });
  SwaggerModule.setup(API_DOCS_PATH.slice(1), app, document, {
    jsonDocumentUrl: `${API_DOCS_PATH.slice(1)}-json`,
    yamlDocumentUrl: `${API_DOCS_PATH.slice(1)}-yaml`,
    swaggerOptions: { requestInterceptor: addCsrfHeader },
  });
}

/** A browser opening the page (it asks for HTML), not a script or an API client. */
function isPageLoad(request: FastifyRequest): boolean {
  return request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');
}

/** The browser's, where addCsrfHeader runs. */
declare const window: { location: { href: string; origin: string } };

/**
 * Swagger UI's "Try it out" with the dashboard session: a state-changing request needs the
 * session's CSRF token as X-CSRF-Token, which the session endpoint hands to the signed-in
 * browser. Runs in the browser from its source text (swagger-ui-init.js), so it uses nothing
 * of this module. With the operator token set (Authorize) the header does no harm: the token is
 * checked first.
 */
async function addCsrfHeader(request: { url: string; method?: string; headers: Record<string, string> }) {
  const safe = ['GET', 'HEAD', 'OPTIONS'].includes((request.method ?? 'GET').toUpperCase());
  if (safe || new URL(request.url, window.location.href).origin !== window.location.origin) return request;
  const response = await fetch('/api/auth/session', { credentials: 'same-origin' });
  const session = response.ok ? ((await response.json()) as { csrf_token: string | null }) : null;
  if (session?.csrf_token) request.headers['x-csrf-token'] = session.csrf_token;
  return request;
}

/** Health probes and sign-in need no credentials; say so in the document. */
function markPublicRoutes(document: ReturnType<typeof SwaggerModule.createDocument>): void {
  const open = ['/health', '/healthz', '/ready', '/health/beat', '/caseyos/health'];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const signIn = path === '/api/auth/session' && (method === 'post' || method === 'get');
      if (open.includes(path) || signIn) (operation as { security?: unknown[] }).security = [];
    }
  }
}
