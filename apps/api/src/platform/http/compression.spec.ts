import Fastify, { FastifyInstance } from 'fastify';
import zlib, { brotliDecompressSync, constants, gunzipSync } from 'node:zlib';
import { COMPRESSION_THRESHOLD_BYTES, compressResponses, sharedBody } from './compression';

const JSON_TYPE = 'application/json; charset=utf-8';
const bigJson = (tag: string) =>
  JSON.stringify({ tag, moves: Array.from({ length: 200 }, (_, i) => ({ id: i, title: `Move number ${i}`, reasons: ['A reason'] })) });

describe('compressResponses', () => {
  let fastify: FastifyInstance;
  const shared = sharedBody(bigJson('shared'));

  beforeEach(async () => {
    fastify = Fastify();
    await compressResponses(fastify);
    fastify.get('/shared', (_request, reply) => reply.type(JSON_TYPE).send(shared));
    fastify.get('/fresh', (_request, reply) => reply.type(JSON_TYPE).send(bigJson('fresh')));
    fastify.get('/small', (_request, reply) => reply.type(JSON_TYPE).send(JSON.stringify({ status: 'ok' })));
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await fastify.close();
  });

  it('answers brotli or gzip as the client prefers, identity when it accepts neither, and says it varies', async () => {
    const br = await fastify.inject({ url: '/fresh', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString()).tag).toBe('fresh');

    const gzip = await fastify.inject({ url: '/fresh', headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gzip.rawPayload).toString()).tag).toBe('fresh');
    expect(Number(gzip.headers['content-length'])).toBe(gzip.rawPayload.length);

    const identity = await fastify.inject({ url: '/fresh' });
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.json<{ tag: string }>().tag).toBe('fresh');
  });

  it('leaves a body under the threshold as it is', async () => {
    const small = await fastify.inject({ url: '/small', headers: { 'accept-encoding': 'br, gzip' } });
    expect(small.rawPayload.length).toBeLessThan(COMPRESSION_THRESHOLD_BYTES);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.json()).toEqual({ status: 'ok' });
  });

  it('compresses a shared body once per encoding, harder than a per-request body', async () => {
    const brotli = jest.spyOn(zlib, 'brotliCompressSync');
    const gzip = jest.spyOn(zlib, 'gzipSync');
    const bodies = [];
    for (let i = 0; i < 3; i++) bodies.push((await fastify.inject({ url: '/shared', headers: { 'accept-encoding': 'br' } })).rawPayload);
    for (let i = 0; i < 2; i++) await fastify.inject({ url: '/shared', headers: { 'accept-encoding': 'gzip' } });
    expect(brotli).toHaveBeenCalledTimes(1);
    expect(gzip).toHaveBeenCalledTimes(1);
    expect(new Set(bodies.map((body) => body.toString('base64'))).size).toBe(1);
    expect(JSON.parse(brotliDecompressSync(bodies[0]).toString()).tag).toBe('shared');

    const sharedQuality = (brotli.mock.calls[0][1] as zlib.BrotliOptions).params?.[constants.BROTLI_PARAM_QUALITY];
    for (let i = 0; i < 3; i++) await fastify.inject({ url: '/fresh', headers: { 'accept-encoding': 'br' } });
    expect(brotli).toHaveBeenCalledTimes(4);
    const perRequestQuality = (brotli.mock.calls[1][1] as zlib.BrotliOptions).params?.[constants.BROTLI_PARAM_QUALITY];
    expect(perRequestQuality).toBeLessThan(sharedQuality as number);
  });
});
