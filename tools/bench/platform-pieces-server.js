// The HTTP platform's per-request pieces, each the app's own built code, on a bare Fastify server
// answering Today's body (BODY_JSON_FILE; BODY_BR_FILE is the API's Brotli copy of it): PIECES
// names which are on ('log+rate', 'all' or ''). Every variant sends the same bytes: with the
// compression piece the body is compressed once as the API compresses a shared body, without it
// the API's copy is sent as it is. The request log goes to /dev/null, as a production log goes to a
// file or pipe the process does not wait on.
const { readFileSync } = require('node:fs');
const Fastify = require('fastify');
const Redis = require('ioredis');
const pino = require('pino');
const { Histogram, Registry } = require('prom-client');

const platform = (path) => require(`../../dist/api/apps/api/src/platform/${path}`);
const ALL = ['compress', 'cookie', 'securityHeaders', 'standardHeaders', 'inFlight', 'inputGuard', 'rateLimit', 'requestLog', 'latencyMetric'];
const wanted = process.env.PIECES === 'all' ? ALL : (process.env.PIECES ?? '').split('+').filter(Boolean);
for (const piece of wanted) if (!ALL.includes(piece)) throw new Error(`unknown piece ${piece}; one of ${ALL.join(', ')}`);
const on = new Set(wanted);

const json = readFileSync(process.env.BODY_JSON_FILE, 'utf8');
const brotli = readFileSync(process.env.BODY_BR_FILE);

async function main() {
  const fastify = Fastify({ logger: false });
  if (on.has('requestLog')) {
    const { Pseudonyms } = platform('crypto/pseudonyms.js');
    const out = pino.destination({ dest: '/dev/null', sync: false, minLength: 4096 });
    platform('logging/request-log.hook.js').logRequests(fastify, pino({ level: 'info' }, out), Pseudonyms.forConfig({ ADMIN_TOKEN: 'x'.repeat(32) }));
  }
  if (on.has('inFlight')) fastify.decorate('inFlightRequests', platform('http/in-flight-requests.js').trackInFlightRequests(fastify));
  if (on.has('cookie')) await fastify.register(require('@fastify/cookie'));
  if (on.has('securityHeaders')) await platform('http/security-headers.js').addSecurityHeaders(fastify);
  const compression = platform('http/compression.js');
  if (on.has('compress')) await compression.compressResponses(fastify);
  if (on.has('standardHeaders')) platform('http/standard-headers.hook.js').addStandardHeaders(fastify);
  if (on.has('rateLimit'))
    platform('http/rate-limit.hook.js').limitRequestRate(fastify, new Redis(process.env.REDIS_URL), { max: 100_000_000, windowSeconds: 60 });
  if (on.has('inputGuard')) platform('http/input-guard.hook.js').guardInput(fastify);
  if (on.has('latencyMetric')) {
    // Only the histogram the hook observes: the metrics service's gauges read the database.
    const httpDuration = new Histogram({ ...platform('metrics/metrics.service.js').HTTP_DURATION_HISTOGRAM, registers: [new Registry()] });
    platform('metrics/http-metrics.hook.js').observeHttpLatency(fastify, { httpDuration });
  }
  const shared = compression.sharedBody(json);
  fastify.get('/api/today', (_request, reply) => {
    reply.type('application/json; charset=utf-8');
    if (on.has('compress')) return reply.send(shared);
    return reply.header('content-encoding', 'br').header('vary', 'accept-encoding').send(brotli);
  });
  await fastify.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
  console.log('pieces server ready');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
