import { eventChannel } from './event-bus.service';

describe('eventChannel', () => {
  it('names the Redis database, since pub/sub channels span all of them', () => {
    expect(eventChannel('redis://127.0.0.1:6379')).toBe('caseyos:db0:events');
    expect(eventChannel('redis://127.0.0.1:6379/2')).toBe('caseyos:db2:events');
    expect(eventChannel('redis://127.0.0.1:6379/2')).not.toBe(eventChannel('redis://127.0.0.1:6379/3'));
  });
});
