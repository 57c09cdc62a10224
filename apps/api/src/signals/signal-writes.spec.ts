import { payloadHash } from './signal-writes';

describe('payloadHash', () => {
  it('does not depend on key order, at any depth', () => {
    const a = payloadHash('form', 'demo_request', { form_name: 'Demo', fields: { email: 'a@x.test', company: 'X' } });
    const b = payloadHash('form', 'demo_request', { fields: { company: 'X', email: 'a@x.test' }, form_name: 'Demo' });
    expect(a).toBe(b);
  });

  it('tells apart a different source, kind, value or array order', () => {
    const base = payloadHash('form', 'demo_request', { tags: ['a', 'b'] });
    expect(payloadHash('manual', 'demo_request', { tags: ['a', 'b'] })).not.toBe(base);
    expect(payloadHash('form', 'contact', { tags: ['a', 'b'] })).not.toBe(base);
    expect(payloadHash('form', 'demo_request', { tags: ['b', 'a'] })).not.toBe(base);
    expect(payloadHash('form', 'demo_request', { tags: ['a', 'b'], extra: null })).not.toBe(base);
  });
});
