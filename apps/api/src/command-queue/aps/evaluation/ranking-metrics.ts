/**
 * Ranking quality of one ordered list. Gains are graded relevance (here: a move's hidden
 * chance of success); "relevant" is the binary version used by precision.
 */

/** Discounted cumulative gain of the first k positions: Σ gain / log2(position + 1), positions from 1. */
export function dcgAtK(gains: readonly number[], k: number): number {
  return gains.slice(0, k).reduce((sum, gain, index) => sum + gain / Math.log2(index + 2), 0);
}

/**
 * DCG of the ranking over the DCG of the best order of the same candidates, in [0, 1].
 * When no candidate has any gain every order is ideal, hence 1.
 */
export function ndcgAtK(rankedGains: readonly number[], k: number): number {
  const ideal = dcgAtK(
    [...rankedGains].sort((a, b) => b - a),
    k,
  );
  return ideal === 0 ? 1 : dcgAtK(rankedGains, k) / ideal;
}

/** Share of the first k positions holding a relevant candidate (divided by k, as usual). */
export function precisionAtK(rankedRelevant: readonly boolean[], k: number): number {
  return rankedRelevant.slice(0, k).filter(Boolean).length / k;
}
