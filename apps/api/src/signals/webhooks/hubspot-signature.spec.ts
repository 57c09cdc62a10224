import { MAX_SIGNATURE_AGE_MS, signV3, verifyV3 } from './hubspot-signature';

const now = Date.parse('2026-11-26T12:00:00Z');
const base = { method: 'POST', url: 'https://caseyos.example.com/api/webhooks/hubspot/form-submission', rawBody: '{"a":1}', timestamp: String(now) };
const signed = { ...base, signature: signV3('app-secret', base) };

describe('HubSpot v3 signature', () => {
  it('accepts a valid signature', () => expect(verifyV3('app-secret', signed, now)).toBe('valid'));
  it('rejects the wrong secret', () => expect(verifyV3('other-secret', signed, now)).toBe('invalid'));
  it('rejects a tampered body', () => expect(verifyV3('app-secret', { ...signed, rawBody: '{"a":2}' }, now)).toBe('invalid'));
  it('rejects another URL or method', () => {
    expect(verifyV3('app-secret', { ...signed, url: `${base.url}?x=1` }, now)).toBe('invalid');
    expect(verifyV3('app-secret', { ...signed, method: 'PUT' }, now)).toBe('invalid');
  });
  it('rejects a timestamp older than five minutes (and one from the future)', () => {
    expect(verifyV3('app-secret', signed, now + MAX_SIGNATURE_AGE_MS + 1)).toBe('stale');
    expect(verifyV3('app-secret', signed, now - MAX_SIGNATURE_AGE_MS - 1)).toBe('stale');
    expect(verifyV3('app-secret', { ...signed, timestamp: 'yesterday' }, now)).toBe('stale');
  });
  it('says when there is no signature', () => expect(verifyV3('app-secret', { ...signed, signature: undefined }, now)).toBe('missing'));
  it('signs the URI with HubSpot-decoded characters', () => {
    const encoded = { ...base, url: `${base.url}?next=%2Fcaseyos%3Fa%3A1` };
    const decoded = { ...base, url: `${base.url}?next=/caseyos?a:1` };
    expect(signV3('s', encoded)).toBe(signV3('s', decoded));
  });
});
