import { Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { AppLogger } from './app-logger';

describe('AppLogger', () => {
  let written: string[];
  const original = process.stdout.write.bind(process.stdout);

  beforeEach(() => {
    written = [];
    // Replaced before the logger is made, so it writes through here (as the app's log captures do).
    process.stdout.write = (chunk: string) => {
      written.push(chunk);
      return true;
    };
    Logger.overrideLogger(new AppLogger(Object.assign(new AppConfig(), { LOG_LEVEL: 'info' })));
  });

  afterEach(() => {
    process.stdout.write = original;
    Logger.overrideLogger(false);
  });

  const lines = () => written.map((chunk) => JSON.parse(chunk) as Record<string, unknown>);

  it("merges a logged object into the line, with the Nest logger's context", () => {
    new Logger('EventBus').warn({ event: 'event_bus_unavailable', error: 'connection refused' });
    expect(lines()).toEqual([expect.objectContaining({ level: 40, context: 'EventBus', event: 'event_bus_unavailable', error: 'connection refused' })]);
  });

  it('writes a text message as msg, and an object with a message as both', () => {
    new Logger('Errors').error({ request_id: 'r-1' }, 'unhandled error');
    new Logger('Main').log('listening on 3000');
    expect(lines()).toEqual([
      expect.objectContaining({ level: 50, context: 'Errors', request_id: 'r-1', msg: 'unhandled error' }),
      expect.objectContaining({ level: 30, context: 'Main', msg: 'listening on 3000' }),
    ]);
  });

  it("keeps an Error's stack, and Nest's own (message, stack) errors", () => {
    new Logger('Jobs').error(new Error('boom'));
    new Logger('ExceptionHandler').error('bad wiring', 'Error: bad wiring\n    at Module.load (x.js:1:1)');
    const [fromError, fromNest] = lines();
    expect(fromError).toMatchObject({ level: 50, context: 'Jobs', err: { message: 'boom' } });
    expect((fromError.err as { stack: string }).stack).toContain('Error: boom');
    expect(fromNest).toMatchObject({
      level: 50,
      context: 'ExceptionHandler',
      err: { message: 'bad wiring', stack: expect.stringContaining('at Module.load') },
    });
  });

  it('puts an Error or a stack passed after the message under err, however the stack is indented', () => {
    const failure = new Error('refused');
    new Logger('Connectors').error('call failed', failure);
    new Logger('Queues').warn('job stalled', 'Error: stalled\n  at Worker.run (w.js:1:1)');
    Logger.warn('no context', 'Error: x\n\tat f (f.js:1:1)');
    const [withError, withStack, withoutContext] = lines();
    expect(withError).toMatchObject({ level: 50, context: 'Connectors', msg: 'call failed', err: { message: 'refused' } });
    expect(withStack).toMatchObject({ level: 40, context: 'Queues', msg: 'job stalled', err: { stack: expect.stringContaining('Worker.run') } });
    expect(withoutContext).toMatchObject({ msg: 'no context', err: { stack: expect.stringContaining('f.js') } });
    expect(withoutContext).not.toHaveProperty('context');
  });

  it('writes nothing below its level', () => {
    new Logger('Queues').debug('polling');
    expect(written).toEqual([]);
  });
});
