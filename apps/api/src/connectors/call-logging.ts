import type { Logger } from '@nestjs/common';
import type { IntegrationProvider } from '@caseyos/contracts';
import { isCallerAbort } from './call-options';
import type { ConnectorError } from './errors/connector-errors';

/**
 * Named log lines of connector calls: operation, timing, retry and failure class. Only
 * ConnectorError messages are logged, which never hold tokens, requests or message bodies.
 */
export function logCall<T>(logger: Logger, provider: IntegrationProvider, operation: string, call: Promise<T>): Promise<T> {
  const started = performance.now();
  return call.then(
    (result) => {
      logger.debug({ event: 'connector_call', provider, operation, ms: Math.round(performance.now() - started) });
      return result;
    },
    (error: ConnectorError) => {
      const line = { event: 'connector_call_failed', provider, operation, kind: error.kind, error: error.message };
      // A missing object is an answer and an abort the caller's own choice: neither is worth a warning.
      if (error.kind === 'not_found' || isCallerAbort(error)) logger.debug(line);
      else logger.warn(line);
      throw error;
    },
  );
}

export function logRetry(logger: Logger, provider: IntegrationProvider, operation: string) {
  return (error: ConnectorError, waitMs: number, attempt: number) =>
    logger.warn({ event: 'connector_retry', provider, operation, attempt, kind: error.kind, status: error.status, reason: error.reason, wait_ms: waitMs });
}
