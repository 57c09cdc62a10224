import {
  ACTION_TYPES,
  AuditEntry,
  CommandQueueMove,
  ContactErasureResponse,
  ContactExport,
  ExecutionView,
  ExternalObject,
  ProblemDetails,
} from '@caseyos/contracts';
import type Redis from 'ioredis';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CommandQueueService } from '../command-queue/command-queue.service';
import { IntegrationsService } from '../connectors/oauth/integrations.service';
import { ContactAddress, ERASED } from '../platform/personal-data/contact-address';
import { REDIS } from '../platform/redis/redis.module';
import { ConnectedTestApp, startConnectedTestApp } from '../testing/connected-test-app';
import { apiOf, expectStatus } from '../testing/execution-test-kit';
import { SandboxState } from '../testing/sandbox-control';

/** Limits high enough that these tests never meet them. */
const ROOMY_LIMITS = ACTION_TYPES.map((type) => `${type}=1000`).join(',');

const objectOf = (execution: ExecutionView, kind: ExternalObject['kind']) => {
  const found = execution.result?.objects.find((object) => object.kind === kind);
  if (!found) throw new Error(`execution ${execution.id} made no ${kind}: ${JSON.stringify(execution.result)}`);
  return found;
};
const draftIds = (state: SandboxState) => state.gmail.drafts.map((draft) => draft.id);
const taskIds = (state: SandboxState) => state.hubspot.tasks.map((task) => task.id);
/** What an export says apart from when it was made. */
const contentOf = ({ exported_at: _at, ...rest }: ContactExport) => rest;

describe('privacy: a contact exported and erased (real Postgres, Redis and the sandbox)', () => {
  let t: ConnectedTestApp;
  let api: ReturnType<typeof apiOf>;
  let db: DataSource;
  let redis: Redis;

  beforeAll(async () => {
    t = await startConnectedTestApp({ EXECUTION_LIMITS_PER_HOUR: ROOMY_LIMITS, EXECUTION_RETRY_BASE_MS: '20', EXECUTION_CONTACT_TOUCHES_PER_WEEK: '1000' });
    api = apiOf(t);
    db = t.app.get(DataSource);
    redis = t.app.get(REDIS);
  });
  afterAll(() => t.close());
  afterEach(() => t.sandbox.clearFaults());

  const unique = () => randomUUID().slice(0, 8);
  const exportOf = (email: string) => api<ContactExport>('GET', `/api/contacts/${encodeURIComponent(email)}/export`);
  const erase = (email: string) => api<ContactErasureResponse>('DELETE', `/api/contacts/${encodeURIComponent(email)}`);

  async function form(email: string, formName: string): Promise<CommandQueueMove> {
    const answer = await api('POST', '/api/webhooks/hubspot/form-submission', {
      body: {
        form_name: formName,
        fields: { email, firstname: 'Jane', lastname: 'Roe', company: 'Harbor Health' },
        page_url: 'https://caseyos.example.com/demo',
      },
    });
    expectStatus(answer, 202);
    return answer.body.move;
  }

  async function note(email: string, text: string): Promise<CommandQueueMove> {
    const answer = await api('POST', '/api/signals', {
      body: { kind: 'follow_up', note: text, contact_email: email, contact_name: 'Jane Roe', company: 'Harbor Health' },
    });
    expectStatus(answer, 202);
    return answer.body.move;
  }

  async function execute(move: CommandQueueMove): Promise<{ execution: ExecutionView; key: string }> {
    const key = randomUUID();
    const answer = await api<ExecutionView>('POST', `/api/command-queue/${move.id}/execute`, { headers: { 'x-idempotency-key': key } });
    expectStatus(answer, 200);
    return { execution: answer.body, key };
  }

  /** A person as CaseyOS comes to know them: forms, a note, three executed moves (a Gmail draft, a newsletter asset and draft, a HubSpot task), an outcome. */
  async function footprint(email: string) {
    const demo = await form(email, 'Request a demo');
    const newsletter = await form(email, 'Newsletter');
    const followUp = await note(email, `Call back about the pilot (${email})`);
    const sent = await execute(demo);
    const drafted = await execute(newsletter);
    const tasked = await execute(followUp);
    const outcome = await api('POST', '/api/outcomes/record', { body: { item_id: demo.id, outcome_type: 'positive_reply', note: `Replied from ${email}` } });
    expectStatus(outcome, 201);
    return {
      moves: [demo, newsletter, followUp],
      executions: [sent, drafted, tasked],
      drafts: [objectOf(sent.execution, 'gmail_draft').id, objectOf(drafted.execution, 'gmail_draft').id],
      task: objectOf(tasked.execution, 'hubspot_task').id,
    };
  }

  /**
   * Every row of every table of the database whose text mentions the address (as itself or
   * URI-encoded), found from information_schema so a table added later is searched too. A row
   * as text holds every column whatever its type, so no column can be missed either.
   */
  async function rowsMentioning(email: string): Promise<string[]> {
    const tables: { table_name: string }[] = await db.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    expect(tables.map((table) => table.table_name)).toEqual(
      expect.arrayContaining(['signals', 'signal_dedupe_keys', 'command_queue_items', 'executions', 'draft_assets', 'outcome_events', 'audit_log']),
    );
    const found: string[] = [];
    for (const { table_name } of tables) {
      const rows: { row: string }[] = await db.query(
        `SELECT t::text AS row FROM "${table_name}" t WHERE strpos(lower(t::text), $1) > 0 OR strpos(lower(t::text), $2) > 0`,
        [email.toLowerCase(), encodeURIComponent(email.toLowerCase()).toLowerCase()],
      );
      found.push(...rows.map((row) => `${table_name}: ${row.row}`));
    }
    return found;
  }

  /** Every Redis key (in the tests' database) whose name or value mentions the address. */
  async function redisKeysMentioning(email: string): Promise<string[]> {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'COUNT', 1000);
      cursor = next;
      for (const key of keys) {
        const type = await redis.type(key);
        const value =
          type === 'string'
            ? await redis.get(key)
            : type === 'hash'
              ? await redis.hgetall(key)
              : type === 'list'
                ? await redis.lrange(key, 0, -1)
                : type === 'set'
                  ? await redis.smembers(key)
                  : type === 'zset'
                    ? await redis.zrange(key, 0, -1)
                    : type === 'stream'
                      ? await redis.xrange(key, '-', '+')
                      : null;
        if (JSON.stringify([key, value]).toLowerCase().includes(email.toLowerCase())) found.push(key);
      }
    } while (cursor !== '0');
    return found;
  }

  const cachedAnswer = (key: string) => redis.get(`caseyos:idempotency:${createHash('sha256').update(key).digest('hex')}`);

  it('exports everything about a person, then erases it from every table, the cache and the providers, leaving another person as they were', async () => {
    const id = unique();
    const person = `Jane.Roe+${id}@Harbor-Health.example.com`;
    const address = person.toLowerCase();
    const other = `sam.lee.${id}@harbor-health.example.com`;

    const theirs = await footprint(person);
    const others = await footprint(other);
    // Their fourth move: opened (a dry run), then dismissed with a reason that names them.
    const dismissed = await note(person, 'Asked about the security review');
    expectStatus(await api('POST', `/api/command-queue/${dismissed.id}/execute?dry_run=true`), 200);
    expectStatus(await api('POST', `/api/command-queue/${dismissed.id}/dismiss`, { body: { reason: `${address} asked us to stop` } }), 200);
    // A third person's move that mentions them.
    const bystander = `kim.${id}@harbor-health.example.com`;
    const { move: mentioning } = await t.app.get(CommandQueueService).create(
      {
        domain: 'sales',
        actionType: 'create_task',
        title: `Introduce Kim to ${person}`,
        scoreInputs: { amount_usd: 5_000, intent: 0.5 },
        contactEmail: bystander,
        actionParams: { context: { note: `cc ${address}` } },
      },
      { actor: 'test' },
    );

    const before = await exportOf(person.toUpperCase());
    expectStatus(before, 200);
    const exported = before.body;
    expect(exported.contact_email).toBe(address);
    expect(exported.signals).toHaveLength(4);
    expect(exported.moves.map((move) => move.id).sort()).toEqual([...theirs.moves.map((move) => move.id), dismissed.id, mentioning.id].sort());
    expect(
      exported.executions
        .filter((execution) => !execution.dry_run)
        .map((execution) => execution.id)
        .sort(),
    ).toEqual(theirs.executions.map(({ execution }) => execution.id).sort());
    expect(exported.executions.filter((execution) => execution.dry_run).map((execution) => execution.item_id)).toEqual([dismissed.id]);
    expect(exported.draft_assets.map((asset) => asset.execution_id)).toEqual([theirs.executions[1].execution.id]);
    expect(exported.outcomes).toEqual([expect.objectContaining({ item_id: theirs.moves[0].id, outcome_type: 'positive_reply', contact_email: address })]);
    expect(exported.audit.some((entry) => JSON.stringify(entry.detail).includes(address))).toBe(true);
    expect(exported.audit.some((entry) => entry.subject === `command_queue_item:${theirs.moves[2].id}`)).toBe(true);
    const otherBefore = await exportOf(other);
    expect(otherBefore.body.signals).toHaveLength(3);

    const held = await rowsMentioning(address);
    expect([...new Set(held.map((row) => row.split(':')[0]))]).toEqual(
      expect.arrayContaining(['signals', 'command_queue_items', 'executions', 'outcome_events', 'audit_log']),
    );
    for (const { key } of theirs.executions) expect(await cachedAnswer(key)).not.toBeNull();
    const sandboxBefore = await t.sandbox.state();
    expect(draftIds(sandboxBefore)).toEqual(expect.arrayContaining([...theirs.drafts, ...others.drafts]));
    expect(taskIds(sandboxBefore)).toEqual(expect.arrayContaining([theirs.task, others.task]));

    const erased = await erase(person);
    expectStatus(erased, 200);
    const ref = exported.contact_ref;
    expect(erased.body.contact_ref).toBe(ref);
    expect(erased.body.tables).toMatchObject({
      signals: { deleted: 4, scrubbed: 0 },
      signal_dedupe_keys: { deleted: 4, scrubbed: 0 },
      // The dismissed move had only a dry run: it goes. The executed ones stay, anonymous; so does the bystander's, scrubbed.
      command_queue_items: { deleted: 1, scrubbed: 4 },
      executions: { deleted: 1, scrubbed: 3 },
      draft_assets: { deleted: 1, scrubbed: 0 },
      outcome_events: { deleted: 0, scrubbed: 1 },
    });
    expect(erased.body.tables.audit_log.scrubbed).toBeGreaterThanOrEqual(2);
    expect(erased.body.external.removed.map((object) => object.id).sort()).toEqual([...theirs.drafts, theirs.task].sort());
    expect(erased.body.external.kept).toEqual([]);
    expect(JSON.stringify(erased.body).toLowerCase()).not.toContain(address);

    // Nothing in any table, nor in Redis, mentions them any more.
    expect(await rowsMentioning(address)).toEqual([]);
    expect(await redisKeysMentioning(address)).toEqual([]);
    for (const { key } of theirs.executions) expect(await cachedAnswer(key)).toBeNull();
    // Their open drafts and task are gone from the providers; the other person's are there.
    const sandboxAfter = await t.sandbox.state();
    for (const draft of theirs.drafts) expect(draftIds(sandboxAfter)).not.toContain(draft);
    expect(taskIds(sandboxAfter)).not.toContain(theirs.task);
    expect(draftIds(sandboxAfter)).toEqual(expect.arrayContaining(others.drafts));
    expect(taskIds(sandboxAfter)).toContain(others.task);

    // What stays counts: the executed moves closed and anonymous, their executions without payload.
    const kept = await api<CommandQueueMove>('GET', `/api/command-queue/${theirs.moves[2].id}`);
    expect(kept.body).toMatchObject({ status: 'completed', contact_email: null, contact_name: null, title: ERASED, action_params: {} });
    const execution = await api<ExecutionView>('GET', `/api/executions/${theirs.executions[0].execution.id}`);
    expect(execution.body).toMatchObject({
      status: 'succeeded',
      contact_email: null,
      title: ERASED,
      plan: null,
      idempotency_key: null,
      result: { objects: [] },
    });
    expectStatus(await api('GET', `/api/command-queue/${dismissed.id}`), 404);
    const bystanderMove = await api<CommandQueueMove>('GET', `/api/command-queue/${mentioning.id}`);
    expect(bystanderMove.body).toMatchObject({
      contact_email: bystander,
      title: `Introduce Kim to ${ERASED}`,
      action_params: { context: { note: `cc ${ERASED}` } },
    });

    // The audit keeps the erasure, under the pseudonym, with the counts.
    const audit = await api<{ items: AuditEntry[] }>('GET', `/api/audit?subject=${encodeURIComponent(ref)}&limit=10`);
    expect(audit.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'contact.exported', actor: 'operator:token', detail: { counts: expect.objectContaining({ signals: 4 }) } }),
        expect.objectContaining({ action: 'contact.erased', actor: 'operator:token', detail: expect.objectContaining({ tables: erased.body.tables }) }),
      ]),
    );
    const request = await api<{ items: AuditEntry[] }>('GET', `/api/audit?action=${encodeURIComponent('DELETE /api/contacts/:email')}&limit=1`);
    expect(request.body.items[0]).toMatchObject({ subject: `/api/contacts/${ref}`, status_code: 200 });

    // The other person is as they were.
    expect(contentOf((await exportOf(other)).body)).toEqual(contentOf(otherBefore.body));

    // Exported again: nothing. Erased again: nothing to do, and the audit can tell it is the same person.
    const after = await exportOf(person);
    expect(after.body).toMatchObject({ signals: [], moves: [], executions: [], draft_assets: [], outcomes: [], audit: [] });
    const again = await erase(person.toLowerCase());
    expectStatus(again, 200);
    expect(Object.keys(again.body.tables).length).toBeGreaterThan(0);
    expect(Object.values(again.body.tables).every((rows) => rows.deleted === 0 && rows.scrubbed === 0)).toBe(true);
    const erasures = await api<{ items: AuditEntry[] }>('GET', `/api/audit?action=contact.erased&subject=${encodeURIComponent(ref)}&limit=10`);
    expect(erasures.body.items).toHaveLength(2);
    // The requests about them since (export, erasure) left no address behind either.
    expect(await rowsMentioning(address)).toEqual([]);
  });

  it('a sent email and a completed task stay in the providers, listed as kept; a rollback can still reach them', async () => {
    const person = `ada.${unique()}@harbor-health.example.com`;
    const sent = await execute(await form(person, 'Request a demo'));
    const tasked = await execute(await note(person, 'Send the contract'));
    const provider = async (name: 'google' | 'hubspot', method: string, path: string, body: unknown) => {
      const token = (await t.app.get(IntegrationsService).tokens(name))!.accessToken;
      const res = await fetch(`${t.sandbox.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
    };
    const draft = objectOf(sent.execution, 'gmail_draft');
    const task = objectOf(tasked.execution, 'hubspot_task');
    await provider('google', 'POST', '/gmail/v1/users/me/drafts/send', { id: draft.id });
    await provider('hubspot', 'PATCH', `/crm/v3/objects/tasks/${task.id}`, { properties: { hs_task_status: 'COMPLETED' } });

    const erased = await erase(person);
    expectStatus(erased, 200);
    expect(erased.body.external).toEqual({
      removed: [],
      kept: expect.arrayContaining([
        { execution_id: sent.execution.id, kind: 'gmail_draft', id: draft.id, reason: 'sent' },
        { execution_id: tasked.execution.id, kind: 'hubspot_task', id: task.id, reason: 'completed' },
      ]),
    });
    expect(taskIds(await t.sandbox.state())).toContain(task.id);
    const stays = await api<ExecutionView>('GET', `/api/executions/${tasked.execution.id}`);
    expect(stays.body.result?.objects).toEqual([expect.objectContaining({ kind: 'hubspot_task', id: task.id })]);
    expect(await rowsMentioning(person)).toEqual([]);
    expectStatus(await api('POST', `/api/executions/${tasked.execution.id}/rollback`), 200);
    expect(taskIds(await t.sandbox.state())).not.toContain(task.id);
  });

  it('a provider that fails is reported (502, nothing erased), and erasing again finishes the job', async () => {
    const person = `ben.${unique()}@harbor-health.example.com`;
    const { execution } = await execute(await form(person, 'Request a demo'));
    const draft = objectOf(execution, 'gmail_draft');
    await t.sandbox.fault({ service: 'gmail', kind: 'server_error', methods: ['DELETE'], times: 20 });

    const failed = await erase(person);
    expectStatus(failed, 502);
    expect(failed.type).toContain('application/problem+json');
    const problem = failed.body as unknown as ProblemDetails;
    expect(problem.type).toBe('urn:caseyos:problem:erasure-incomplete');
    expect(problem.erasure?.failed).toEqual([expect.objectContaining({ execution_id: execution.id, kind: 'gmail_draft', id: draft.id })]);
    expect(JSON.stringify(problem).toLowerCase()).not.toContain(person);
    expect((await exportOf(person)).body.signals).toHaveLength(1);
    expect(draftIds(await t.sandbox.state())).toContain(draft.id);
    const audit = await api<{ items: AuditEntry[] }>('GET', `/api/audit?action=contact.erasure_failed&limit=1`);
    expect(audit.body.items[0]).toMatchObject({ result: 'failure', subject: (await exportOf(person)).body.contact_ref });

    await t.sandbox.clearFaults();
    const finished = await erase(person);
    expectStatus(finished, 200);
    expect(finished.body.external.removed).toEqual([{ execution_id: execution.id, kind: 'gmail_draft', id: draft.id }]);
    expect(draftIds(await t.sandbox.state())).not.toContain(draft.id);
    expect(await rowsMentioning(person)).toEqual([]);
  });

  it('waits for an execution still running: 409, and erasing once it finished removes what it made', async () => {
    const person = `cleo.${unique()}@harbor-health.example.com`;
    const move = await form(person, 'Request a demo');
    await t.sandbox.fault({ service: 'gmail', kind: 'latency', latency_ms: 2000, route: 'POST /gmail/v1/users/:userId/drafts', times: 1 });
    const executing = execute(move);
    await new Promise((resolve) => setTimeout(resolve, 700));
    const refused = await erase(person);
    expectStatus(refused, 409);
    expect((refused.body as unknown as ProblemDetails).type).toBe('urn:caseyos:problem:execution-in-progress');
    const { execution } = await executing;
    const erased = await erase(person);
    expectStatus(erased, 200);
    expect(erased.body.external.removed).toEqual([{ execution_id: execution.id, kind: 'gmail_draft', id: objectOf(execution, 'gmail_draft').id }]);
    expect(await rowsMentioning(person)).toEqual([]);
  });

  it('an unknown address: an empty export and an erasure with nothing to do, both audited', async () => {
    const person = `nobody.${unique()}@nowhere.example.com`;
    const exported = await exportOf(person);
    expectStatus(exported, 200);
    expect(exported.body).toMatchObject({ contact_email: person, signals: [], moves: [], executions: [], draft_assets: [], outcomes: [], audit: [] });
    const erased = await erase(person);
    expectStatus(erased, 200);
    expect(erased.body.external).toEqual({ removed: [], kept: [] });
    expect(Object.keys(erased.body.tables).length).toBeGreaterThan(0);
    expect(Object.values(erased.body.tables).every((rows) => rows.deleted === 0 && rows.scrubbed === 0)).toBe(true);
    const audit = await api<{ items: AuditEntry[] }>('GET', `/api/audit?subject=${encodeURIComponent(exported.body.contact_ref)}&limit=10`);
    expect(audit.body.items.map((entry) => entry.action).sort()).toEqual(['contact.erased', 'contact.exported']);
  });

  it('refuses what is not an email address (400 naming the field) and a caller without the operator (401)', async () => {
    for (const [method, path] of [
      ['GET', '/api/contacts/not-an-address/export'],
      ['DELETE', '/api/contacts/not-an-address'],
      ['DELETE', `/api/contacts/${encodeURIComponent('a@b@c.example.com')}`],
      ['DELETE', `/api/contacts/${'x'.repeat(250)}%40example.com`],
    ] as const) {
      const answer = await api(method, path);
      expectStatus(answer, 400);
      expect(answer.type).toContain('application/problem+json');
      expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'email' })]);
    }
    for (const [method, path] of [
      ['GET', '/api/contacts/dana%40northwind.example.com/export'],
      ['DELETE', '/api/contacts/dana%40northwind.example.com'],
    ] as const) {
      const answer = await fetch(`${t.baseUrl}${path}`, { method });
      expect(answer.status).toBe(401);
    }
  });

  it('the pattern finds and replaces an address in Postgres as it does in JavaScript', async () => {
    const address = ContactAddress.of('Ann.Lee+crm@Example.com');
    const samples = [
      'ann.lee+crm@example.com',
      '{"note":"Call:\\nANN.LEE+CRM@EXAMPLE.COM."}',
      'note=from%20ann.lee%2Bcrm%40example.com',
      'joann.lee+crm@example.com',
      'x%2Bann.lee%2Bcrm%40example.com',
      'ann.lee+crm@example.com.au',
      'annxlee+crm@example.com',
    ];
    for (const sample of samples) {
      const [row] = await db.query(`SELECT $2::text ~* $1 AS found, regexp_replace($2::text, $1, $3, 'gi') AS scrubbed`, [
        address.pattern,
        sample,
        ContactAddress.replacement,
      ]);
      expect({ sample, ...row }).toEqual({
        sample,
        found: new RegExp(address.pattern, 'i').test(sample),
        scrubbed: sample.replace(new RegExp(address.pattern, 'gi'), `$1${ERASED}`),
      });
    }
  });
});
