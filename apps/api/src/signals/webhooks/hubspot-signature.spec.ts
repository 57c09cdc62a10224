import { Signature } from '@hubspot/api-client';
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

describe('HubSpot v3 signature, cross-checked with the SDK', () => {
  // Where both apply: fresh timestamps (the SDK reads the real clock and throws on stale ones) and
  // URLs without percent-encoded characters (the SDK does not decode them as HubSpot does).
  const secret = 'app-secret';
  const urls = [base.url, `${base.url}?portal=42&source=form`];
  const bodies = ['', '{"a":1}', '[{"eventId":1,"subscriptionType":"contact.creation","objectId":123}]', '{"name":"Jörg – café ✓"}'];
  const methods = ['POST', 'PUT', 'GET'];
  const flip = (signature: string) => `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;

  const cases = urls.flatMap((url) => bodies.flatMap((rawBody) => methods.map((method) => ({ method, url, rawBody }))));

  it.each(cases)('agrees on $method $url with body $rawBody', ({ method, url, rawBody }) => {
    const now = Date.now();
    for (const age of [0, 60_000, MAX_SIGNATURE_AGE_MS - 30_000]) {
      const request = { method, url, rawBody, timestamp: String(now - age) };
      const good = signV3(secret, request);
      const variants = [
        { signature: good, valid: true },
        { signature: flip(good), valid: false },
        { signature: signV3('other-secret', request), valid: false },
        { signature: signV3(secret, { ...request, rawBody: `${rawBody} ` }), valid: false },
        { signature: signV3(secret, { ...request, method: method === 'POST' ? 'PUT' : 'POST' }), valid: false },
      ];
      for (const { signature, valid } of variants) {
        const ours = verifyV3(secret, { ...request, signature }, Date.now()) === 'valid';
        const sdk = Signature.isValid({
          signatureVersion: 'v3',
          clientSecret: secret,
          method,
          url,
          requestBody: rawBody,
          timestamp: Number(request.timestamp),
          signature,
        });
        expect({ age, signature, ours, sdk }).toEqual({ age, signature, ours: valid, sdk: valid });
      }
    }
  });
});
