import { TEST_ADMIN_TOKEN } from './test-app';

/** A metric name and the labels its series must carry (other labels may vary; they are summed over). */
export type Series = readonly [name: string, labels?: Readonly<Record<string, string>>];

const SAMPLE = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /(\w+)="((?:[^"\\]|\\.)*)"/g;

/**
 * Runs `work` and tells how much each series of the app's /metrics grew meanwhile. Tests assert
 * on the growth, so counts left by earlier tests in the same app can neither make them pass nor fail.
 */
export async function metricGrowth<K extends string, T>(
  baseUrl: string,
  series: Record<K, Series>,
  work: () => Promise<T>,
): Promise<{ growth: Record<K, number>; result: T }> {
  const before = await scrape(baseUrl);
  const result = await work();
  const after = await scrape(baseUrl);
  const entries = Object.entries<Series>(series).map(([key, [name, labels]]) => [key, valueOf(after, name, labels) - valueOf(before, name, labels)]);
  return { growth: Object.fromEntries(entries) as Record<K, number>, result };
}

async function scrape(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
  if (!res.ok) throw new Error(`/metrics answered ${res.status}`);
  return res.text();
}

/** The sum of the series carrying `labels`; 0 while none exists. */
function valueOf(exposition: string, name: string, labels: Readonly<Record<string, string>> = {}): number {
  let sum = 0;
  for (const line of exposition.split('\n')) {
    const sample = SAMPLE.exec(line);
    if (!sample || sample[1] !== name) continue;
    const carried = new Map([...(sample[2] ?? '').matchAll(LABEL)].map(([, key, value]) => [key, value]));
    if (Object.entries(labels).every(([key, value]) => carried.get(key) === value)) sum += Number(sample[3]);
  }
  return sum;
}
