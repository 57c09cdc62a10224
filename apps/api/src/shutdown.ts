import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** Longer than any request should take, shorter than an orchestrator's kill grace period. */
const DRAIN_TIMEOUT_MS = 20_000;
/** Closing pools and workers after the drain; past this the process exits rather than hang. */
const CLOSE_TIMEOUT_MS = 15_000;

/**
 * Ctrl-C and SIGTERM close the app: the server stops accepting and finishes in-flight
 * requests first (Nest alone would close the pools under them), then queues, workers and
 * pools close and the process exits 0. A second signal forces the exit. Installed while the
 * app is still starting (its workers may already run jobs): a signal then waits for the start
 * to finish and closes what it made.
 */
export function closeOnSignals(starting: Promise<INestApplicationContext>, log: (message: string) => void): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) {
      log(`caseyos: ${signal} again, exiting now`);
      process.exit(1);
    }
    closing = true;
    log(`caseyos: ${signal} received, shutting down gracefully`);
    starting
      .then(async (app) => {
        await drainHttp(app, log);
        setTimeout(() => {
          log(`caseyos: shutdown did not finish within ${CLOSE_TIMEOUT_MS} ms after draining; exiting`);
          process.exit(1);
        }, CLOSE_TIMEOUT_MS).unref();
        await app.close();
      })
      .then(
        () => process.exit(0),
        (error: Error) => {
          log(`caseyos: shutdown failed: ${error.message}`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

async function drainHttp(app: INestApplicationContext, log: (message: string) => void): Promise<void> {
  const http = app as Partial<NestFastifyApplication>;
  if (typeof http.getHttpServer !== 'function') return; // a worker serves no HTTP
  const server = http.getHttpServer();
  server.close();
  server.closeIdleConnections();
  const inFlight = http.getHttpAdapter!().getInstance().inFlightRequests;
  if (!(await inFlight.drained(DRAIN_TIMEOUT_MS))) {
    log(`caseyos: ${inFlight.count} request(s) still running after ${DRAIN_TIMEOUT_MS} ms; closing anyway`);
  }
}
