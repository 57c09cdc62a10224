import { BeatResponse, SCHEDULED_JOBS, ScheduledJobBeat } from '@caseyos/contracts';
import { TEST_ADMIN_TOKEN, TestApp, operatorHeaders, startTestApp } from '../../testing/test-app';
import { JobBeatsService } from '../queues/job-beats.service';

const ERROR_TEXT = 'HubSpot refused the token of ops@acme.example';

describe('/health/beat: public states and times, error text for the operator', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await expect(t.app.get(JobBeatsService).track(SCHEDULED_JOBS.heartbeat, () => Promise.reject(new Error(ERROR_TEXT)))).rejects.toThrow(ERROR_TEXT);
  });
  afterAll(() => t.close());

  async function beat(headers: Record<string, string> = {}): Promise<{ text: string; heartbeat: ScheduledJobBeat }> {
    const res = await fetch(`${t.baseUrl}/health/beat`, { headers });
    expect(res.status).toBe(200);
    const text = await res.text();
    const jobs = (JSON.parse(text) as { jobs: ScheduledJobBeat[] }).jobs;
    return { text, heartbeat: jobs.find((job) => job.name === SCHEDULED_JOBS.heartbeat)! };
  }

  it('shows anyone when each job failed, but not what it said', async () => {
    const strangers: Record<string, string>[] = [{}, { 'x-admin-token': 'not-the-token' }, { cookie: 'caseyos_session=forged' }];
    for (const headers of strangers) {
      const { text, heartbeat } = await beat(headers);
      expect(heartbeat.last_error_at).not.toBeNull();
      expect(heartbeat).not.toHaveProperty('last_error');
      expect(text).not.toContain('HubSpot refused');
      const { processes } = JSON.parse(text) as BeatResponse;
      expect(processes.length).toBeGreaterThan(0);
      for (const process of processes) {
        expect(process).not.toHaveProperty('id');
        expect(process).not.toHaveProperty('version');
        expect(['api', 'worker', 'all']).toContain(process.role);
      }
    }
  });

  it('shows the error text and which processes run to the operator token', async () => {
    const { text, heartbeat } = await beat(operatorHeaders);
    expect(heartbeat.last_error).toBe(ERROR_TEXT);
    const { processes } = JSON.parse(text) as BeatResponse;
    expect(processes.length).toBeGreaterThan(0);
    // Other test processes may have beaten into the same database; this one is among them.
    expect(processes.some((listed) => listed.id?.includes(`:${process.pid}:`))).toBe(true);
    for (const listed of processes) expect(listed.version).toEqual(expect.any(String));
  });

  it('shows the error text to a dashboard session', async () => {
    const signIn = await fetch(`${t.baseUrl}/api/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: TEST_ADMIN_TOKEN }),
    });
    expect(signIn.status).toBe(201);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
    expect((await beat({ cookie })).heartbeat.last_error).toBe(ERROR_TEXT);
  });
});
