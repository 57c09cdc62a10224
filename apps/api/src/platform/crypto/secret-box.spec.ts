import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = SecretBox.fromKey(randomBytes(32).toString('hex'));

  it('round-trips and never stores the plaintext', () => {
    const sealed = box.seal('ya29.secret-access-token');
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain('secret-access-token');
    expect(box.open(sealed)).toBe('ya29.secret-access-token');
  });

  it('uses a fresh IV each time', () => {
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('rejects a tampered value and a wrong key', () => {
    const sealed = box.seal('token');
    const parts = sealed.split(':');
    parts[3] = Buffer.from('forged').toString('base64url');
    expect(() => box.open(parts.join(':'))).toThrow();
    expect(() => SecretBox.fromKey(randomBytes(32).toString('base64')).open(sealed)).toThrow();
  });

  it('opens values sealed under an accepted key as well, and seals only under its own', () => {
    const previous = randomBytes(32).toString('hex');
    const current = randomBytes(32).toString('hex');
    const rotating = SecretBox.fromKey(current).alsoOpening(previous);
    expect(rotating.open(SecretBox.fromKey(previous).seal('old token'))).toBe('old token');
    const sealed = rotating.seal('new token');
    expect(SecretBox.fromKey(current).open(sealed)).toBe('new token');
    expect(SecretBox.fromKey(previous).opens(sealed)).toBe(false);
    expect(rotating.opens(SecretBox.fromKey(randomBytes(32).toString('hex')).seal('foreign'))).toBe(false);
  });

  it('accepts only 32-byte keys', () => {
    expect(() => SecretBox.fromKey('abcd')).toThrow(/32 bytes/);
    expect(() => box.alsoOpening('abcd')).toThrow(/ENCRYPTION_KEY_ACCEPTED must be 32 bytes/);
  });

  it('derives the same key from the same secret', () => {
    const sealed = SecretBox.derivedFrom('operator-token').seal('x');
    expect(SecretBox.derivedFrom('operator-token').open(sealed)).toBe('x');
  });
});
