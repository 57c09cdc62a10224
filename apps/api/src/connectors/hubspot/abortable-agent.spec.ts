import { once } from 'node:events';
import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import fetch from 'node-fetch';
import { abortableAgent } from './abortable-agent';

/** node-fetch 2 with only an agent: exactly what @hubspot/api-client sends a request with. */
describe('abortableAgent', () => {
  let server: Server;
  let url: string;
  const arrived: IncomingMessage[] = [];

  beforeAll(async () => {
    // Never answers: only the client side can end a request.
    server = createServer((request) => arrived.push(request));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/crm/v3/objects/tasks`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    server.close();
  });

  it('closes the request in flight when the signal aborts, so the server sees it go', async () => {
    const controller = new AbortController();
    const request = fetch(url, { method: 'POST', body: '{}', agent: abortableAgent(url, controller.signal) });
    const failed = request.catch((error: Error & { code?: string }) => error);
    while (arrived.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const closed = once(arrived[0].socket, 'close');
    controller.abort();
    await closed;
    expect(await failed).toMatchObject({ name: 'FetchError', code: 'ECONNRESET' });
  });

  it('never sends a request whose signal aborted before it connected', async () => {
    const before = arrived.length;
    const error = await fetch(url, { agent: abortableAgent(url, AbortSignal.abort()) }).catch((e: Error) => e);
    expect(error).toMatchObject({ name: 'FetchError' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(arrived).toHaveLength(before);
  });
});
