/**
 * A response in the emulated service's own shape (status, body, headers). Handlers and hooks
 * throw it; the app's error handler sends it unchanged.
 */
export class SandboxHttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
    readonly contentType = 'application/json; charset=utf-8',
  ) {
    super(`sandbox response ${statusCode}`);
  }
}
