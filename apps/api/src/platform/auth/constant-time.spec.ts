import { constantTimeEquals, constantTimeMatcher } from './constant-time';

describe('constantTimeMatcher', () => {
  const secret = 'operator-token-0123456789abcdef';
  const matches = constantTimeMatcher(secret);

  it('accepts the secret it was made for, every time it is asked', () => {
    expect(matches(secret)).toBe(true);
    expect(matches(secret)).toBe(true);
  });

  it.each([
    ['another value of the same length', 'operator-token-0123456789abcdeX'],
    ['a prefix', secret.slice(0, -1)],
    ['a longer value', `${secret}0`],
    ['the empty string', ''],
  ])('refuses %s', (_case, candidate) => {
    expect(matches(candidate)).toBe(false);
  });

  it('agrees with constantTimeEquals', () => {
    for (const candidate of [secret, 'x', '', `${secret} `]) expect(matches(candidate)).toBe(constantTimeEquals(candidate, secret));
  });
});
