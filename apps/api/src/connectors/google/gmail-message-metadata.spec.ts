import { decodeHtmlEntities } from './gmail-message-metadata';

describe('Gmail snippets', () => {
  it('are read as the plain text Gmail escaped', () => {
    expect(decodeHtmlEntities('Sounds good, let&#39;s talk &amp; I can&#x27;t wait &lt;3 &quot;Tue&quot;')).toBe(
      `Sounds good, let's talk & I can't wait <3 "Tue"`,
    );
  });

  it('leave what is not an entity alone', () => {
    expect(decodeHtmlEntities('AT&T; 5 &bogus; &#0; & done')).toBe('AT&T; 5 &bogus; &#0; & done');
  });
});
