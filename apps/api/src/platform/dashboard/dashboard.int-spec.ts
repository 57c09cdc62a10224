import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { rawGet } from '../../testing/raw-get';
import { TestApp, startTestApp } from '../../testing/test-app';
import { ROOT_DEPRECATED_AT } from './dashboard.controller';

const ROOT = join(__dirname, '../../../../..');
const BUNDLE = `export const moves = [${Array.from({ length: 300 }, (_, i) => `{id:${i},title:"Move ${i}"}`).join(',')}];\n`;
const INDEX =
  '<!doctype html><html><head><base href="/caseyos/"><script src="theme-init.js"></script></head><body><script src="main-AB12CD34.js" type="module"></script></body></html>\n';
const THEME_INIT = `(function(){var t=localStorage.getItem("caseyos.theme");${' '.repeat(600)}document.documentElement.dataset.theme=t||"light"})();\n`;

describe('the dashboard as served (a build with its pre-compressed copies)', () => {
  let t: TestApp;
  let dist: string;
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'caseyos-dashboard-'));
    writeFileSync(join(dist, 'index.html'), INDEX);
    writeFileSync(join(dist, 'main-AB12CD34.js'), BUNDLE);
    writeFileSync(join(dist, 'theme-init.js'), THEME_INIT);
    // The build's own step (the dashboard's build target runs it after ng build).
    execFileSync(process.execPath, [join(ROOT, 'tools/precompress-dashboard.js'), dist], { stdio: 'ignore' });
    t = await startTestApp({ DASHBOARD_DIST: dist });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('sends a fingerprinted bundle as the build compressed it, cached for a year', async () => {
    const url = `${t.baseUrl}/caseyos/main-AB12CD34.js`;
    const br = await rawGet(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.body.length).toBeLessThan(BUNDLE.length / 4);
    expect(brotliDecompressSync(br.body).toString()).toBe(BUNDLE);

    const gzip = await rawGet(url, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(BUNDLE);

    const plain = await rawGet(url);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.body.toString()).toBe(BUNDLE);
  });

  it.each(['/caseyos', '/caseyos/', '/caseyos/integrations'])(
    'serves index.html at %s to be revalidated, answering 304 while it is unchanged',
    async (path) => {
      const first = await rawGet(t.baseUrl + path, { 'accept-encoding': 'br, gzip' });
      expect(first.status).toBe(200);
      expect(first.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(first.headers['cache-control']).toBe('no-cache');
      expect(first.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(first.body).toString()).toBe(INDEX);
      const etag = first.headers.etag;
      const lastModified = first.headers['last-modified'];
      expect(etag).toBeTruthy();
      expect(lastModified).toBeTruthy();

      const byEtag = await rawGet(t.baseUrl + path, { 'accept-encoding': 'br, gzip', 'if-none-match': etag! });
      expect(byEtag.status).toBe(304);
      expect(byEtag.body.length).toBe(0);
      const byDate = await rawGet(t.baseUrl + path, { 'accept-encoding': 'br, gzip', 'if-modified-since': lastModified! });
      expect(byDate.status).toBe(304);
    },
  );

  it('revalidates an asset without a fingerprint too', async () => {
    const url = `${t.baseUrl}/caseyos/theme-init.js`;
    const first = await rawGet(url, { 'accept-encoding': 'br, gzip' });
    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toBe('no-cache');
    expect((await rawGet(url, { 'accept-encoding': 'br, gzip', 'if-none-match': first.headers.etag! })).status).toBe(304);
  });

  it('does not serve the compressed copies as files of their own', async () => {
    const res = await rawGet(`${t.baseUrl}/caseyos/main-AB12CD34.js.br`);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('redirects / to the dashboard, marked deprecated with a link to its successor', async () => {
    const res = await rawGet(`${t.baseUrl}/`);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/caseyos');
    expect(res.headers.deprecation).toBe(ROOT_DEPRECATED_AT);
    expect(ROOT_DEPRECATED_AT).toMatch(/^@\d+$/); // RFC 9745: a structured-field date
    expect(res.headers.link).toBe('</caseyos>; rel="successor-version"');
  });
});
