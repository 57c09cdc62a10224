import { Pseudonyms } from './pseudonyms';

describe('Pseudonyms', () => {
  const keyA = 'a1'.repeat(32);
  const keyB = 'b2'.repeat(32);
  const address = 'Dana@Northwind.example.com';

  it('keeps an address pseudonym across a rotation of ENCRYPTION_KEY when PSEUDONYM_KEY is set to the old key', () => {
    const beforeRotation = Pseudonyms.forConfig({ ENCRYPTION_KEY: keyA, ADMIN_TOKEN: 'token' }).contactRef(address);
    const pinned = Pseudonyms.forConfig({ PSEUDONYM_KEY: keyA, ENCRYPTION_KEY: keyA, ADMIN_TOKEN: 'token' }).contactRef(address);
    const afterRotation = Pseudonyms.forConfig({ PSEUDONYM_KEY: keyA, ENCRYPTION_KEY: keyB, ADMIN_TOKEN: 'token' }).contactRef(address);
    expect(pinned).toBe(beforeRotation);
    expect(afterRotation).toBe(beforeRotation);
  });

  it('starts new pseudonyms with a new key when nothing pins them', () => {
    const underA = Pseudonyms.forConfig({ ENCRYPTION_KEY: keyA, ADMIN_TOKEN: 'token' }).contactRef(address);
    const underB = Pseudonyms.forConfig({ ENCRYPTION_KEY: keyB, ADMIN_TOKEN: 'token' }).contactRef(address);
    expect(underB).toMatch(/^contact:[0-9a-f]{32}$/);
    expect(underB).not.toBe(underA);
  });

  it('names PSEUDONYM_KEY when it is malformed', () => {
    expect(() => Pseudonyms.forConfig({ PSEUDONYM_KEY: 'abcd', ADMIN_TOKEN: 'token' })).toThrow(/PSEUDONYM_KEY must be 32 bytes/);
  });
});
