import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TEST_ADMIN_TOKEN, TestApp, operatorHeaders, startTestApp } from '../../testing/test-app';
import { AuditService } from './audit.service';

describe('audit log', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const list = async (query: string) => {
    const res = await fetch(`${t.baseUrl}/api/audit?${query}`, { headers: operatorHeaders });
    expect(res.status).toBe(200);
    return res.json();
  };

  it('records every state-changing request with who, what, request id and result', async () => {
    const ok = await fetch(`${t.baseUrl}/api/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'audit-signin-ok' },
      body: JSON.stringify({ token: TEST_ADMIN_TOKEN }),
    });
    expect(ok.status).toBe(201);
    const refused = await fetch(`${t.baseUrl}/api/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'audit-signin-refused' },
      body: JSON.stringify({ token: 'wrong' }),
    });
    expect(refused.status).toBe(401);
    // The router decodes `%61` to `a`: the same route under another spelling is audited the same.
    const escaped = await fetch(`${t.baseUrl}/%61pi/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'audit-signin-escaped' },
      body: JSON.stringify({ token: 'wrong' }),
    });
    expect(escaped.status).toBe(401);

    const page = await list('action=POST%20/api/auth/session&limit=50');
    const success = page.items.find((entry: { request_id: string }) => entry.request_id === 'audit-signin-ok');
    const failure = page.items.find((entry: { request_id: string }) => entry.request_id === 'audit-signin-refused');
    expect(success).toMatchObject({ result: 'success', status_code: 201, subject: '/api/auth/session' });
    expect(success.actor).toMatch(/^operator:session:/);
    expect(failure).toMatchObject({ actor: 'anonymous', result: 'failure', status_code: 401 });
    const escapedEntry = page.items.find((entry: { request_id: string }) => entry.request_id === 'audit-signin-escaped');
    expect(escapedEntry).toMatchObject({ actor: 'anonymous', result: 'failure', status_code: 401, subject: '/%61pi/auth/session' });
    expect(Date.parse(success.at)).not.toBeNaN();
  });

  it('stores every one of many concurrent entries, and a bad one fails alone', async () => {
    const audit = t.app.get(AuditService);
    const subject = `concurrent-${Date.now()}`;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) =>
        // Postgres text cannot hold a NUL character: entry 30 is refused by the database.
        audit.record({ actor: i === 30 ? 'bad\u0000actor' : `worker-${i}`, action: 'test.concurrent', subject, result: 'success' }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toHaveLength(1);
    expect(outcomes[30].status).toBe('rejected');
    const rows = await t.app.get(DataSource).query('SELECT actor FROM audit_log WHERE subject = $1', [subject]);
    expect(rows).toHaveLength(59);
  });

  it('does not audit reads', async () => {
    const read = `audit-read-${Date.now()}`;
    const write = `audit-write-${Date.now()}`;
    await fetch(`${t.baseUrl}/api/audit`, { headers: { ...operatorHeaders, 'x-request-id': read } });
    // A write just after it: the page below reaches back past the read.
    await fetch(`${t.baseUrl}/api/auth/session`, { method: 'DELETE', headers: { ...operatorHeaders, 'x-request-id': write } });
    // Its own minutes: a suite that moved its clock ahead may have left later entries.
    const ownMinutes = `from=${new Date(Date.now() - 60_000).toISOString()}&to=${new Date(Date.now() + 60_000).toISOString()}`;
    const requestIds = (await list(`limit=200&${ownMinutes}`)).items.map((entry: { request_id: string }) => entry.request_id);
    expect(requestIds).toContain(write);
    expect(requestIds).not.toContain(read);
  });

  it('filters by actor and pages newest first with a cursor', async () => {
    // Its own minutes: a suite that moved its clock ahead may have left later operator entries.
    const ownMinutes = `from=${new Date(Date.now() - 60_000).toISOString()}&to=${new Date(Date.now() + 60_000).toISOString()}`;
    for (let i = 0; i < 3; i += 1) {
      await fetch(`${t.baseUrl}/api/auth/session`, {
        method: 'DELETE',
        headers: { ...operatorHeaders, 'x-request-id': `audit-page-${i}` },
      });
    }
    const first = await list(`actor=operator:token&limit=2&${ownMinutes}`);
    expect(first.items).toHaveLength(2);
    expect(first.items.every((entry: { actor: string }) => entry.actor === 'operator:token')).toBe(true);
    expect(first.items[0].request_id).toBe('audit-page-2');
    expect(first.items[1].request_id).toBe('audit-page-1');
    expect(first.next_cursor).toEqual(expect.any(String));

    const second = await list(`actor=operator:token&limit=2&${ownMinutes}&cursor=${first.next_cursor}`);
    expect(second.items[0].request_id).toBe('audit-page-0');
    expect(Number(second.items[0].id)).toBeLessThan(Number(first.items[1].id));
  });

  it('rejects a malformed cursor', async () => {
    const res = await fetch(`${t.baseUrl}/api/audit?cursor=abc`, { headers: operatorHeaders });
    expect(res.status).toBe(400);
  });

  it.each([
    ['an id one above the largest bigint', '2026-01-01T00:00:00.000Z|9223372036854775808'],
    ['a time before any Postgres takes', '-200000-01-01T00:00:00.000Z|1'],
    ['a time after any Postgres takes', '+275000-01-01T00:00:00.000Z|1'],
  ])('answers a forged cursor with %s 400 naming the cursor, not a database error', async (_name, decoded) => {
    const res = await fetch(`${t.baseUrl}/api/audit?cursor=${Buffer.from(decoded).toString('base64url')}`, { headers: operatorHeaders });
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual([{ field: 'cursor', messages: ['cursor is not a next_cursor from a previous page'] }]);
  });

  it('pages from a cursor at the largest bigint id', async () => {
    const res = await fetch(`${t.baseUrl}/api/audit?limit=1&cursor=${Buffer.from('2001-01-01T00:00:00.000Z|9223372036854775807').toString('base64url')}`, {
      headers: operatorHeaders,
    });
    expect(res.status).toBe(200);
  });
  describe('filters', () => {
    // Each test writes its own entries under a marker nobody else uses, at times it chooses.
    const seed = async (rows: { actor: string; action: string; subject: string; at: string }[]) => {
      const db = t.app.get(DataSource);
      for (const row of rows) {
        await db.query(`INSERT INTO audit_log (at, actor, action, subject, result) VALUES ($1, $2, $3, $4, 'success')`, [
          row.at,
          row.actor,
          row.action,
          row.subject,
        ]);
      }
    };
    const ids = (page: { items: { subject: string }[] }) => page.items.map((entry) => entry.subject);

    it('by action and actor together, newest first', async () => {
      const marker = randomUUID();
      const at = '2002-01-01T00:00:00Z';
      await seed([
        { actor: `alice-${marker}`, action: `test.stop-${marker}`, subject: 'execution:1', at },
        { actor: `bob-${marker}`, action: `test.stop-${marker}`, subject: 'execution:2', at },
        { actor: `alice-${marker}`, action: `test.release-${marker}`, subject: 'execution:3', at },
        { actor: `alice-${marker}`, action: `test.stop-${marker}`, subject: 'execution:4', at },
      ]);
      expect(ids(await list(`action=test.stop-${marker}`))).toEqual(['execution:4', 'execution:2', 'execution:1']);
      expect(ids(await list(`actor=alice-${marker}`))).toEqual(['execution:4', 'execution:3', 'execution:1']);
      expect(ids(await list(`actor=alice-${marker}&action=test.stop-${marker}`))).toEqual(['execution:4', 'execution:1']);
    });

    it('by subject type, and by type and id', async () => {
      const marker = randomUUID().replaceAll('-', '_');
      const type = `item_${marker}`;
      const at = '2002-01-01T00:00:00Z';
      await seed([
        { actor: 'test', action: 'test.subject', subject: `${type}:a`, at },
        // `_` must not act as a LIKE wildcard: this one differs from the type by one character.
        { actor: 'test', action: 'test.subject', subject: `${type.replace('_', 'x')}:b`, at },
        { actor: 'test', action: 'test.subject', subject: `${type}:b`, at },
        { actor: 'test', action: 'test.subject', subject: `${type}x:c`, at },
      ]);
      expect(ids(await list(`subject_type=${type}`))).toEqual([`${type}:b`, `${type}:a`]);
      expect(ids(await list(`subject_type=${type}&subject_id=a`))).toEqual([`${type}:a`]);
      expect((await list(`subject_type=${type}&subject_id=zzz`)).items).toEqual([]);
    });

    it('by a time window [from, to), whatever zone the instants are written in', async () => {
      const actor = `window-${randomUUID()}`;
      await seed(
        ['2003-03-01T08:59:59.999Z', '2003-03-01T09:00:00Z', '2003-03-01T09:30:00Z', '2003-03-01T10:00:00Z'].map((at, i) => ({
          actor,
          action: 'test.window',
          subject: `window:${i}`,
          at,
        })),
      );
      // 10:00+01:00 is 09:00Z: the lower bound is inclusive, the upper exclusive.
      const page = await list(`actor=${actor}&from=${encodeURIComponent('2003-03-01T10:00:00+01:00')}&to=${encodeURIComponent('2003-03-01T10:00:00Z')}`);
      expect(ids(page)).toEqual(['window:2', 'window:1']);
      expect(ids(await list(`actor=${actor}&from=2003-03-01T09:30:00Z`))).toEqual(['window:3', 'window:2']);
      expect(ids(await list(`actor=${actor}&to=2003-03-01T09:00:00Z`))).toEqual(['window:0']);
    });

    it('pages a filtered list with its cursor until the end, without repeats', async () => {
      const action = `test.paging-${randomUUID()}`;
      await seed(Array.from({ length: 5 }, (_, i) => ({ actor: 'test', action, subject: `page:${i}`, at: '2002-06-01T00:00:00Z' })));
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: { items: { subject: string }[]; next_cursor: string | null } = await list(`action=${action}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...ids(page));
        cursor = page.next_cursor;
        pages += 1;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual(['page:4', 'page:3', 'page:2', 'page:1', 'page:0']);
    });

    it.each([
      ['from=yesterday', 'from'],
      ['to=2003-03-01T09:00:00', 'to'],
      ['from=2003-03-02T00:00:00Z&to=2003-03-01T00:00:00Z', 'to'],
      ['from=2003-03-01T00:00:00Z&to=2003-03-01T00:00:00Z', 'to'],
      ['subject_id=abc', 'subject_type'],
      ['subject_type=Command-Queue', 'subject_type'],
      ['subject_type=item&subject_id=', 'subject_id'],
      ['limit=0', 'limit'],
      ['cursor=abc', 'cursor'],
      ['colour=red', 'colour'],
    ])('refuses %s with a 400 problem naming %s', async (query, field) => {
      const res = await fetch(`${t.baseUrl}/api/audit?${query}`, { headers: operatorHeaders });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = await res.json();
      expect(problem.errors.map((error: { field: string }) => error.field)).toContain(field);
    });

    it('walks an index for each filter on a large log', async () => {
      const db = t.app.get(DataSource);
      const marker = `bulk-${randomUUID()}`;
      await db.query(
        `INSERT INTO audit_log (at, actor, action, subject, result)
         SELECT timestamptz '2001-01-01' + g * interval '1 minute', $1 || (g % 50), 'test.bulk.' || (g % 40),
                CASE WHEN g % 500 = 0 THEN 'bulk_rare:' ELSE 'bulk_item:' END || g, 'success'
           FROM generate_series(1, 20000) AS g`,
        [marker],
      );
      try {
        // The table is shared with every other suite: the statistics are taken of every row (not a
        // sample that may miss the rare ones seeded here), and in the transaction the plans are
        // made in, which holds off an autovacuum ANALYZE until they are.
        await db.transaction(async (manager) => {
          await manager.query('SET LOCAL default_statistics_target = 10000');
          await manager.query('ANALYZE audit_log');
          // The listing's own statement, as the service builds it for these filters.
          const plan = async (where: string, values: unknown[]) =>
            JSON.stringify(await manager.query(`EXPLAIN SELECT * FROM audit_log WHERE ${where} ORDER BY at DESC, id DESC LIMIT 51`, values));
          // A day near the start of the log: a walk back from the newest entry would read most of it.
          expect(await plan('at >= $1 AND at < $2', ['2001-01-02', '2001-01-03'])).toContain('idx_audit_log_at_id');
          expect(await plan('actor = $1 AND at >= $2 AND at < $3', [`${marker}7`, '2001-01-02', '2001-01-03'])).toContain('idx_audit_log_actor_at');
          expect(await plan('action = $1', ['test.bulk.7'])).toContain('idx_audit_log_action_at');
          expect(await plan('subject = $1', ['bulk_item:77'])).toContain('idx_audit_log_subject_at');
          // A rare kind of subject; a common one is as quickly found walking back in time.
          expect(await plan('subject LIKE $1', ['bulk\\_rare:%'])).toContain('idx_audit_log_subject_at');
        });
      } finally {
        await db.query('DELETE FROM audit_log WHERE actor LIKE $1', [`${marker}%`]);
      }
    });
  });
});
