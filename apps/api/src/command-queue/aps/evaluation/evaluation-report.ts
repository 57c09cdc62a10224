import { Evaluation, PeriodSummary, RELEVANT_PROPENSITY, TOP_K } from './evaluate-aps';
import { ARRIVALS_PER_DAY, CONTACT_COUNT } from './simulated-history';

/** The day-by-day table and the summary `npm run eval:aps` prints. */
export function formatEvaluation(evaluation: Evaluation, run: { seed: number; weights: string }): string {
  const header = [
    `APS evaluation: seed ${run.seed}, ${evaluation.days.length} days, ${CONTACT_COUNT} contacts, ` +
      `${ARRIVALS_PER_DAY} new moves a day, top ${TOP_K} executed each morning, ${run.weights}`,
    `Relevance: each move's hidden chance of success; precision counts a move with a chance >= ${RELEVANT_PROPENSITY}.`,
    `"learned" scores with the outcome history so far, "static" with none; each executes its own top ${TOP_K}.`,
    '',
    row(['day', 'morning (UTC)', 'queue L/S', `NDCG@${TOP_K} L`, 'S', `P@${TOP_K} L`, 'S', 'successes L', 'S']),
  ];
  const days = evaluation.days.map((day) =>
    row([
      String(day.day),
      day.rankedAt.slice(0, 16).replace('T', ' '),
      `${day.learned.candidates}/${day.static.candidates}`,
      day.learned.ndcg.toFixed(3),
      day.static.ndcg.toFixed(3),
      day.learned.precision.toFixed(2),
      day.static.precision.toFixed(2),
      String(day.learned.successes),
      String(day.static.successes),
    ]),
  );
  const periods = [evaluation.overall, evaluation.afterWarmUp].filter((period): period is PeriodSummary => period !== null);
  const summary = [
    '',
    `Summary (mean per day; successes summed)`,
    row(['days', '', '', `NDCG@${TOP_K} L`, 'S', `P@${TOP_K} L`, 'S', 'successes L', 'S']),
    ...periods.map((period) =>
      row([
        `${period.fromDay}-${period.toDay}`,
        '',
        '',
        period.learned.ndcg.toFixed(3),
        period.static.ndcg.toFixed(3),
        period.learned.precision.toFixed(3),
        period.static.precision.toFixed(3),
        String(period.learned.successes),
        String(period.static.successes),
      ]),
    ),
  ];
  return [...header, ...days, ...summary].join('\n');
}

const COLUMN_WIDTHS = [6, 17, 10, 10, 7, 7, 7, 12, 6];

function row(cells: string[]): string {
  return cells.map((cell, index) => (index === 0 || index === 1 ? cell.padEnd(COLUMN_WIDTHS[index]) : cell.padStart(COLUMN_WIDTHS[index]))).join(' ');
}
