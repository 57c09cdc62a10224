/** What a client that met a database outage is told to wait before retrying. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * SQLSTATE classes that mean "not now" rather than "not this": 08 connection exceptions, and 57P01
 * (administrator shutdown), 57P02 (crash shutdown), 57P03 (starting up or shutting down).
 */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123])$/;
/** Socket errors node-postgres passes on as they are when the server cannot be reached. */
const UNREACHABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** node-postgres's own errors for a connection lost or never made; they carry no code. */
const LOST_CONNECTION = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
];

/**
 * Whether an error says Postgres could not be reached or went away mid-query (a restart, a
 * failover): a transient outage to answer 503 with Retry-After, never a 500. TypeORM wraps the
 * driver's error (`driverError`), node-postgres may nest the socket's (`cause`), hence the walk.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Object && depth < 5; depth++) {
    const { code, message, driverError, cause } = current as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNREACHABLE_ERRNO.has(code))) return true;
    if (typeof message === 'string' && LOST_CONNECTION.some((text) => message.startsWith(text))) return true;
    current = driverError ?? cause;
  }
  return false;
}
