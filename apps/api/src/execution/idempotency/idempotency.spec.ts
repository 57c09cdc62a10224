import { ProblemException } from '../../platform/http/problem-details.filter';
import { idempotencyKeyOf, requestHashOf } from './idempotency';

describe('idempotency keys', () => {
  it('takes X-Idempotency-Key, else the IETF Idempotency-Key (a quoted structured string)', () => {
    expect(idempotencyKeyOf('abc-1', undefined)).toBe('abc-1');
    expect(idempotencyKeyOf(undefined, '"8e03978e-40d5-43e8-bc93-6894a57f9324"')).toBe('8e03978e-40d5-43e8-bc93-6894a57f9324');
    expect(idempotencyKeyOf(undefined, 'bare-token')).toBe('bare-token');
  });

  it('refuses a missing, empty, overlong or non-printable key with a 400 problem', () => {
    for (const [x, ietf] of [
      [undefined, undefined],
      ['', undefined],
      ['a'.repeat(256), undefined],
      ['has space', undefined],
      ['tab\tkey', undefined],
    ] as const) {
      const attempt = () => idempotencyKeyOf(x, ietf);
      expect(attempt).toThrow(ProblemException);
      try {
        attempt();
      } catch (error) {
        expect((error as ProblemException).getStatus()).toBe(400);
      }
    }
  });

  it('hashes the move and the options, independent of option order', () => {
    const a = requestHashOf('item-1', { when_limited: 'queue', note: null });
    expect(requestHashOf('item-1', { note: null, when_limited: 'queue' })).toBe(a);
    expect(requestHashOf('item-2', { when_limited: 'queue', note: null })).not.toBe(a);
    expect(requestHashOf('item-1', { when_limited: 'reject', note: null })).not.toBe(a);
    expect(requestHashOf('item-1', { when_limited: 'queue', note: 'x' })).not.toBe(a);
  });
});
