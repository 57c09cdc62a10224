import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './database-unavailable';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
/** As Node's net module raises it, and as the pg pool rejects a connect that failed. */
const socketError = (code: string, syscall = 'connect') => Object.assign(new Error(`${syscall} ${code} 127.0.0.1:5432`), { code, syscall });
const postgresError = (message: string, code: string) => Object.assign(new DatabaseError(message, message.length, 'error'), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection (the pool could not connect)', socketError('ECONNREFUSED')],
    [
      'an administrator shutdown inside a TypeORM error',
      new QueryFailedError('SELECT 1', [], postgresError('terminating connection due to administrator command', '57P01')),
    ],
    ['a server starting up', postgresError('the database system is starting up', '57P03')],
    ['a socket reset mid-query inside a TypeORM error', new QueryFailedError('SELECT 1', [], socketError('ECONNRESET', 'read'))],
    ['a connection lost mid-query', new Error('Connection terminated unexpectedly')],
    ['a pool that could not connect in time', new Error('timeout exceeded when trying to connect')],
    ['a connect that timed out', new Error('Connection terminated due to connection timeout', { cause: new Error('Connection terminated unexpectedly') })],
  ])('is true for %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', new QueryFailedError('INSERT', [], postgresError('duplicate key value', '23505'))],
    ['invalid text', postgresError('invalid byte sequence for encoding "UTF8": 0x00', '22021')],
    ['a plain bug', new TypeError('undefined is not a function')],
    ['no error at all', undefined],
    // Other services fail with the same socket codes: not the database's outage.
    ['a fetch that could not connect (sandbox, HubSpot, Google, the alert webhook)', new TypeError('fetch failed', { cause: socketError('ECONNREFUSED') })],
    ['a fetch whose name lookup failed', new TypeError('fetch failed', { cause: socketError('EAI_AGAIN', 'getaddrinfo') })],
    ['a connector error wrapping a timed-out call', new Error('hubspot did not answer', { cause: socketError('ETIMEDOUT') })],
    ["a Redis client's error", Object.assign(new Error('Reached the max retries per request limit'), { cause: socketError('ECONNREFUSED') })],
    ['an error with a socket code but no system call', withCode('request to http://127.0.0.1:4010 failed, reason: connect ECONNREFUSED', 'ECONNREFUSED')],
    ['a SQLSTATE-looking code on an error not from Postgres', withCode('terminating', '57P01')],
  ])('is false for %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
