import type { Params } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Writable } from 'node:stream';
import pino, { DestinationStream } from 'pino';
import { AppConfig } from '../config/app-config';
import { Pseudonyms } from '../crypto/pseudonyms';
import { pathWithoutAddresses } from '../personal-data/path-without-addresses';

const QUIET_PATHS = ['/health', '/healthz', '/ready', '/metrics'];

/**
 * JSON logs with the request id on every line of a request. Headers, query strings and bodies
 * are never logged: they carry tokens, cookies and message content. An email address in a path
 * is logged as its pseudonym.
 */
export function loggerOptions(config: AppConfig): Params {
  const pseudonyms = Pseudonyms.forConfig(config);
  return {
    pinoHttp: [
      {
        level: config.LOG_LEVEL,
        genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id: string }).id,
        serializers: {
          req: (req: IncomingMessage & { id?: string }) => ({
            id: req.id,
            method: req.method,
            path: pathWithoutAddresses(req.url?.split('?')[0] ?? '', pseudonyms),
          }),
          res: (res: ServerResponse) => ({ status: res.statusCode }),
        },
        autoLogging: { ignore: (req: IncomingMessage) => QUIET_PATHS.includes(req.url?.split('?')[0] ?? '') },
        customSuccessMessage: () => 'request completed',
        customErrorMessage: () => 'request failed',
      },
      logDestination(),
    ],
  };
}

/**
 * Standard output, written asynchronously: no request waits for a write, and the lines that
 * arrive while one is in flight leave together in the next (under load, one write for many
 * requests; a request's line costs a syscall otherwise). Pino flushes what is left when the process
 * exits. Where process.stdout.write was replaced (a test capturing the logs), lines go through it,
 * as pino does by default.
 */
function logDestination(): DestinationStream {
  const stdout = process.stdout;
  const replaced = stdout.write !== (stdout.constructor as typeof Writable).prototype.write;
  return replaced ? stdout : pino.destination({ dest: 1, sync: false });
}
