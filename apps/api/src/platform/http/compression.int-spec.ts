import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { TodayResponse } from '@caseyos/contracts';
import { rawGet } from '../../testing/raw-get';
import { TestApp, operatorHeaders, startTestApp } from '../../testing/test-app';

describe('compressed API responses (real app)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    const seeded = await fetch(`${t.baseUrl}/api/command-queue/seed`, { method: 'POST', headers: operatorHeaders });
    expect(seeded.status).toBe(201);
  });
  afterAll(() => t.close());

  const today = `/api/command-queue/today?limit=50`;

  it("sends today's moves brotli- or gzip-compressed as the client accepts, and plain to a client that accepts neither", async () => {
    const plain = await rawGet(t.baseUrl + today, operatorHeaders);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const moves = (JSON.parse(plain.body.toString()) as TodayResponse).today_moves;
    expect(moves.length).toBeGreaterThan(0);

    const br = await rawGet(t.baseUrl + today, { ...operatorHeaders, 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.body.length).toBeLessThan(plain.body.length / 4);
    expect((JSON.parse(brotliDecompressSync(br.body).toString()) as TodayResponse).today_moves.map((move) => move.id)).toEqual(moves.map((move) => move.id));

    const gzip = await rawGet(t.baseUrl + today, { ...operatorHeaders, 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect((JSON.parse(gunzipSync(gzip.body).toString()) as TodayResponse).today_moves).toHaveLength(moves.length);
  });

  it('leaves small answers and problem bodies uncompressed', async () => {
    const health = await rawGet(`${t.baseUrl}/health`, { 'accept-encoding': 'br, gzip' });
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(health.body.toString())).toEqual({ status: 'ok' });
    const refused = await rawGet(`${t.baseUrl}${today}`, { 'accept-encoding': 'br, gzip' });
    expect(refused.status).toBe(401);
    expect(refused.headers['content-encoding']).toBeUndefined();
  });

  it('streams events as they happen: never compressed, never buffered', async () => {
    const controller = new AbortController();
    try {
      const res = await fetch(`${t.baseUrl}/api/events`, { headers: { ...operatorHeaders, 'accept-encoding': 'br, gzip' }, signal: controller.signal });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-encoding')).toBeNull();
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      // The first bytes arrive while the stream is still open: nothing holds them back.
      const reader = res.body!.getReader();
      const first = await reader.read();
      expect(Buffer.from(first.value!).toString()).toContain('retry: 3000');
    } finally {
      controller.abort();
    }
  });
});
