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

    const page = await list('action=POST%20/api/auth/session&limit=50');
    const success = page.items.find((entry: { request_id: string }) => entry.request_id === 'audit-signin-ok');
    const failure = page.items.find((entry: { request_id: string }) => entry.request_id === 'audit-signin-refused');
    expect(success).toMatchObject({ result: 'success', status_code: 201, subject: '/api/auth/session' });
    expect(success.actor).toMatch(/^operator:session:/);
    expect(failure).toMatchObject({ actor: 'anonymous', result: 'failure', status_code: 401 });
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
    const requestIds = (await list('limit=200')).items.map((entry: { request_id: string }) => entry.request_id);
    expect(requestIds).toContain(write);
    expect(requestIds).not.toContain(read);
  });

  it('filters by actor and pages newest first with a cursor', async () => {
    for (let i = 0; i < 3; i += 1) {
      await fetch(`${t.baseUrl}/api/auth/session`, {
        method: 'DELETE',
        headers: { ...operatorHeaders, 'x-request-id': `audit-page-${i}` },
      });
    }
    const first = await list('actor=operator:token&limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.items.every((entry: { actor: string }) => entry.actor === 'operator:token')).toBe(true);
    expect(first.items[0].request_id).toBe('audit-page-2');
    expect(first.items[1].request_id).toBe('audit-page-1');
    expect(first.next_cursor).toEqual(expect.any(String));

    const second = await list(`actor=operator:token&limit=2&cursor=${first.next_cursor}`);
    expect(second.items[0].request_id).toBe('audit-page-0');
    expect(Number(second.items[0].id)).toBeLessThan(Number(first.items[1].id));
  });

  it('rejects a malformed cursor', async () => {
    const res = await fetch(`${t.baseUrl}/api/audit?cursor=abc`, { headers: operatorHeaders });
    expect(res.status).toBe(400);
  });
});
