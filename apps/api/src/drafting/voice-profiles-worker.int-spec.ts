import type { INestApplicationContext } from '@nestjs/common';
import { createWorkerApp } from '../create-app';
import { loadConfig } from '../platform/config/load-config';
import { SEEDED_VOICE_PROFILE_ID } from '../platform/database/migrations/1764350000000-voice-profiles';
import { TEST_ADMIN_TOKEN, TestApp, eventually, operatorHeaders, startTestApp } from '../testing/test-app';
import { DraftingService } from './drafting.service';
import { sampleMove } from './voice-profiles/sample-move';

/** Well under the cache's 10 s lifetime: a worker that saw the change this soon heard the bus event. */
const SOONER_THAN_THE_TTL_MS = 3_000;

describe('a worker process drafts with a voice profile changed through the API at once (the bus event, not the TTL)', () => {
  let api: TestApp;
  let worker: INestApplicationContext | undefined;
  const setDefaultGreeting = async (greeting: string) => {
    const answer = await fetch(`${api.baseUrl}/api/voice-profiles/${SEEDED_VOICE_PROFILE_ID}`, {
      method: 'PATCH',
      headers: { ...operatorHeaders, 'content-type': 'application/json' },
      body: JSON.stringify({ is_default: true, domain: null, greeting }),
    });
    expect(answer.status).toBe(200);
  };
  const workerDraftsFirstLine = async () => {
    const now = new Date();
    const { draft } = await worker!.get(DraftingService).write('email', {
      move: sampleMove(now).move,
      sender: { name: 'Casey Jones', email: 'casey@caseyos.example.com' },
      account: null,
      now,
      timeZone: 'UTC',
    });
    return draft.text.split('\n')[0];
  };

  beforeAll(async () => {
    api = await startTestApp({ ROLE: 'api' });
    await setDefaultGreeting('Hi {first_name},');
    worker = await createWorkerApp(loadConfig({ ...process.env, ROLE: 'worker', NODE_ENV: 'test', ADMIN_TOKEN: TEST_ADMIN_TOKEN, LOG_LEVEL: 'silent' }));
  });
  afterAll(async () => {
    await setDefaultGreeting('Hi {first_name},');
    await worker?.close();
    await api.close();
  });

  it('drops its cached profiles when the api publishes the change', async () => {
    expect(await workerDraftsFirstLine()).toBe('Hi Dana,'); // cached in the worker from here on
    await setDefaultGreeting('Hello {first_name},');
    await eventually(async () => expect(await workerDraftsFirstLine()).toBe('Hello Dana,'), SOONER_THAN_THE_TTL_MS, 50);
  });
});
