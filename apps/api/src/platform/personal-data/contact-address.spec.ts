import { ContactAddress, ERASED } from './contact-address';

/** The pattern as JavaScript reads it (Postgres reads it the same way: privacy.int-spec.ts checks the same samples there). */
const finds = (address: ContactAddress, text: string) => new RegExp(address.pattern, 'i').test(text);
const scrubbed = (address: ContactAddress, text: string) => text.replace(new RegExp(address.pattern, 'gi'), `$1${ERASED}`);

describe('ContactAddress', () => {
  const ann = ContactAddress.of('  Ann.Lee+crm@Example.com ');

  it('is the address in lower case, without surrounding space', () => {
    expect(ann.email).toBe('ann.lee+crm@example.com');
  });

  it('refuses what is not one local part, @ and a domain', () => {
    for (const bad of ['', 'ann', 'ann@', '@x.com', 'a@b@c.com', 'ann lee@x.com']) expect(() => ContactAddress.of(bad)).toThrow(/local part/);
  });

  it.each([
    ['itself', 'ann.lee+crm@example.com'],
    ['in any case', 'ANN.LEE+CRM@EXAMPLE.COM'],
    ['in a JSON string', '{"email":"Ann.Lee+crm@example.com"}'],
    ['after a JSON escape', '"Call her:\\nann.lee+crm@example.com"'],
    ['after a unicode escape', '"\\u003cann.lee+crm@example.com\\u003e"'],
    ['in angle brackets', 'Ann <ann.lee+crm@example.com>'],
    ['after mailto:', 'mailto:ann.lee+crm@example.com?subject=hi'],
    ['at the end of a sentence', 'Write to ann.lee+crm@example.com.'],
    ['URI-encoded', 'note=Reply%20from%20ann.lee%2Bcrm%40example.com&reported_at=x'],
  ])('is found %s', (_, text) => {
    expect(finds(ann, text)).toBe(true);
  });

  it.each([
    ['with more before the local part', 'joann.lee+crm@example.com'],
    ['after another address part', 'x.ann.lee+crm@example.com', 'x+ann.lee+crm@example.com'],
    ['URI-encoded after a +', 'x%2Bann.lee%2Bcrm%40example.com'],
    ['with a longer domain', 'ann.lee+crm@example.com.au', 'ann.lee+crm@example.company', 'ann.lee+crm@example.com-mail.net'],
    ['when its dots are other characters', 'annxlee+crm@example.com', 'ann.lee+crm@examplexcom'],
  ])('is not found %s', (_, ...texts) => {
    for (const text of texts) expect(finds(ann, text)).toBe(false);
  });

  it('is replaced everywhere it appears, keeping what came before', () => {
    expect(scrubbed(ann, '{"to":"Ann.Lee+crm@example.com","cc":"joann.lee+crm@example.com","note":"\\nANN.LEE+CRM@EXAMPLE.COM"}')).toBe(
      `{"to":"${ERASED}","cc":"joann.lee+crm@example.com","note":"\\n${ERASED}"}`,
    );
    expect(scrubbed(ann, 'note=from%20ann.lee%2Bcrm%40example.com')).toBe(`note=from%20${ERASED}`);
  });

  it('takes the characters of an address literally', () => {
    const odd = ContactAddress.of("o'neil.{x}|y*z?@host-1.example");
    expect(finds(odd, "Mail o'neil.{x}|y*z?@host-1.example now")).toBe(true);
    expect(finds(odd, "o'neilx{x}|y*z?@host-1.example")).toBe(false);
  });
});
