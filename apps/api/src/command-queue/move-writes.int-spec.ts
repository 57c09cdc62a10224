import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { WriteStatement } from '../platform/database/write-statement';
import { insertDueSnoozedCopies } from '../testing/snoozed-backlog';
import { TestApp, operatorHeaders, startTestApp } from '../testing/test-app';
import { CommandQueueService, NewMove } from './command-queue.service';

/** A move's row and its audit entry are written together or not at all, whichever module writes them. */
describe('move writes', () => {
  let t: TestApp;
  let db: DataSource;
  let queue: CommandQueueService;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    queue = t.app.get(CommandQueueService);
  });
  afterAll(() => t.close());

  const newMove = (title: string): NewMove => ({
    domain: 'sales',
    actionType: 'send_email',
    title,
    scoreInputs: { amount_usd: 5_000, intent: 0.5 },
    originKey: `move-writes:${randomUUID()}`,
  });
  const statusOf = async (id: string) => (await db.query<{ status: string }[]>('SELECT status FROM command_queue_items WHERE id = $1', [id]))[0]?.status;
  const auditCount = async (id: string) =>
    Number((await db.query<{ n: string }[]>('SELECT count(*) AS n FROM audit_log WHERE subject = $1', [`command_queue_item:${id}`]))[0].n);

  /** Makes Postgres refuse the audit entries of one move while `run` runs. */
  async function withAuditRefusedFor<T>(id: string, run: () => Promise<T>): Promise<T> {
    const trigger = `refuse_audit_${id.replace(/-/g, '')}`;
    await db.query(`CREATE FUNCTION ${trigger}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit refused by the test'; END $$`);
    await db.query(
      `CREATE TRIGGER ${trigger} BEFORE INSERT ON audit_log FOR EACH ROW WHEN (NEW.subject = 'command_queue_item:${id}') EXECUTE FUNCTION ${trigger}()`,
    );
    try {
      return await run();
    } finally {
      await db.query(`DROP TRIGGER ${trigger} ON audit_log`);
      await db.query(`DROP FUNCTION ${trigger}()`);
    }
  }

  it('leaves a move where it was when its audit entry cannot be written', async () => {
    const { move } = await queue.create(newMove('Accept fails with its audit'), { actor: 'test' });
    const audited = await auditCount(move.id);
    expect(audited).toBe(1);

    const res = await withAuditRefusedFor(move.id, () =>
      fetch(`${t.baseUrl}/api/command-queue/${move.id}/accept`, { method: 'POST', headers: operatorHeaders }),
    );
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await statusOf(move.id)).toBe('pending');
    expect(await auditCount(move.id)).toBe(audited);

    // Nothing was left half-done: the same request succeeds once the audit can be written.
    const again = await fetch(`${t.baseUrl}/api/command-queue/${move.id}/accept`, { method: 'POST', headers: operatorHeaders });
    expect(again.status).toBe(200);
    expect(await statusOf(move.id)).toBe('accepted');
  });

  it('does not wake a snoozed move whose audit entry cannot be written', async () => {
    const { move } = await queue.create(newMove('Wake fails with its audit'), { actor: 'test' });
    await queue.snooze(move.id, new Date(Date.now() + 60_000), { actor: 'test' });
    // Due only once the audit is refused, so the scheduled wake-up cannot take it first.
    const dueNow = () => db.query(`UPDATE command_queue_items SET snoozed_until = now() - interval '1 minute' WHERE id = $1`, [move.id]);

    await expect(withAuditRefusedFor(move.id, () => dueNow().then(() => queue.wakeSnoozed()))).rejects.toThrow(/audit refused/);
    expect(await statusOf(move.id)).toBe('snoozed');

    await queue.wakeSnoozed();
    expect(await statusOf(move.id)).toBe('pending');
  });

  it('wakes a backlog larger than one batch, every move with its audit entry', async () => {
    const { move } = await queue.create(newMove('Template of a snoozed backlog'), { actor: 'test' });
    // 1,100 due moves: three wake batches.
    const backlog = await insertDueSnoozedCopies(db, move.id, 1100);

    await queue.wakeSnoozed();
    const [woken] = await db.query<{ pending: string; audited: string }[]>(
      `SELECT (SELECT count(*) FROM command_queue_items WHERE title LIKE $1 || '%' AND status = 'pending') AS pending,
              (SELECT count(*) FROM audit_log a JOIN command_queue_items i ON a.subject = 'command_queue_item:' || i.id
                WHERE i.title LIKE $1 || '%' AND a.detail->>'to' = 'pending') AS audited`,
      [backlog],
    );
    expect(Number(woken.pending)).toBe(1100);
    expect(Number(woken.audited)).toBe(1100);
  });

  it('stores no move when its creation audit cannot be written', async () => {
    const id = randomUUID();
    await expect(withAuditRefusedFor(id, () => queue.create({ ...newMove('Create fails with its audit'), id }, { actor: 'test' }))).rejects.toThrow(
      /audit refused/,
    );
    expect(await statusOf(id)).toBeUndefined();
  });

  it('adds two moves to one statement, each written and announced on its own', async () => {
    const statement = new WriteStatement();
    const first = await queue.addMove(statement, newMove('First of two'), { actor: 'test' });
    const second = await queue.addMove(statement, newMove('Second of two'), { actor: 'test' });
    const written = await statement.write(db);

    const [a, b] = [await first.announce(written), await second.announce(written)];
    expect(a?.title).toBe('First of two');
    expect(b?.title).toBe('Second of two');
    expect(a?.id).not.toBe(b?.id);
    for (const move of [a, b]) {
      expect(await statusOf(move?.id ?? '')).toBe('pending');
      expect(await auditCount(move?.id ?? '')).toBe(1);
    }
  });

  it('writes nothing of a move whose gate yields no row, and announces nothing', async () => {
    const id = randomUUID();
    const statement = new WriteStatement();
    const gate = statement.with('never', 'SELECT 1 WHERE false');
    const added = await queue.addMove(statement, { ...newMove('Gated away'), id }, { actor: 'test' }, gate);
    const written = await statement.write(db);

    expect(added.wrote(written)).toBe(false);
    expect(await added.announce(written)).toBeNull();
    expect(await statusOf(id)).toBeUndefined();
    expect(await auditCount(id)).toBe(0);
  });
});
