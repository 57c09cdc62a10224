import { ACTION_TYPES, CommandQueueMove, DOMAINS } from '@caseyos/contracts';
import { DataSource } from 'typeorm';
import { TestApp, eventually, operatorHeaders, startTestApp } from '../testing/test-app';
import { CommandQueueService } from './command-queue.service';

describe('command queue API', () => {
  let t: TestApp;
  let queue: CommandQueueService;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.get(DataSource).query('TRUNCATE command_queue_items, accounts CASCADE');
    queue = t.app.get(CommandQueueService);
  });
  afterAll(() => t.close());

  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(t.baseUrl + path, {
      method,
      headers: { ...operatorHeaders, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : null };
  };

  const freshMove = async (title = 'Fresh move') =>
    (await queue.create({ domain: 'sales', actionType: 'send_email', title, scoreInputs: { amount_usd: 10_000, intent: 0.5 } }, { actor: 'test' })).move;
  const todayIds = async (): Promise<string[]> =>
    (await api('GET', '/api/command-queue/today?limit=200')).body.today_moves.map((move: CommandQueueMove) => move.id);
  /** The demo moves and accounts, for tests that read them; seeding again adds nothing. */
  const seeded = async () => expect((await api('POST', '/api/command-queue/seed')).status).toBe(201);

  describe('seed', () => {
    it('creates realistic moves for every domain and action type, and seeding twice duplicates nothing', async () => {
      await t.app.get(DataSource).query('TRUNCATE command_queue_items, accounts CASCADE');
      const first = await api('POST', '/api/command-queue/seed');
      expect(first.status).toBe(201);
      expect(first.body.created).toBeGreaterThanOrEqual(24);
      const second = await api('POST', '/api/command-queue/seed');
      expect(second.body).toEqual({ created: 0, existing: first.body.created });

      const all = await api('GET', '/api/command-queue?limit=200');
      const moves: CommandQueueMove[] = all.body.items;
      expect(moves).toHaveLength(first.body.created);
      expect(new Set(moves.map((move) => move.domain))).toEqual(new Set(DOMAINS));
      expect(new Set(moves.map((move) => move.action_type))).toEqual(new Set(ACTION_TYPES));
      for (const move of moves) {
        expect(move.contact_email).toMatch(/@/);
        expect(move.reasons.length).toBeGreaterThanOrEqual(1);
        expect(move.aps).toBeGreaterThan(0);
        expect(move.aps).toBeLessThanOrEqual(1);
      }
    });
  });

  describe('finished-today counts', () => {
    it('start at midnight in TIMEZONE', async () => {
      const db = t.app.get(DataSource);
      const move = await freshMove('Dismissed around midnight in Kolkata');
      // Asia/Kolkata is UTC+5:30 all year: its midnight is plain arithmetic.
      const offset = 5.5 * 3_600_000;
      const kolkataMidnight = Math.floor((Date.now() + offset) / 86_400_000) * 86_400_000 - offset;
      const dismissAt = (at: number) =>
        db.query(`UPDATE command_queue_items SET status = 'dismissed', status_changed_at = $2 WHERE id = $1`, [move.id, new Date(at)]);
      const kolkata = await startTestApp({ TIMEZONE: 'Asia/Kolkata' });
      const dismissedToday = async () =>
        (await (await fetch(`${kolkata.baseUrl}/api/command-queue/today`, { headers: operatorHeaders })).json()).counts.sales.dismissed ?? 0;
      try {
        await dismissAt(kolkataMidnight + 60_000);
        const withIt = await dismissedToday();
        await dismissAt(kolkataMidnight - 60_000);
        // A direct database edit reaches the cached counts within their two-second lifetime.
        await eventually(async () => expect(await dismissedToday()).toBe(withIt - 1), 10_000, 250);
      } finally {
        await kolkata.close();
      }
    });
  });

  describe('today', () => {
    it('ranks open moves by APS with counts and a timestamp', async () => {
      await freshMove('Ranked');
      await freshMove('Ranked too');
      const { status, body } = await api('GET', '/api/command-queue/today?limit=200');
      expect(status).toBe(200);
      const scores = body.today_moves.map((move: CommandQueueMove) => move.aps);
      expect(scores.length).toBeGreaterThanOrEqual(2);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect(Object.keys(body.counts).sort()).toEqual([...DOMAINS].sort());
      expect(body.counts.sales.pending).toBeGreaterThan(0);
      expect(Date.parse(body.generated_at)).not.toBeNaN();
      const first = body.today_moves[0];
      expect(first.aps_breakdown.factors.map((factor: { factor: string }) => factor.factor)).toEqual(['impact', 'urgency', 'intent', 'fit', 'effort']);
      expect(first.aps_breakdown.outcome_adjustment.note).toMatch(/No outcome history yet/);
    });

    describe('ties', () => {
      const inputs = { amount_usd: 1234, intent: 0.42 };
      const daysAhead = (days: number) => new Date(Date.now() + days * 86_400_000);
      /** Moves with identical inputs and due dates far away, so the urgency factor does not separate them. */
      const tiedMoves = async (count: number): Promise<CommandQueueMove[]> => {
        const moves: CommandQueueMove[] = [];
        for (let i = 0; i < count; i += 1) {
          const { move } = await queue.create(
            { domain: 'marketing', actionType: 'social_post', title: `tie ${i}`, scoreInputs: inputs, dueAt: daysAhead(300) },
            { actor: 'test' },
          );
          moves.push(move);
        }
        expect(new Set(moves.map((move) => move.aps)).size).toBe(1);
        return moves.sort((a, b) => (a.id < b.id ? -1 : 1));
      };
      /**
       * Sets the ranking columns directly. Creating the moves just cleared today's cache and
       * nothing reads it before the test does, so the first read sees these values.
       */
      const place = (move: CommandQueueMove, dueAt: Date, createdAt: Date) =>
        t.app.get(DataSource).query('UPDATE command_queue_items SET due_at = $2, created_at = $3 WHERE id = $1', [move.id, dueAt, createdAt]);
      /** The moves in the order today lists them; each one must be listed. */
      const rankOf = async (moves: CommandQueueMove[]): Promise<string[]> => {
        const { body } = await api('GET', '/api/command-queue/today?domain=marketing&limit=200');
        const listed: string[] = body.today_moves.map((move: CommandQueueMove) => move.id);
        const ids = moves.map((move) => move.id);
        expect(listed).toEqual(expect.arrayContaining(ids));
        return listed.filter((id) => ids.includes(id));
      };

      // Each case makes every later key (age, id) disagree with the key under test.
      it('ranks the earlier due date first, however old and whatever the id', async () => {
        const [low, high] = await tiedMoves(2);
        const now = Date.now();
        await place(low, daysAhead(300), new Date(now - 3_600_000));
        await place(high, daysAhead(200), new Date(now));
        expect(await rankOf([low, high])).toEqual([high.id, low.id]);
      });

      it('ranks the older move first on the same due date, whatever the id', async () => {
        const [low, high] = await tiedMoves(2);
        const due = daysAhead(250);
        const now = Date.now();
        await place(low, due, new Date(now));
        await place(high, due, new Date(now - 3_600_000));
        expect(await rankOf([low, high])).toEqual([high.id, low.id]);
      });

      it('ranks by id on the same due date and age', async () => {
        const moves = await tiedMoves(3);
        const due = daysAhead(250);
        const createdAt = new Date();
        for (const move of moves) await place(move, due, createdAt);
        expect(await rankOf(moves)).toEqual(moves.map((move) => move.id));
      });
    });

    it('filters by domain and honours the limit', async () => {
      await seeded();
      const { body } = await api('GET', '/api/command-queue/today?domain=cs&limit=3');
      expect(body.today_moves).toHaveLength(3);
      expect(body.today_moves.every((move: CommandQueueMove) => move.domain === 'cs')).toBe(true);
    });

    it.each(['domain=finance', 'limit=0', 'limit=201', 'limit=ten', 'extra=1'])('rejects %s with a 400 problem', async (query) => {
      const res = await api('GET', `/api/command-queue/today?${query}`);
      expect(res.status).toBe(400);
      expect(res.type).toContain('application/problem+json');
    });
  });

  describe('transitions', () => {
    it('accepts a pending move once; a second accept is 409 with the current status', async () => {
      const move = await freshMove();
      const accepted = await api('POST', `/api/command-queue/${move.id}/accept`);
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ id: move.id, status: 'accepted', version: move.version + 1 });
      const again = await api('POST', `/api/command-queue/${move.id}/accept`);
      expect(again.status).toBe(409);
      expect(again.type).toContain('application/problem+json');
      expect(again.body.current_status).toBe('accepted');
      expect((await api('GET', `/api/command-queue/${move.id}`)).body.status).toBe('accepted');
    });

    it('lets exactly one of 20 concurrent accepts win', async () => {
      const move = await freshMove('Race');
      const results = await Promise.all(Array.from({ length: 20 }, () => api('POST', `/api/command-queue/${move.id}/accept`)));
      const statuses = results.map((result) => result.status).sort();
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    });

    it('dismisses with a reason, and hides the move from today', async () => {
      const move = await freshMove('To dismiss');
      expect(await todayIds()).toContain(move.id);
      const noReason = await api('POST', `/api/command-queue/${move.id}/dismiss`, {});
      expect(noReason.status).toBe(400);
      expect(noReason.body.errors[0].field).toBe('reason');
      const dismissed = await api('POST', `/api/command-queue/${move.id}/dismiss`, { reason: 'Spoke to them already' });
      expect(dismissed.body).toMatchObject({ status: 'dismissed', dismiss_reason: 'Spoke to them already' });
      expect(await todayIds()).not.toContain(move.id);
      expect((await api('POST', `/api/command-queue/${move.id}/accept`)).status).toBe(409);
    });

    it('snoozes until a future time, hides the move, and wakes it when the time comes', async () => {
      const move = await freshMove('To snooze');
      expect(await todayIds()).toContain(move.id);
      expect((await api('POST', `/api/command-queue/${move.id}/snooze`, { until: '2001-01-01T00:00:00Z' })).status).toBe(400);
      expect((await api('POST', `/api/command-queue/${move.id}/snooze`, { until: 'tomorrow' })).status).toBe(400);
      const until = new Date(Date.now() + 3_600_000).toISOString();
      const snoozed = await api('POST', `/api/command-queue/${move.id}/snooze`, { until });
      expect(snoozed.body).toMatchObject({ status: 'snoozed', snoozed_until: until });
      expect(await todayIds()).not.toContain(move.id);

      await t.app.get(DataSource).query(`UPDATE command_queue_items SET snoozed_until = now() - interval '1 second' WHERE id = $1`, [move.id]);
      expect(await queue.wakeSnoozed()).toBe(1);
      const woken = await api('GET', `/api/command-queue/${move.id}`);
      expect(woken.body).toMatchObject({ status: 'pending', snoozed_until: null });
    });

    it('answers 404 for an unknown move and 400 for a malformed id', async () => {
      expect((await api('POST', '/api/command-queue/8d7f0ad4-5c1e-4a43-9a43-1d4f4a2a3b10/accept')).status).toBe(404);
      expect((await api('GET', '/api/command-queue/not-a-uuid')).status).toBe(400);
    });

    it('audits every change with the actor and request id', async () => {
      const move = await freshMove('Audited');
      await fetch(`${t.baseUrl}/api/command-queue/${move.id}/accept`, {
        method: 'POST',
        headers: { ...operatorHeaders, 'x-request-id': 'queue-accept-audit' },
      });
      const audit = await api('GET', `/api/audit?subject=command_queue_item:${move.id}`);
      const entry = audit.body.items.find((item: { action: string }) => item.action === 'queue.item.updated');
      expect(entry).toMatchObject({ actor: 'operator:token', request_id: 'queue-accept-audit', result: 'success' });
      expect(entry.detail).toMatchObject({ to: 'accepted', domain: 'sales' });
    });
  });

  describe('listing', () => {
    it('filters by status, domain and action type, and pages with a cursor', async () => {
      await seeded();
      for (const title of ['Listed 1', 'Listed 2', 'Listed 3']) await freshMove(title);
      const page1 = await api('GET', '/api/command-queue?domain=sales&status=pending&limit=2');
      expect(page1.body.items).toHaveLength(2);
      expect(page1.body.items.every((move: CommandQueueMove) => move.domain === 'sales' && move.status === 'pending')).toBe(true);
      const page2 = await api('GET', `/api/command-queue?domain=sales&status=pending&limit=2&cursor=${page1.body.next_cursor}`);
      expect(page2.body.items.length).toBeGreaterThan(0);
      const ids = [...page1.body.items, ...page2.body.items].map((move: CommandQueueMove) => move.id);
      expect(new Set(ids).size).toBe(ids.length);
      const byType = await api('GET', '/api/command-queue?action_type=renewal_outreach');
      expect(byType.body.items.length).toBeGreaterThan(0);
      expect(byType.body.items.every((move: CommandQueueMove) => move.action_type === 'renewal_outreach')).toBe(true);
      expect((await api('GET', '/api/command-queue?cursor=garbage')).status).toBe(400);
      expect((await api('GET', '/api/command-queue?status=done')).status).toBe(400);
    });
  });

  describe('account health', () => {
    it('returns the CS risk score with its parts', async () => {
      await seeded();
      const { status, body } = await api('GET', '/api/accounts/Fernway%20Retail/health');
      expect(status).toBe(200);
      expect(body.company).toBe('Fernway Retail');
      expect(body.risk_score).toBeGreaterThan(30);
      expect(body.parts.map((part: { factor: string }) => part.factor)).toEqual([
        'days_since_last_touch',
        'negative_replies',
        'deal_regressions',
        'renewal_proximity',
      ]);
      expect((await api('GET', '/api/accounts/Nobody%20Inc/health')).status).toBe(404);
    });

    it('feeds account risk into the urgency of CS moves', async () => {
      await seeded();
      const { body } = await api('GET', '/api/command-queue?action_type=risk_escalation&limit=50');
      const orchard = body.items.find((move: CommandQueueMove) => move.company === 'Orchard Learning');
      expect(orchard).toBeDefined();
      const urgency = orchard.aps_breakdown.factors.find((factor: { factor: string }) => factor.factor === 'urgency');
      expect(urgency.value).toBeGreaterThan(0.5);
    });
  });

  describe('live events', () => {
    it('streams a change to an open Server-Sent Events connection within a second or so', async () => {
      const controller = new AbortController();
      const stream = await fetch(`${t.baseUrl}/api/events`, { headers: operatorHeaders, signal: controller.signal });
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')).toContain('text/event-stream');
      const reader = stream.body!.getReader();
      let received = '';
      const move = await freshMove('Streamed');
      await queue.accept(move.id, { actor: 'test' });
      await eventually(
        async () => {
          const { value } = await reader.read();
          received += new TextDecoder().decode(value);
          expect(received).toContain('event: queue.item.updated');
          expect(received).toContain(`"id":"${move.id}"`);
        },
        10_000,
        0,
      );
      controller.abort();
    });

    it('requires auth', async () => {
      expect((await fetch(`${t.baseUrl}/api/events`)).status).toBe(401);
    });
  });
});
