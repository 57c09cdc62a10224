import { Controller, Get, Redirect, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DASHBOARD_BASE_PATH } from '@caseyos/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { Public } from '../auth/public.decorator';
import { AppConfig } from '../config/app-config';
import { ProblemException } from '../http/problem-details.filter';

/** Angular's output names: chunk-ABCD1234.js, main-ABCD1234.js, styles-ABCD1234.css. */
const FINGERPRINTED = /-[A-Z0-9]{8}\.(js|css)$/;

/**
 * Serves the built Angular app. Paths with a file extension are assets; anything else is a
 * client-side route and gets index.html. The app itself asks the API who is signed in.
 */
@ApiExcludeController()
@Public()
@Controller()
export class DashboardController {
  private readonly root: string;

  constructor(config: AppConfig) {
    this.root = resolve(config.DASHBOARD_DIST);
  }

  @Get()
  @Redirect(DASHBOARD_BASE_PATH, 302)
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
    const isAsset = extname(requested) !== '' && (file + sep).startsWith(this.root + sep) && isFile(file);
    if (isAsset) {
      // Fingerprinted bundles never change under one name; anything else must be revalidated.
      const cacheControl = FINGERPRINTED.test(requested) ? 'public, max-age=31536000, immutable' : 'no-cache';
      return reply.header('cache-control', cacheControl).sendFile(requested, this.root);
    }
    if (extname(requested) !== '') {
      throw new ProblemException(404, 'not-found', `No dashboard asset ${requested}.`);
    }
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html', this.root);
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
