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
/** A chunk as the build's chunk optimizer (NG_BUILD_OPTIMIZE_CHUNKS) names it: rolldown's base64url hash. */
const MERGED_CHUNK = 'chunk-Df7r_x2-.js';
const THEME_INIT = `(function(){var t=localStorage.getItem("caseyos.theme");${' '.repeat(600)}document.documentElement.dataset.theme=t||"light"})();\n`;

describe('the dashboard as served (a build with its pre-compressed copies)', () => {
  let t: TestApp;
  let dist: string;
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'caseyos-dashboard-'));
    writeFileSync(join(dist, 'index.html'), INDEX);
    writeFileSync(join(dist, 'main-AB12CD34.js'), BUNDLE);
    writeFileSync(join(dist, MERGED_CHUNK), BUNDLE);
    writeFileSync(join(dist, 'app-settings.json'), '{"unfingerprinted":true}\n');
    writeFileSync(join(dist, 'theme-init.js'), THEME_INIT);
    // The build's own step (the dashboard's build target runs it after ng build).
    execFileSync(process.execPath, [join(ROOT, 'tools/precompress-dashboard.js'), dist], { stdio: 'ignore' });
    t = await startTestApp({ DASHBOARD_DIST: dist });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it.each(['main-AB12CD34.js', MERGED_CHUNK])('sends the fingerprinted bundle %s as the build compressed it, cached for a year', async (file) => {
    const url = `${t.baseUrl}/caseyos/${file}`;
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

  it("gives a fingerprinted file only a file's headers, and index.html and a missing bundle the full set", async () => {
    const bundle = await rawGet(`${t.baseUrl}/caseyos/main-AB12CD34.js`, { 'accept-encoding': 'br' });
    const connectionHeaders = ['connection', 'date', 'keep-alive'];
    expect(
      Object.keys(bundle.headers)
        .filter((name) => !connectionHeaders.includes(name))
        .sort(),
    ).toEqual(['cache-control', 'content-encoding', 'content-length', 'content-type', 'cross-origin-resource-policy', 'vary', 'x-content-type-options']);
    expect(bundle.headers['x-content-type-options']).toBe('nosniff');
    expect(bundle.headers['cross-origin-resource-policy']).toBe('same-origin');

    const documentHeaders = ['content-security-policy', 'strict-transport-security', 'x-frame-options', 'referrer-policy', 'x-request-id', 'x-api-version'];
    const index = await rawGet(`${t.baseUrl}/caseyos`, { 'accept-encoding': 'br' });
    const missing = await rawGet(`${t.baseUrl}/caseyos/chunk-ZZ99ZZ99.js`, { 'accept-encoding': 'br' });
    expect(missing.status).toBe(404);
    for (const response of [index, missing]) {
      for (const name of [...documentHeaders, 'x-content-type-options', 'cross-origin-resource-policy']) expect(response.headers[name]).toBeTruthy();
      expect(response.headers['x-api-version']).toBe('v1');
    }
    expect(index.headers.etag).toBeTruthy();
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

  it.each(['theme-init.js', 'app-settings.json'])('revalidates the asset %s, which has no fingerprint', async (file) => {
    const url = `${t.baseUrl}/caseyos/${file}`;
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
