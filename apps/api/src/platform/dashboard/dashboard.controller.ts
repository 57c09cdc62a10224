import { Controller, Get, Header, Redirect, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DASHBOARD_BASE_PATH } from '@caseyos/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { Public } from '../auth/public.decorator';
import { AppConfig } from '../config/app-config';
import { ProblemException } from '../http/problem-details.filter';

/**
 * Angular's output names: main-ABCD1234.js, styles-ABCD1234.css, media/font-ABCD1234.woff2 (esbuild's
 * hash), and the chunks merged by the build's chunk optimizer (NG_BUILD_OPTIMIZE_CHUNKS, rolldown's
 * base64url hash): chunk-Ab_d-123.js. Only chunks take the wider alphabet, so a plain name such as
 * app-settings.json is never taken for a fingerprint.
 */
const FINGERPRINTED = /(?:^chunk-[\w-]{8}|-[A-Z0-9]{8})\.[a-z0-9]+$/;
/** The build's pre-compressed copies: served in place of their original, never as files of their own. */
const COMPRESSED_COPY = /\.(br|gz)$/;
const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;
const IMMUTABLE_FILE = { maxAge: ONE_YEAR_MS, immutable: true, etag: false, lastModified: false, acceptRanges: false };

/** When `/` was deprecated in favour of the dashboard's own path (RFC 9745: `@` and Unix seconds). */
export const ROOT_DEPRECATED_AT = '@1796083200'; // 2026-12-01T00:00:00Z

/**
 * Serves the built Angular app. Paths with a file extension are assets; anything else is a
 * client-side route and gets index.html. The app itself asks the API who is signed in.
 *
 * Caching: a fingerprinted file never changes under its name, so browsers keep it a year without
 * asking again; everything else (index.html above all, which names the current bundles) is
 * revalidated on every use, and answered 304 when the ETag or Last-Modified still matches. Files are
 * sent as the build compressed them (.br or .gz, per Accept-Encoding, with Vary: Accept-Encoding).
 */
@ApiExcludeController()
@Public()
@Controller()
export class DashboardController {
  private readonly root: string;

  constructor(config: AppConfig) {
    this.root = resolve(config.DASHBOARD_DIST);
  }

  /** Kept for old bookmarks; clients should open the dashboard's own path (docs/API.md). */
  @Get()
  @Redirect(DASHBOARD_BASE_PATH, 302)
  @Header('deprecation', ROOT_DEPRECATED_AT)
  @Header('link', `<${DASHBOARD_BASE_PATH}>; rel="successor-version"`)
  home() {
    return undefined;
  }

  @Get(['caseyos', 'caseyos/*'])
  serve(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    if (!existsSync(join(this.root, 'index.html'))) {
      throw new ProblemException(503, 'dashboard-not-built', 'The dashboard is not built; run `npm start` or `npx nx run dashboard:build`.');
    }
    const requested = normalize((request.params as Record<string, string>)['*'] ?? '').replace(/^(\.\.(\/|\\|$))+/, '');
    const file = resolve(this.root, requested);
    const isAsset = extname(requested) !== '' && !COMPRESSED_COPY.test(requested) && (file + sep).startsWith(this.root + sep) && isFile(file);
    if (isAsset) {
      // Never revalidated nor asked for in ranges: validators would be bytes on every response for nothing.
      if (FINGERPRINTED.test(requested)) return reply.sendFile(requested, this.root, IMMUTABLE_FILE);
      return reply.header('cache-control', 'no-cache').sendFile(requested, this.root, { cacheControl: false });
    }
    if (extname(requested) !== '') {
      throw new ProblemException(404, 'not-found', `No dashboard asset ${requested}.`);
    }
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html', this.root, { cacheControl: false });
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
