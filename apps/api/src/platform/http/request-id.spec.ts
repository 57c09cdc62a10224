import type { IncomingMessage } from 'node:http';
import { requestIdFor } from './request-id';

const raw = (header?: string) => ({ headers: header === undefined ? {} : { 'x-request-id': header } }) as IncomingMessage;

describe('requestIdFor', () => {
  it('echoes a well-formed client id', () => {
    expect(requestIdFor(raw('trace-123_abc.def'))).toBe('trace-123_abc.def');
  });

  it.each(['', 'has space', 'x'.repeat(129), 'new\nline', '<script>'])('replaces an unsafe id %j', (bad) => {
    const id = requestIdFor(raw(bad));
    expect(id).not.toBe(bad);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
