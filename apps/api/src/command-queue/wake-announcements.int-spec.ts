import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { BusEvent, EventBus } from '../platform/events/event-bus.service';
import { insertDueSnoozedCopies } from '../testing/snoozed-backlog';
import { TestApp, operatorHeaders, startTestApp } from '../testing/test-app';
import { CommandQueueService } from './command-queue.service';

const BACKLOG = 1100; // three wake batches of at most 500

/** How many `queue.item.updated` events of moves titled `<prefix>…` the stream carried, each as its own event. */
async function countStreamedUpdates(stream: Response, prefix: string, expected: number): Promise<number> {
  const reader = stream.body!.getReader();
  const decoder = new TextDecoder();
  const seen = new Set<string>();
  let buffered = '';
  while (seen.size < expected) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += decoder.decode(value, { stream: true });
    const messages = buffered.split('\n\n');
    buffered = messages.pop() ?? '';
    for (const message of messages) {
      const data = /^event: queue\.item\.updated\ndata: (.*)$/m.exec(message)?.[1];
      const item = data ? (JSON.parse(data) as { item: { id: string; title: string; status: string } }).item : undefined;
      if (item?.title.startsWith(prefix) && item.status === 'pending') seen.add(item.id);
    }
  }
  return seen.size;
}

describe('announcing a woken snoozed backlog', () => {
  let t: TestApp;

  // Role api runs no jobs, so the scheduled wake-up cannot take part of the backlog in between.
  beforeAll(async () => {
    t = await startTestApp({ ROLE: 'api' });
  });
  afterAll(() => t.close());

  it('publishes each wake batch in one round trip, and the live stream still carries every woken move as its own event', async () => {
    const queue = t.app.get(CommandQueueService);
    const bus = t.app.get(EventBus);
    await queue.wakeSnoozed(); // what earlier suites left due is not part of this backlog
    const { move } = await queue.create(
      { domain: 'sales', actionType: 'send_email', title: 'Template of a backlog', scoreInputs: { intent: 0.5 }, originKey: `wake:${randomUUID()}` },
      { actor: 'test' },
    );
    const prefix = await insertDueSnoozedCopies(t.app.get(DataSource), move.id, BACKLOG);

    const controller = new AbortController();
    const stream = await fetch(`${t.baseUrl}/api/events`, { headers: operatorHeaders, signal: controller.signal });
    const streamed = countStreamedUpdates(stream, prefix, BACKLOG);
    streamed.catch(() => undefined); // a failed assertion below aborts the stream before it is awaited
    const single = jest.spyOn(bus, 'publish');
    const batched = jest.spyOn(bus, 'publishAll');
    try {
      // A snooze another suite left may come due meanwhile and be woken with the backlog.
      const woken = await queue.wakeSnoozed();
      expect(woken).toBeGreaterThanOrEqual(BACKLOG);
      const updates = (events: readonly BusEvent[]) => events.filter((event) => event.type === 'queue.item.updated');
      const ownMoves = (events: readonly BusEvent[]) => events.filter((event) => (event.data as { item: { title: string } }).item.title.startsWith(prefix));
      expect(single.mock.calls.filter(([type]) => type === 'queue.item.updated').length).toBe(0);
      // One publish per wake batch of at most 500, every woken move in one of them.
      const batches = batched.mock.calls.map(([events]) => updates(events));
      expect(batches.map((batch) => batch.length)).toEqual(Array.from({ length: Math.ceil(woken / 500) }, (_, i) => Math.min(500, woken - i * 500)));
      expect(ownMoves(batches.flat())).toHaveLength(BACKLOG);
      expect(await streamed).toBe(BACKLOG);
    } finally {
      single.mockRestore();
      batched.mockRestore();
      controller.abort();
    }
  });
});
