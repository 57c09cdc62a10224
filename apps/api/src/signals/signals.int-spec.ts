import type { CommandQueueMove, SignalListItem, SignalView } from '@caseyos/contracts';
import { DataSource } from 'typeorm';
import { metricGrowth } from '../testing/metrics';
import { TestApp, operatorHeaders, startTestApp } from '../testing/test-app';
import { CommandQueueService } from '../command-queue/command-queue.service';
import { SignalsService } from './signals.service';
import { signV3 } from './webhooks/hubspot-signature';

const WEBHOOK_SECRET = 'hubspot-app-secret-for-tests';
const PUBLIC_URL = 'http://caseyos.test';
const PATH = '/api/webhooks/hubspot/form-submission';

describe('signals', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp({ HUBSPOT_WEBHOOK_SECRET: WEBHOOK_SECRET, PUBLIC_URL });
    db = t.app.get(DataSource);
    await db.query('TRUNCATE signals, signal_dedupe_keys');
  });
  afterAll(() => t.close());

  const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const demoRequest = (email = `lead-${unique()}@acme.example.com`) => ({
    form_name: 'Request a demo',
    fields: { email, firstname: 'Lee', lastname: 'Park', company: 'Acme Robotics' },
    page_url: 'https://caseyos.example.com/demo',
  });
  const postForm = (body: unknown, headers: Record<string, string> = operatorHeaders) =>
    fetch(t.baseUrl + PATH, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const postManual = (body: unknown) =>
    fetch(`${t.baseUrl}/api/signals`, { method: 'POST', headers: { ...operatorHeaders, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const signalCount = async () => Number((await db.query('SELECT count(*) AS n FROM signals'))[0].n);

  describe('form webhook', () => {
    it('stores the signal, answers 202 with its move, and the move is in today', async () => {
      const res = await postForm(demoRequest());
      expect(res.status).toBe(202);
      const body = await res.json();
      expect(body).toMatchObject({ duplicate: false, signal_id: expect.any(String) });
      expect(body.move).toMatchObject({
        domain: 'sales',
        action_type: 'send_email',
        title: 'Reply to demo request from Lee Park (Acme Robotics)',
        signal_id: body.signal_id,
      });
      expect(body.move.reasons).toContain('Demo request 0 min ago');

      const today = await (await fetch(`${t.baseUrl}/api/command-queue/today?domain=sales&limit=200`, { headers: operatorHeaders })).json();
      expect(today.today_moves.some((move: CommandQueueMove) => move.id === body.move.id)).toBe(true);

      const detail = await (await fetch(`${t.baseUrl}/api/signals/${body.signal_id}`, { headers: operatorHeaders })).json();
      expect(detail).toMatchObject({ source: 'form', kind: 'demo_request', rule: 'form.demo_request', item_id: body.move.id });
      expect(detail.processed_at).not.toBeNull();
      expect(detail.move.id).toBe(body.move.id);
    });

    it("accepts HubSpot's own submission shape", async () => {
      const email = `hs-${unique()}@globex.example.com`;
      const res = await postForm({
        formName: 'Pricing inquiry',
        submittedAt: Date.now(),
        values: [
          { name: 'email', value: email },
          { name: 'company', value: 'Globex' },
        ],
      });
      expect(res.status).toBe(202);
      const body = await res.json();
      expect(body.move).toMatchObject({ action_type: 'send_email', contact_email: email, company: 'Globex' });
      const detail = await (await fetch(`${t.baseUrl}/api/signals/${body.signal_id}`, { headers: operatorHeaders })).json();
      expect(detail.payload.fields).toEqual({ email, company: 'Globex' });
    });

    it('answers a repeat within the window as a duplicate of the same signal', async () => {
      const form = demoRequest();
      const first = await (await postForm(form)).json();
      const again = await (await postForm(form)).json();
      expect(again).toMatchObject({ signal_id: first.signal_id, duplicate: true, move: { id: first.move.id } });
    });

    it.each([
      [{ form_name: 'Request a demo', fields: { firstname: 'No email' } }, 'fields.email'],
      [{ form_name: 'Request a demo', fields: { email: 'not-an-address' } }, 'fields.email'],
      [{ values: [{ name: 'firstname', value: 'x' }] }, 'fields.email'],
    ])('rejects %j with 400 and stores nothing', async (body, field) => {
      const before = await signalCount();
      const res = await postForm(body);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((await res.json()).errors.map((error: { field: string }) => error.field)).toContain(field);
      expect(await signalCount()).toBe(before);
    });

    it('stores 100 identical concurrent webhooks exactly once', async () => {
      const form = demoRequest();
      const answers = await Promise.all(Array.from({ length: 100 }, () => postForm(form).then((res) => res.json())));
      expect(new Set(answers.map((answer) => answer.signal_id)).size).toBe(1);
      expect(answers.filter((answer) => !answer.duplicate)).toHaveLength(1);
      const rows = await db.query(`SELECT count(*) AS n FROM signals WHERE contact_email = $1`, [form.fields.email]);
      expect(Number(rows[0].n)).toBe(1);
      const moves = await db.query(`SELECT count(*) AS n FROM command_queue_items WHERE contact_email = $1`, [form.fields.email]);
      expect(Number(moves[0].n)).toBe(1);
    });
  });

  describe('dedupe window', () => {
    const claimOf = async (signalId: string) => (await db.query('SELECT claimed_at FROM signal_dedupe_keys WHERE signal_id = $1', [signalId]))[0];
    const ageClaim = (signalId: string) =>
      db.query(`UPDATE signal_dedupe_keys SET claimed_at = claimed_at - interval '6 minutes' WHERE signal_id = $1`, [signalId]);

    it('stores the same payload again once the window has passed, and prunes the stale claim', async () => {
      const form = demoRequest();
      const first = await (await postForm(form)).json();
      await ageClaim(first.signal_id);
      const again = await (await postForm(form)).json();
      expect(again).toMatchObject({ duplicate: false });
      expect(again.signal_id).not.toBe(first.signal_id);
      expect(again.move.id).not.toBe(first.move.id);

      const third = await (await postForm(form)).json();
      expect(third).toMatchObject({ duplicate: true, signal_id: again.signal_id });
      await ageClaim(again.signal_id);
      expect(await t.app.get(SignalsService).pruneDedupeKeys()).toBeGreaterThanOrEqual(1);
      expect(await claimOf(again.signal_id)).toBeUndefined();
    });

    it('frees a payload when its signal is deleted', async () => {
      const form = demoRequest();
      const first = await (await postForm(form)).json();
      await db.query('DELETE FROM signals WHERE id = $1', [first.signal_id]);
      expect(await claimOf(first.signal_id)).toBeUndefined();
      expect(await (await postForm(form)).json()).toMatchObject({ duplicate: false });
    });
  });

  describe('when the move cannot be written', () => {
    const COMPANY = 'Unwritable Moves Inc';
    beforeAll(() =>
      db.query(`
        CREATE FUNCTION refuse_test_move() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'refused for the test'; END $$;
        CREATE TRIGGER refuse_test_move BEFORE INSERT ON command_queue_items
          FOR EACH ROW WHEN (NEW.company = '${COMPANY}') EXECUTE FUNCTION refuse_test_move()`),
    );
    afterAll(() => db.query('DROP TRIGGER IF EXISTS refuse_test_move ON command_queue_items; DROP FUNCTION IF EXISTS refuse_test_move()'));

    it('still stores the signal, unprocessed, and the retry job makes its move exactly once', async () => {
      const form = { ...demoRequest(), fields: { email: `refused-${unique()}@acme.example.com`, company: COMPANY } };
      const res = await postForm(form);
      expect(res.status).toBe(202);
      const body = await res.json();
      expect(body).toMatchObject({ duplicate: false, move: null });
      const stored = await (await fetch(`${t.baseUrl}/api/signals/${body.signal_id}`, { headers: operatorHeaders })).json();
      expect(stored).toMatchObject({ processed_at: null, item_id: null, rule: null });

      await db.query('DROP TRIGGER refuse_test_move ON command_queue_items');
      await db.query(`UPDATE signals SET received_at = now() - interval '5 minutes' WHERE id = $1`, [body.signal_id]);
      const service = t.app.get(SignalsService);
      // Two workers retrying at once: marking the signal processed decides which one writes the move.
      await Promise.all([service.processPending(30_000, 100), service.processPending(30_000, 100)]);
      const moves = await db.query('SELECT id FROM command_queue_items WHERE signal_id = $1', [body.signal_id]);
      expect(moves).toHaveLength(1);
      const detail = await (await fetch(`${t.baseUrl}/api/signals/${body.signal_id}`, { headers: operatorHeaders })).json();
      expect(detail).toMatchObject({ rule: 'form.demo_request', item_id: moves[0].id, move: { id: moves[0].id, company: COMPANY } });
      const audit = await db.query(`SELECT count(*) AS n FROM audit_log WHERE subject = $1`, [`command_queue_item:${moves[0].id}`]);
      expect(Number(audit[0].n)).toBe(1);
    });
  });

  describe('webhook authentication', () => {
    const signed = (body: string, options: { secret?: string; timestamp?: number; url?: string } = {}) => {
      const timestamp = String(options.timestamp ?? Date.now());
      const signature = signV3(options.secret ?? WEBHOOK_SECRET, { method: 'POST', url: options.url ?? `${PUBLIC_URL}${PATH}`, rawBody: body, timestamp });
      return { 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': timestamp };
    };
    const send = (body: string, headers: Record<string, string>) =>
      fetch(t.baseUrl + PATH, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

    it('accepts a valid HubSpot v3 signature', async () => {
      const body = JSON.stringify(demoRequest());
      const res = await send(body, signed(body));
      expect(res.status).toBe(202);
      const audit = await (await fetch(`${t.baseUrl}/api/audit?actor=hubspot:webhook&limit=1`, { headers: operatorHeaders })).json();
      expect(audit.items[0]).toMatchObject({ action: `POST ${PATH}`, result: 'success' });
    });

    it('refuses a wrong secret, a stale timestamp, a tampered body, and no credentials', async () => {
      const body = JSON.stringify(demoRequest());
      const before = await signalCount();
      const wrongSecret = await send(body, signed(body, { secret: 'not-the-secret' }));
      const stale = await send(body, signed(body, { timestamp: Date.now() - 6 * 60_000 }));
      const tampered = await send(body.replace('Lee', 'Eve'), signed(body));
      const none = await send(body, {});
      for (const res of [wrongSecret, stale, tampered, none]) {
        expect(res.status).toBe(401);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
      }
      expect((await stale.json()).detail).toMatch(/older than five minutes/);
      expect(await signalCount()).toBe(before);
    });
  });

  describe('manual signals', () => {
    it('records a note without a move', async () => {
      const res = await postManual({ kind: 'note', note: 'Met Dana at the conference', contact_email: `dana-${unique()}@initech.example.com` });
      expect(res.status).toBe(202);
      const body = await res.json();
      expect(body.move).toBeNull();
      const detail = await (await fetch(`${t.baseUrl}/api/signals/${body.signal_id}`, { headers: operatorHeaders })).json();
      expect(detail).toMatchObject({ source: 'manual', kind: 'note', rule: null, item_id: null });
      expect(detail.processed_at).not.toBeNull();
    });

    it('turns an at-risk note about an account into a CS escalation', async () => {
      const body = await (await postManual({ kind: 'at_risk', note: `Champion left ${unique()}`, company: 'Fernway Retail' })).json();
      expect(body.move).toMatchObject({ domain: 'cs', action_type: 'risk_escalation', company: 'Fernway Retail' });
    });

    it('needs a contact or a company, and a known kind', async () => {
      expect((await postManual({ kind: 'note', note: 'About nobody' })).status).toBe(400);
      expect((await postManual({ kind: 'gossip', note: 'x', company: 'Acme' })).status).toBe(400);
      expect((await postManual({ kind: 'note', note: '', company: 'Acme' })).status).toBe(400);
    });
  });

  describe('listing', () => {
    it('filters by source, kind, contact and processed, newest first, with cursor paging', async () => {
      const email = `list-${unique()}@acme.example.com`;
      for (let i = 0; i < 3; i += 1) await postForm({ ...demoRequest(email), page_url: `https://caseyos.example.com/demo/${i}` });
      const page1 = await (await fetch(`${t.baseUrl}/api/signals?contact=${email}&limit=2`, { headers: operatorHeaders })).json();
      expect(page1.items).toHaveLength(2);
      expect(page1.items.map((s: SignalView) => s.payload.page_url)).toEqual(['https://caseyos.example.com/demo/2', 'https://caseyos.example.com/demo/1']);
      const page2 = await (await fetch(`${t.baseUrl}/api/signals?contact=${email}&limit=2&cursor=${page1.next_cursor}`, { headers: operatorHeaders })).json();
      expect(page2.items.map((s: SignalView) => s.payload.page_url)).toEqual(['https://caseyos.example.com/demo/0']);
      expect(page2.next_cursor).toBeNull();

      expect((await postManual({ kind: 'note', note: 'Listed note', contact_email: email })).status).toBe(202);
      const manualOnly = await (await fetch(`${t.baseUrl}/api/signals?source=manual&processed=true`, { headers: operatorHeaders })).json();
      expect(manualOnly.items.length).toBeGreaterThan(0);
      expect(manualOnly.items.every((s: SignalView) => s.source === 'manual' && s.processed_at)).toBe(true);
      const demos = await (await fetch(`${t.baseUrl}/api/signals?kind=demo_request&limit=5`, { headers: operatorHeaders })).json();
      expect(demos.items.length).toBeGreaterThan(0);
      expect(demos.items.every((s: SignalView) => s.kind === 'demo_request')).toBe(true);
      for (const bad of ['source=fax', 'processed=maybe', 'cursor=zzz', 'limit=0']) {
        expect((await fetch(`${t.baseUrl}/api/signals?${bad}`, { headers: operatorHeaders })).status).toBe(400);
      }
    });

    it("carries each signal's move as it stands now, and null for a signal that made none", async () => {
      const email = `moves-${unique()}@acme.example.com`;
      const demo = await (await postForm(demoRequest(email))).json();
      const note = await (await postManual({ kind: 'note', note: 'Nothing to do about this', contact_email: email })).json();
      expect(demo.move).not.toBeNull();
      expect(note.move).toBeNull();
      const acceptedRes = await fetch(`${t.baseUrl}/api/command-queue/${demo.move.id}/accept`, { method: 'POST', headers: operatorHeaders });
      expect(acceptedRes.status).toBe(200);
      const accepted: CommandQueueMove = await acceptedRes.json();
      expect(accepted.version).toBeGreaterThan(demo.move.version);

      const page = await (await fetch(`${t.baseUrl}/api/signals?contact=${email}`, { headers: operatorHeaders })).json();
      const byId = new Map<string, SignalListItem>(page.items.map((s: SignalListItem) => [s.id, s]));
      expect(byId.get(demo.signal_id)?.move).toEqual({
        id: accepted.id,
        status: 'accepted',
        title: accepted.title,
        aps: accepted.aps,
        domain: accepted.domain,
        action_type: accepted.action_type,
        version: accepted.version,
      });
      expect(byId.has(note.signal_id)).toBe(true);
      expect(byId.get(note.signal_id)?.move).toBeNull();
    });

    it('counts the signals received since an instant, whatever zone it is written in', async () => {
      const count = async (since: string) => fetch(`${t.baseUrl}/api/signals/count?since=${encodeURIComponent(since)}`, { headers: operatorHeaders });
      const start = new Date(Date.now() - 1000);
      const before = (await (await count(start.toISOString())).json()).count;
      const email = `count-${unique()}@acme.example.com`;
      for (let i = 0; i < 2; i += 1) await postForm({ ...demoRequest(email), page_url: `https://caseyos.example.com/count/${i}` });
      const plusTwo = await (await count(start.toISOString())).json();
      expect(plusTwo).toEqual({ since: start.toISOString(), count: before + 2 });
      // The same instant written with another offset is the same count.
      const offset = new Date(start.getTime() + 2 * 3_600_000).toISOString().replace('Z', '+02:00');
      expect((await (await count(offset)).json()).count).toBe(before + 2);
      for (const bad of ['', 'yesterday', '2026-01-31T00:00:00']) {
        const refused = await count(bad);
        expect(refused.status).toBe(400);
        expect(refused.headers.get('content-type')).toContain('application/problem+json');
      }
    });

    it('uses the (source, processed_at) index for the pending-signal query', async () => {
      await db.query(`
        INSERT INTO signals (source, kind, payload, payload_hash, received_at, processed_at)
        SELECT (ARRAY['form','hubspot','gmail','calendar','manual'])[1 + g % 5], 'bulk', '{}'::jsonb, md5(g::text), now(), now()
          FROM generate_series(1, 20000) g`);
      await db.query('ANALYZE signals');
      const plan: { 'QUERY PLAN': string }[] = await db.query(
        `EXPLAIN SELECT * FROM signals WHERE source = 'gmail' AND processed_at IS NULL ORDER BY received_at LIMIT 100`,
      );
      expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toContain('idx_signals_source_processed');
      await db.query(`DELETE FROM signals WHERE kind = 'bulk'`);
    });
  });

  describe('processing', () => {
    /** A signal as a process that died before processing it would have left it. */
    const storedUnprocessed = async (company: string): Promise<string> => {
      const [{ id }] = await db.query(
        `INSERT INTO signals (source, kind, company, payload, payload_hash, received_at)
         VALUES ('manual', 'follow_up', $1, $2::jsonb, md5($3), now() - interval '5 minutes') RETURNING id`,
        [company, JSON.stringify({ note: `retry ${unique()}` }), unique()],
      );
      return id;
    };

    it('retries a signal that was stored but not processed', async () => {
      const id = await storedUnprocessed('Quarry Labs');
      expect(await t.app.get(SignalsService).processPending(30_000, 100)).toBeGreaterThanOrEqual(1);
      const detail = await (await fetch(`${t.baseUrl}/api/signals/${id}`, { headers: operatorHeaders })).json();
      expect(detail).toMatchObject({ rule: 'manual.follow_up', move: { action_type: 'create_task', company: 'Quarry Labs' } });
    });

    it('adopts the move a cut-short processing already made instead of making another', async () => {
      const id = await storedUnprocessed('Quarry Labs');
      const earlier = await t.app
        .get(CommandQueueService)
        .create(
          { domain: 'sales', actionType: 'create_task', title: 'Made before the process died', scoreInputs: {}, signalId: id, originKey: `signal:${id}` },
          { actor: 'test' },
        );
      await t.app.get(SignalsService).processPending(30_000, 100);
      const detail = await (await fetch(`${t.baseUrl}/api/signals/${id}`, { headers: operatorHeaders })).json();
      expect(detail).toMatchObject({ rule: 'manual.follow_up', item_id: earlier.move.id, move: { id: earlier.move.id } });
      expect(await db.query('SELECT id FROM command_queue_items WHERE signal_id = $1', [id])).toHaveLength(1);
    });

    it('counts received, deduplicated, processed signals and moves in /metrics', async () => {
      const form = demoRequest();
      const { growth } = await metricGrowth(
        t.baseUrl,
        {
          received: ['caseyos_signal_received_total', { source: 'form' }],
          deduplicated: ['caseyos_signal_deduplicated_total', { source: 'form' }],
          noRule: ['caseyos_signal_processed_total', { source: 'manual', outcome: 'no_rule' }],
          recommended: ['caseyos_recommendation_generated_total', { source: 'form', rule: 'form.demo_request' }],
        },
        async () => {
          expect((await postForm(form)).status).toBe(202);
          expect((await postForm(form)).status).toBe(202);
          expect((await postManual({ kind: 'note', note: 'Counted note', contact_email: `counted-${unique()}@initech.example.com` })).status).toBe(202);
        },
      );
      expect(growth).toEqual({ received: 1, deduplicated: 1, noRule: 1, recommended: 1 });
    });
  });
});
