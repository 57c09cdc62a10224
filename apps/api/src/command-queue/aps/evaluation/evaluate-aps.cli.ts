// `npm run eval:aps [-- --seed N --days N]`: replays a simulated history and prints how the
// learned ranking compares with the static one, day by day. APS_WEIGHTS applies as in the API.
import { parseArgs } from 'node:util';
import { loadApsSettings } from '../load-aps-settings';
import { DEFAULT_EVALUATION, evaluateAps } from './evaluate-aps';
import { formatEvaluation } from './evaluation-report';

const MAX_DAYS = 365;

function main(): void {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: String(DEFAULT_EVALUATION.seed) },
      days: { type: 'string', default: String(DEFAULT_EVALUATION.days) },
    },
  });
  const seed = integerOption('--seed', values.seed, 0, 2 ** 32 - 1);
  const days = integerOption('--days', values.days, 1, MAX_DAYS);
  const settings = loadApsSettings(process.env.APS_WEIGHTS);
  const evaluation = evaluateAps({ seed, days, settings });
  const weights = process.env.APS_WEIGHTS ? 'weights from APS_WEIGHTS' : 'default weights';
  console.log(formatEvaluation(evaluation, { seed, weights }));
}

function integerOption(name: string, raw: string | undefined, min: number, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  return value;
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
