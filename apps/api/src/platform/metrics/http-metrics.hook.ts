import type { FastifyInstance } from 'fastify';
import { MetricsService } from './metrics.service';

/** Observes latency by route pattern (not raw URL) so label cardinality stays bounded. */
export function observeHttpLatency(fastify: FastifyInstance, metrics: MetricsService): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
}
