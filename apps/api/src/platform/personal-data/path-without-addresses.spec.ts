import { randomBytes } from 'node:crypto';
import { Pseudonyms } from '../crypto/pseudonyms';
import { pathWithoutAddresses } from './path-without-addresses';

describe('pathWithoutAddresses and the contact pseudonym', () => {
  const pseudonyms = Pseudonyms.forConfig({ ENCRYPTION_KEY: randomBytes(32).toString('hex'), ADMIN_TOKEN: 'unused' });

  it('replaces a segment holding an address, encoded or not, by its pseudonym; leaves other paths as they are', () => {
    const ref = pseudonyms.contactRef('dana@northwind.example.com');
    expect(ref).toMatch(/^contact:[0-9a-f]{32}$/);
    expect(pathWithoutAddresses('/api/contacts/Dana%40Northwind.example.com', pseudonyms)).toBe(`/api/contacts/${ref}`);
    expect(pathWithoutAddresses('/api/contacts/dana@northwind.example.com/export', pseudonyms)).toBe(`/api/contacts/${ref}/export`);
    expect(pathWithoutAddresses('/api/command-queue/1b9d6bcd/execute', pseudonyms)).toBe('/api/command-queue/1b9d6bcd/execute');
    expect(pathWithoutAddresses('/api/contacts/%E0%A4%A@x', pseudonyms)).toBe(`/api/contacts/${pseudonyms.contactRef('%E0%A4%A@x')}`);
  });

  it('is the same for any case of an address, differs between addresses and between keys, and does not contain the address', () => {
    const ref = pseudonyms.contactRef('Dana@Northwind.example.com');
    expect(pseudonyms.contactRef(' dana@northwind.example.com')).toBe(ref);
    expect(pseudonyms.contactRef('dan@northwind.example.com')).not.toBe(ref);
    expect(Pseudonyms.forConfig({ ENCRYPTION_KEY: randomBytes(32).toString('hex'), ADMIN_TOKEN: 'unused' }).contactRef('dana@northwind.example.com')).not.toBe(
      ref,
    );
    expect(ref).not.toContain('dana');
  });

  it('without ENCRYPTION_KEY, is derived from ADMIN_TOKEN like the token encryption', () => {
    const a = Pseudonyms.forConfig({ ADMIN_TOKEN: 'operator-token-0123456789abcdef' });
    const b = Pseudonyms.forConfig({ ADMIN_TOKEN: 'operator-token-0123456789abcdef' });
    expect(a.contactRef('dana@northwind.example.com')).toBe(b.contactRef('dana@northwind.example.com'));
  });
});
