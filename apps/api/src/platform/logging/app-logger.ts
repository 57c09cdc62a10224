import { Injectable, LoggerService, OnApplicationShutdown } from '@nestjs/common';
import type { Writable } from 'node:stream';
import pino, { DestinationStream, Logger as Pino } from 'pino';
import { AppConfig } from '../config/app-config';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * The process's one logger: JSON lines on standard output, written by pino. Nest's `Logger`
 * (every `new Logger('Context')` in the code) writes through it, with the context as `context`.
 * An object logged is merged into the line (`{ event: 'x', ... }`), an Error goes under `err`.
 *
 * Lines carry no request id of their own: that would take an AsyncLocalStorage scope per request,
 * which on Node 20 runs on async hooks and taxes every promise of every request. The request's
 * own line (request-log.hook.ts) has the id, and so do the error lines logged with a request.
 */
/** A stack trace's frame lines, however indented. */
const STACK_FRAME = /\n\s+at /;

@Injectable()
export class AppLogger implements LoggerService, OnApplicationShutdown {
  readonly pino: Pino;
  private readonly output = logOutput();

  constructor(config: AppConfig) {
    this.pino = pino({ level: config.LOG_LEVEL }, this.output.stream);
  }

  onApplicationShutdown(): void {
    this.output.stop();
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /**
   * Nest's Logger passes its context last (a string that is not a stack). Before it may come a
   * message text, an Error or a stack (Nest's own `error(message, stack, context)`): an Error or a
   * stack goes under `err`, the first other text is the line's message.
   */
  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const last = params[params.length - 1];
    const context = typeof last === 'string' && !STACK_FRAME.test(last) ? last : undefined;
    const extras = (context === undefined ? params : params.slice(0, -1)).filter((param) => param !== undefined);
    const line: Record<string, unknown> = context === undefined ? {} : { context };
    let text: string | undefined;
    if (message instanceof Error) line.err = message;
    else if (typeof message === 'object' && message !== null) Object.assign(line, message);
    else text = String(message);
    for (const extra of extras) {
      if (extra instanceof Error) line.err ??= extra;
      else if (typeof extra === 'string' && STACK_FRAME.test(extra)) line.err ??= { message: text ?? '', stack: extra };
      else if (typeof extra === 'string') text ??= extra;
    }
    if (text === undefined) this.pino[level](line);
    else this.pino[level](line, text);
  }
}

/** Lines wait for this many bytes before a write, or for the flush interval below, whichever comes first. */
const LOG_BUFFER_BYTES = 4096;
const LOG_FLUSH_INTERVAL_MS = 250;

/**
 * Standard output, written asynchronously and in batches: no request waits for a write, and under
 * load one write carries a few dozen lines instead of a syscall each. A quiet process still shows
 * a line within a quarter of a second, and pino writes out what is left when the process exits
 * (a SIGKILL loses at most that quarter second). Where process.stdout.write was replaced (a test
 * capturing the logs), lines go through it, as pino does by default.
 */
function logOutput(): { stream: DestinationStream; stop: () => void } {
  const stdout = process.stdout;
  if (stdout.write !== (stdout.constructor as typeof Writable).prototype.write) return { stream: stdout, stop: () => undefined };
  // sonic-boom's `destroyed` is not in its types; flushing a destroyed stream throws.
  const destination = pino.destination({ dest: 1, sync: false, minLength: LOG_BUFFER_BYTES }) as ReturnType<typeof pino.destination> & { destroyed: boolean };
  const flush = setInterval(() => {
    if (!destination.destroyed) destination.flush();
  }, LOG_FLUSH_INTERVAL_MS).unref();
  return {
    stream: destination,
    // At shutdown: what is buffered goes out now; later lines still leave at 4 kB or at exit.
    stop: () => {
      clearInterval(flush);
      if (!destination.destroyed) destination.flushSync();
    },
  };
}
