import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { SandboxAutoConnect } from './connectors/oauth/sandbox-auto-connect';
import { HttpErrorRateAlert } from './platform/alerts/http-error-rate.alert';
import { auditStateChangingRequests } from './platform/audit/audit-requests.hook';
import { AuditService } from './platform/audit/audit.service';
import { AppConfig } from './platform/config/app-config';
import { Pseudonyms } from './platform/crypto/pseudonyms';
import { AppLogger } from './platform/logging/app-logger';
import { logRequests } from './platform/logging/request-log.hook';
import { runMigrationsBeforeStart, runMigrationsLocked } from './platform/database/run-migrations';
import { setUpApiDocs } from './platform/docs/swagger';
import { compressResponses } from './platform/http/compression';
import { MAX_PATH_PARAMETER_LENGTH, answerRoutingError, answerUnparsableRequest } from './platform/http/framework-errors';
import { trackInFlightRequests } from './platform/http/in-flight-requests';
import { guardInput } from './platform/http/input-guard.hook';
import { parseJsonBodies } from './platform/http/json-body.parser';
import { ProblemDetailsFilter } from './platform/http/problem-details.filter';
import { limitRequestRate } from './platform/http/rate-limit.hook';
import { requestIdFor } from './platform/http/request-id';
import { addSecurityHeaders } from './platform/http/security-headers';
import { addStandardHeaders } from './platform/http/standard-headers.hook';
import { createValidationPipe } from './platform/http/validation';
import { observeHttpLatency } from './platform/metrics/http-metrics.hook';
import { MetricsService } from './platform/metrics/metrics.service';
import { REDIS } from './platform/redis/redis.module';

/** Builds the HTTP app (roles api and all), migrated and initialised but not yet listening. */
export async function createHttpApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    // request.ip, which the rate limit counts by, is the client's behind a proxy (TRUST_PROXY).
    trustProxy: config.trustProxy,
    genReqId: requestIdFor,
    requestIdHeader: false,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    // Requests refused before routing answer problem+json too (framework-errors.ts).
    routerOptions: { maxParamLength: MAX_PATH_PARAMETER_LENGTH },
    frameworkErrors: answerRoutingError,
    clientErrorHandler: answerUnparsableRequest,
    // No Nest middleware is used: without @fastify/middie no request runs its empty chain.
    skipMiddie: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
    bodyParser: false, // ours (json-body.parser.ts) keeps the raw body and answers with problem types
  });
  try {
    await configureHttpApp(app, config);
  } catch (error) {
    await app.close().catch(() => undefined); // leave no pool or Redis connection behind
    throw error;
  }
  return app;
}

async function configureHttpApp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  app.useLogger(app.get(AppLogger));
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(createValidationPipe());

  const fastify = app.getHttpAdapter().getInstance();
  logRequests(fastify, app.get(AppLogger).pino, app.get(Pseudonyms));
  fastify.decorate('inFlightRequests', trackInFlightRequests(fastify));
  // Only JSON bodies are accepted; anything else is a clear 415 instead of a half-parsed string.
  parseJsonBodies(fastify);
  await app.register(fastifyCookie);
  await addSecurityHeaders(fastify);
  await compressResponses(fastify);
  // The dashboard's build carries .br and .gz copies of its files (tools/precompress-dashboard.js).
  await app.register(fastifyStatic, { root: resolve(config.DASHBOARD_DIST), serve: false, preCompressed: true });
  addStandardHeaders(fastify);
  limitRequestRate(fastify, app.get(REDIS), { max: config.RATE_LIMIT_MAX, windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS });
  guardInput(fastify);
  auditStateChangingRequests(fastify, app.get(AuditService), app.get(Pseudonyms));
  observeHttpLatency(fastify, app.get(MetricsService));
  app.get(HttpErrorRateAlert).countResponses(fastify);

  await runMigrationsLocked(app.get(DataSource));
  await app.get(SandboxAutoConnect).connectAll();
  setUpApiDocs(app);
  await app.init();
}

/** Builds the queue worker (role worker): no HTTP server at all. */
export async function createWorkerApp(config: AppConfig): Promise<INestApplicationContext> {
  // Nest runs an application context's start-up hooks (workers, schedulers, the first heartbeat)
  // inside createApplicationContext: the schema must be there before it.
  await runMigrationsBeforeStart(config.DATABASE_URL);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(AppLogger));
  return app;
}
