import type { Params } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
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
    pinoHttp: {
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
  };
}
