import { SandboxHttpError } from './sandbox-http-error';

/** The sandbox's own 404 for a route it does not serve: neither Google's nor HubSpot's object-not-found body. */
export function routeNotFound(method: string, url: string): SandboxHttpError {
  return new SandboxHttpError(404, { error: 'Not Found', message: `The sandbox has no route ${method} ${url.split('?')[0]}` });
}
