import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { HEADERS, SESSION_COOKIE } from '@caseyos/contracts';
import { OperatorAuthService } from '../auth/operator-auth.service';
import { buildProblem, sendProblem } from '../http/problem-details';

const DOCS_PATH = 'api/docs';

/**
 * Swagger UI at /api/docs and JSON at /api/docs-json. Like every /api route they need the
 * operator: the token, or a dashboard session (so a signed-in browser can open them).
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
    .addHook('onRequest', async (request, reply) => {
      if (!request.url.startsWith(`/${DOCS_PATH}`)) return;
      const outcome = await auth.authenticate(request);
      if (!outcome.ok) return sendProblem(reply, buildProblem(request, outcome.status, outcome.slug, outcome.detail));
    });
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: `${DOCS_PATH}-json`, yamlDocumentUrl: `${DOCS_PATH}-yaml` });
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
