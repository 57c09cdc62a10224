import { ArgumentsHost, ServiceUnavailableException } from '@nestjs/common';
import type { ProblemDetails } from '@caseyos/contracts';
import { QueryFailedError } from 'typeorm';
import { ProblemDetailsFilter, ProblemException } from './problem-details.filter';

const socketError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, syscall: 'connect' });

/** What the filter sent: status, headers and the problem body. */
function answer(exception: unknown): { status: number; headers: Record<string, string>; problem: ProblemDetails } {
  const sent = { status: 0, headers: {} as Record<string, string>, body: '' };
  const request = { id: 'req-1', url: '/api/thing?x=1' };
  const reply = {
    request,
    code: (status: number) => ((sent.status = status), reply),
    headers: (headers: Record<string, string>) => ((sent.headers = { ...sent.headers, ...headers }), reply),
    type: () => reply,
    send: (body: string) => ((sent.body = body), reply),
  };
  const host = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }) } as unknown as ArgumentsHost;
  new ProblemDetailsFilter().catch(exception, host);
  return { status: sent.status, headers: sent.headers, problem: JSON.parse(sent.body) as ProblemDetails };
}

describe('ProblemDetailsFilter', () => {
  it('answers a database outage 503 database-unavailable with Retry-After', () => {
    const { status, headers, problem } = answer(new QueryFailedError('SELECT 1', [], socketError('ECONNRESET')));
    expect(status).toBe(503);
    expect(problem.type).toBe('urn:caseyos:problem:database-unavailable');
    expect(headers['retry-after']).toBe('5');
  });

  it("answers another service's connection failure 500, not a database outage", () => {
    const { status, problem } = answer(new TypeError('fetch failed', { cause: socketError('ECONNREFUSED') }));
    expect(status).toBe(500);
    expect(problem.type).toBe('urn:caseyos:problem:internal-error');
  });

  it('answers an HttpException with its own status, whatever it wraps', () => {
    const provider = answer(new ProblemException(502, 'provider-unavailable', 'HubSpot cannot be reached.', {}, { 'retry-after': '30' }));
    expect(provider.status).toBe(502);
    expect(provider.problem.type).toBe('urn:caseyos:problem:provider-unavailable');
    expect(provider.headers['retry-after']).toBe('30');

    // A Nest exception raised with a driver-looking message and a socket error as its cause stays what it says.
    const unavailable = answer(new ServiceUnavailableException('Connection terminated by the sandbox', { cause: socketError('ECONNREFUSED') }));
    expect(unavailable.status).toBe(503);
    expect(unavailable.problem.type).toBe('urn:caseyos:problem:unavailable');
    expect(unavailable.headers['retry-after']).toBeUndefined();
  });
});
