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

  it('accepts only 32-byte keys', () => {
    expect(() => SecretBox.fromKey('abcd')).toThrow(/32 bytes/);
  });

  it('derives the same key from the same secret', () => {
    const sealed = SecretBox.derivedFrom('operator-token').seal('x');
    expect(SecretBox.derivedFrom('operator-token').open(sealed)).toBe('x');
  });
});
