import { SandboxHttpError } from '../http/sandbox-http-error';

/** The control API's own error bodies: 400 lists every problem of the request at once. */
export const controlErrors = {
  badRequest: (problems: string[]) => new SandboxHttpError(400, { error: 'invalid request', problems }),
  notFound: (message: string) => new SandboxHttpError(404, { error: 'not found', message }),
  conflict: (message: string) => new SandboxHttpError(409, { error: 'conflict', message }),
};
