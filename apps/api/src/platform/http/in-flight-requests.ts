import type { FastifyInstance, FastifyRequest } from 'fastify';

export interface InFlightRequests {
  readonly count: number;
  /** For long-lived streams: they end when the app closes, not before. */
  release(request: FastifyRequest): void;
  /** Resolves once no request is in flight, or after the timeout. */
  drained(timeoutMs: number): Promise<boolean>;
}

/**
 * Counts requests from the moment their headers arrive until the response is sent or the
 * client goes away. Node's server.close() does not wait for them, so shutdown waits here.
 */
export function trackInFlightRequests(fastify: FastifyInstance): InFlightRequests {
  const open = new Set<FastifyRequest>();
  fastify.addHook('onRequest', (request, _reply, done) => {
    open.add(request);
    done();
  });
  // A request can end both ways (aborted, then its response closes); a set counts it once.
  fastify.addHook('onResponse', (request, _reply, done) => {
    open.delete(request);
    done();
  });
  fastify.addHook('onRequestAbort', (request, done) => {
    open.delete(request);
    done();
  });
  return {
    release(request) {
      open.delete(request);
    },
    get count() {
      return open.size;
    },
    async drained(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (open.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
      return open.size === 0;
    },
  };
}
