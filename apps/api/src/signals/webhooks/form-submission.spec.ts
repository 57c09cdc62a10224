import { normalizeFormSubmission } from './form-submission';

describe('normalizeFormSubmission', () => {
  it('accepts our simple shape', () => {
    expect(normalizeFormSubmission({ form_name: 'Request a demo', fields: { email: 'Priya@Example.com ', firstname: 'Priya', company: 'Northwind' } })).toEqual(
      {
        form_name: 'Request a demo',
        fields: { email: 'priya@example.com', firstname: 'Priya', company: 'Northwind' },
        page_url: null,
        submitted_at: null,
      },
    );
  });

  it("accepts HubSpot's submission shape", () => {
    expect(
      normalizeFormSubmission({
        formName: 'Pricing',
        submittedAt: 1795700000000,
        pageUrl: 'https://example.com/pricing',
        values: [
          { name: 'email', value: 'a@b.co' },
          { name: 'company', value: 'Acme' },
        ],
      }),
    ).toEqual({
      form_name: 'Pricing',
      fields: { email: 'a@b.co', company: 'Acme' },
      page_url: 'https://example.com/pricing',
      submitted_at: new Date(1795700000000).toISOString(),
    });
  });

  it.each([
    [{ form_name: 'x', fields: {} }, 'fields.email'],
    [{ form_name: 'x', fields: { email: 'not-an-email' } }, 'fields.email'],
    [{ form_name: 'x' }, 'fields'],
    [[], 'body'],
    [{ fields: { email: 'a@b.co' }, submitted_at: 'never' }, 'submitted_at'],
  ])('rejects %j naming %s', (body, field) => {
    try {
      normalizeFormSubmission(body);
      throw new Error('accepted');
    } catch (error) {
      expect((error as { extra: { errors: { field: string }[] } }).extra.errors.map((e) => e.field)).toContain(field);
    }
  });
});
