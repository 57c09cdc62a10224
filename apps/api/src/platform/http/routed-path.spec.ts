import type { FastifyRequest } from 'fastify';
import { routedPath } from './routed-path';

const request = (url: string, pattern?: string) => ({ url, routeOptions: { url: pattern } }) as unknown as FastifyRequest;

describe('routedPath', () => {
  it("is the matched route's pattern, however the target was written", () => {
    expect(routedPath(request('/%61pi/audit?limit=5', '/api/audit'))).toBe('/api/audit');
    expect(routedPath(request('http://example.test/api/audit', '/api/audit'))).toBe('/api/audit');
  });

  it('is the decoded path of a request no route matched, without scheme, host or query', () => {
    expect(routedPath(request('/%61pi/no-such-route?x=1'))).toBe('/api/no-such-route');
    expect(routedPath(request('http://example.test/api/no-such-route'))).toBe('/api/no-such-route');
    expect(routedPath(request('http://example.test'))).toBe('/');
    expect(routedPath(request('/api/%E0%A4%A'))).toBe('/api/%E0%A4%A'); // a malformed escape stays as sent
  });
});
