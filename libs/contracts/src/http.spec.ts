import { isApiDocsUrl } from './http';

describe('isApiDocsUrl (where sign-in may send the operator outside the app)', () => {
  it.each(['/api/docs', '/api/docs/', '/api/docs?x=1', '/api/docs#/auth', '/api/docs-json', '/api/docs-yaml'])('accepts %s', (url) => {
    expect(isApiDocsUrl(url)).toBe(true);
  });

  it.each([
    '//evil.example.com/api/docs',
    'https://evil.example.com/api/docs',
    '/\\evil.example.com/api/docs',
    'javascript:alert(1)',
    '/api/docsevil',
    '/api/documents',
    '/caseyos/api/docs',
    '/integrations',
    ' /api/docs',
    '',
  ])('refuses %s', (url) => {
    expect(isApiDocsUrl(url)).toBe(false);
  });
});
