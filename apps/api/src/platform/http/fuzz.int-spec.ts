import { ConnectedTestApp, startConnectedTestApp } from '../../testing/connected-test-app';
import { dropDatabase, recreateDatabase, siblingDatabaseUrl } from '../../testing/fuzz/fuzz-database';
import { describeFailure, fuzzApi } from '../../testing/fuzz/openapi-fuzzer';
import { TEST_ADMIN_TOKEN } from '../../testing/test-app';

/** The short pass CI runs; `npm run fuzz` runs the same fuzzer for 10,000 requests and more. */
const RUNS = 400;

describe('the API answers whatever its own OpenAPI document lets a client send, never with a 5xx', () => {
  const databaseUrl = siblingDatabaseUrl(process.env.DATABASE_URL!, 'fuzz');
  let t: ConnectedTestApp;
  beforeAll(async () => {
    await recreateDatabase(databaseUrl);
    t = await startConnectedTestApp({ DATABASE_URL: databaseUrl });
  });
  afterAll(async () => {
    await t?.close();
    await dropDatabase(databaseUrl);
  });

  it(`${RUNS} generated requests (FUZZ_SEED=n replays a run): no 5xx, no dropped connection, no hang`, async () => {
    const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
    const report = await fuzzApi({ baseUrl: t.baseUrl, operatorToken: TEST_ADMIN_TOKEN, runs: RUNS, seed });

    expect(report.failures.map((failure) => describeFailure(failure, TEST_ADMIN_TOKEN))).toEqual([]);
    // It fuzzed the whole document, and got both past the checks and refused by them.
    const document = (await (await fetch(`${t.baseUrl}/api/docs-json`, { headers: { 'x-admin-token': TEST_ADMIN_TOKEN } })).json()) as {
      paths: Record<string, object>;
    };
    const operations = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    expect(Object.keys(report.statuses).sort()).toEqual(operations.sort());
    expect(report.sent).toBeGreaterThanOrEqual(RUNS);
    const answered = Object.values(report.statuses).flatMap((counts) => Object.keys(counts));
    expect(answered).toEqual(expect.arrayContaining(['200', '400', '401', '404']));
  });
});
