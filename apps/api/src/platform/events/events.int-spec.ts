import { connect } from 'node:net';
import { TestApp, operatorHeaders, startTestApp } from '../../testing/test-app';

describe('GET /api/events', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers a HEAD with the stream head and ends it (found by the fuzzer: it hung, holding a subscription)', async () => {
    const { port } = new URL(t.baseUrl);
    const head = `HEAD /api/events HTTP/1.1\r\nHost: x\r\nx-admin-token: ${operatorHeaders['x-admin-token']}\r\n\r\n`;
    // fetch() would not show whether a HEAD's answer ever ends; a second request on the same
    // connection is answered only once it has.
    const answers = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write(`${head}GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n`));
      const gaveUp = setTimeout(() => {
        socket.destroy();
        reject(new Error(`no answer to the request after the HEAD; got ${JSON.stringify(text)}`));
      }, 20_000);
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk.toString('utf8');
        if (text.includes('{"status":"ok"}')) {
          clearTimeout(gaveUp);
          socket.destroy();
          resolve(text);
        }
      });
      socket.on('error', reject);
    });
    const [stream, health] = answers.split(/(?=HTTP\/1\.1 )/);
    expect(stream).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(stream).toContain('content-type: text/event-stream');
    expect(stream.endsWith('\r\n\r\n')).toBe(true); // the head alone
    expect(health).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
  });
});
