import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';

/** What a client that met a database outage is told to wait before retrying. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * SQLSTATE classes that mean "not now" rather than "not this": 08 connection exceptions, and 57P01
 * (administrator shutdown), 57P02 (crash shutdown), 57P03 (starting up or shutting down).
 */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123])$/;
/** Socket errors node-postgres passes on as they are when the server cannot be reached. */
const UNREACHABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** node-postgres's and its pool's own errors for a connection lost or never made; they carry no code. */
const LOST_CONNECTION = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
];

/**
 * Whether an error says Postgres could not be reached or went away mid-query (a restart, a
 * failover): a transient outage to answer 503 with Retry-After, never a 500.
 *
 * Only the database stack's own errors count, because other clients fail with the same socket
 * codes: TypeORM's `QueryFailedError` (judged by the driver's error it wraps), node-postgres's
 * `DatabaseError` (by SQLSTATE), node-postgres's and its pool's connection errors (by message),
 * and a bare socket error, which is how the pool rejects a connect that failed. A socket error
 * inside another error (fetch's "fetch failed", a connector's error, a Redis client's) is that
 * service's outage, not the database's.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return isDriverUnavailable(error instanceof QueryFailedError ? (error.driverError as unknown) : error);
}

function isDriverUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error instanceof DatabaseError) return UNAVAILABLE_SQLSTATE.test(error.code ?? '');
  return LOST_CONNECTION.some((text) => error.message.startsWith(text)) || isBareSocketError(error);
}

/** An error as Node's net and dns modules raise it: the failed system call and its errno code. */
function isBareSocketError(error: Error): boolean {
  const { code, syscall } = error as { code?: unknown; syscall?: unknown };
  return typeof syscall === 'string' && typeof code === 'string' && UNREACHABLE_ERRNO.has(code);
}
