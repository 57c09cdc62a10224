// The HTTP platform's per-request pieces, each the app's own built code, on a bare Fastify server
// answering one JSON body of Today's size: PIECES names which are on ('log+rate', 'all' or '').
// Every variant sends the same bytes (Brotli), so what differs is the pieces' work. The request
// log goes to /dev/null, as a production log goes to a file or pipe the process does not wait on.
const { brotliCompressSync, constants } = require('node:zlib');
const Fastify = require('fastify');
const Redis = require('ioredis');
const pino = require('pino');
const { Histogram, Registry } = require('prom-client');

const platform = (path) => require(`../../dist/api/apps/api/src/platform/${path}`);
const ALL = ['compress', 'cookie', 'securityHeaders', 'standardHeaders', 'inFlight', 'inputGuard', 'rateLimit', 'requestLog', 'latencyMetric'];
const wanted = process.env.PIECES === 'all' ? ALL : (process.env.PIECES ?? '').split('+').filter(Boolean);
for (const piece of wanted) if (!ALL.includes(piece)) throw new Error(`unknown piece ${piece}; one of ${ALL.join(', ')}`);
const on = new Set(wanted);

/** Like today's 50 moves: ~70 kB of JSON, ~3 kB once compressed. */
const json = JSON.stringify({
  today_moves: Array.from({ length: 50 }, (_, i) => ({
    id: `move-${i}`,
    title: `Bench move ${i}`,
    reasons: ['Bench reason one', 'Bench reason two'],
    detail: 'x'.repeat(1200),
  })),
});

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
  // With compression on, the shared body is compressed once, as Today's is; without, the same
  // bytes are sent ready-made.
  const shared = compression.sharedBody(json);
  const precompressed = brotliCompressSync(json, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
  fastify.get('/api/today', (_request, reply) => {
    reply.type('application/json; charset=utf-8');
    if (on.has('compress')) return reply.send(shared);
    return reply.header('content-encoding', 'br').header('vary', 'accept-encoding').send(precompressed);
  });
  await fastify.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
  console.log('pieces server ready');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
