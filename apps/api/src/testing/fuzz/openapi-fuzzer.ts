import fc from 'fast-check';
import { Credentials, materialize, requestArbitrary } from './fuzz-requests';
import { KnownValues } from './known-values';
import { FuzzOperation, OpenApiDocument, operationsOf } from './openapi-document';
import { RawOutcome, RawRequest, sendRaw } from './raw-http';

/**
 * Fuzzes a running API from its own OpenAPI document (`/api/docs-json`): every operation gets
 * the same share of generated requests, valid and hostile, with and without credentials. A 5xx,
 * a connection dropped before a whole answer, or no answer in time is a failure, reported with the
 * request that caused it. Nothing is skipped: an event stream is judged by its head, the rest by
 * their whole answer.
 */
export interface FuzzSettings extends Credentials {
  baseUrl: string;
  /** At least this many requests, spread evenly over the operations. */
  runs: number;
  seed: number;
  /** Per request; generous, so a loaded machine is not mistaken for a hang. */
  timeoutMs?: number;
  onProgress?: (sent: number, planned: number) => void;
}

export interface FuzzFailure {
  operation: string;
  /** Where the request came from: the seed's round and sample, to replay it. */
  origin: string;
  request: RawRequest;
  outcome: string;
  answer: string;
}

export interface FuzzReport {
  seed: number;
  sent: number;
  failures: FuzzFailure[];
  /** Per operation: how many answers of each status (or `dropped`, `timeout`). */
  statuses: Record<string, Record<string, number>>;
}

/** Samples drawn per operation at a time: enough to vary, few enough that operations interleave. */
const BATCH = 10;

export async function fuzzApi(settings: FuzzSettings): Promise<FuzzReport> {
  const { hostname, port } = new URL(settings.baseUrl);
  const timeoutMs = settings.timeoutMs ?? 30_000;
  const operations = operationsOf(await readDocument(settings));
  if (operations.length === 0) throw new Error('The OpenAPI document lists no operations.');
  const known = new KnownValues();
  const report: FuzzReport = { seed: settings.seed, sent: 0, failures: [], statuses: {} };
  const perOperation = Math.ceil(settings.runs / operations.length);
  const planned = operations.length * perOperation + warmUpOperations(operations).length;

  const check = async (operation: FuzzOperation, origin: string, request: RawRequest) => {
    const outcome = await sendRaw(hostname, Number(port), request, timeoutMs);
    report.sent++;
    const label = outcome.kind === 'answered' ? String(outcome.status) : outcome.kind;
    const counts = (report.statuses[operation.name] ??= {});
    counts[label] = (counts[label] ?? 0) + 1;
    const failure = judge(outcome);
    if (failure) report.failures.push({ operation: operation.name, origin, request, ...failure });
    if (outcome.kind === 'answered' && !outcome.streamed && !outcome.headers['content-encoding'] && /json/.test(outcome.headers['content-type'] ?? '')) {
      known.learnFrom(outcome.body.toString('utf8'));
    }
    settings.onProgress?.(report.sent, planned);
  };

  // First a world to aim at: every operation that needs nothing, sent as a client would (the demo
  // seed among them), so later requests can name moves, executions and contacts that exist.
  for (const operation of warmUpOperations(operations)) {
    await check(operation, 'warm-up', { method: operation.method, target: operation.path, headers: [['x-admin-token', settings.operatorToken]] });
  }

  const arbitraries = operations.map((operation) => requestArbitrary(operation, settings));
  for (let round = 0; round * BATCH < perOperation; round++) {
    const count = Math.min(BATCH, perOperation - round * BATCH);
    for (const [index, operation] of operations.entries()) {
      const plans = fc.sample(arbitraries[index], { seed: sampleSeed(settings.seed, round, index), numRuns: count });
      for (const [sample, plan] of plans.entries()) {
        await check(operation, `seed ${settings.seed}, round ${round}, sample ${sample}`, materialize(plan, known));
      }
    }
  }
  return report;
}

async function readDocument(settings: FuzzSettings): Promise<OpenApiDocument> {
  const res = await fetch(`${settings.baseUrl}/api/docs-json`, { headers: { 'x-admin-token': settings.operatorToken } });
  if (!res.ok) throw new Error(`GET /api/docs-json answered ${res.status}`);
  return (await res.json()) as OpenApiDocument;
}

function warmUpOperations(operations: FuzzOperation[]): FuzzOperation[] {
  return operations.filter(
    (operation) => !operation.path.includes('{') && !operation.bodyRequired && operation.parameters.every((parameter) => !parameter.required),
  );
}

function sampleSeed(seed: number, round: number, operation: number): number {
  return (seed + Math.imul(round + 1, 0x9e3779b1) + Math.imul(operation + 1, 0x85ebca77)) | 0;
}

function judge(outcome: RawOutcome): { outcome: string; answer: string } | undefined {
  switch (outcome.kind) {
    case 'answered':
      return outcome.status >= 500 ? { outcome: `answered ${outcome.status}`, answer: outcome.body.subarray(0, 2_000).toString('utf8') } : undefined;
    case 'dropped':
      return { outcome: `connection dropped: ${outcome.reason}`, answer: outcome.received };
    case 'timeout':
      return { outcome: 'no whole answer in time', answer: outcome.received };
  }
}

/** A failure as a person reads it: the request exactly as sent, with escapes for what is invisible. */
export function describeFailure(failure: FuzzFailure, operatorToken: string): string {
  const { request } = failure;
  const secret = (value: string) => value.replaceAll(operatorToken, '<operator token>');
  const body = request.body ? request.body.toString('utf8') : undefined;
  return [
    `${failure.operation}: ${failure.outcome} (${failure.origin})`,
    `  ${request.method} ${truncate(JSON.stringify(request.target).slice(1, -1))}`,
    ...request.headers.map(([name, value]) => `  ${name}: ${truncate(JSON.stringify(secret(value)).slice(1, -1))}`),
    ...(body === undefined ? [] : [`  body (${request.body!.length} bytes): ${truncate(JSON.stringify(body))}`]),
    `  answer: ${truncate(failure.answer)}`,
  ].join('\n');
}

function truncate(text: string, length = 2_000): string {
  return text.length > length ? `${text.slice(0, length)}… (${text.length} characters)` : text;
}

/** The run in a few lines: requests sent, operations and the statuses they answered. */
export function summarize(report: FuzzReport): string {
  const lines = Object.entries(report.statuses)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([operation, counts]) => {
      const byStatus = Object.entries(counts)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([status, count]) => `${status}×${count}`);
      return `  ${operation.padEnd(52)} ${byStatus.join(' ')}`;
    });
  return [`${report.sent} requests over ${lines.length} operations (seed ${report.seed}), ${report.failures.length} failures`, ...lines].join('\n');
}
