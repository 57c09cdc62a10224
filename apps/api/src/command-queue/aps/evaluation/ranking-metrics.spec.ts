import { dcgAtK, ndcgAtK, precisionAtK } from './ranking-metrics';

describe('ranking metrics', () => {
  it('DCG discounts each gain by log2 of its position plus one', () => {
    // 1/log2(2) + 0/log2(3) + 0.5/log2(4) = 1 + 0 + 0.25
    expect(dcgAtK([1, 0, 0.5], 3)).toBeCloseTo(1.25, 10);
    expect(dcgAtK([1, 0, 0.5], 1)).toBeCloseTo(1, 10);
  });

  it('NDCG divides by the DCG of the best order of the same candidates', () => {
    // ideal [1, 0.5, 0]: 1 + 0.5/log2(3) = 1.315465, so 1.25 / 1.315465
    expect(ndcgAtK([1, 0, 0.5], 3)).toBeCloseTo(0.950234, 6);
    expect(ndcgAtK([0.9, 0.4, 0.1], 3)).toBe(1);
  });

  it('NDCG looks at the first k positions only, and a list shorter than k is judged on what it holds', () => {
    expect(ndcgAtK([0, 1], 1)).toBe(0);
    // (0.2 + 0.4/log2(3)) / (0.4 + 0.2/log2(3))
    expect(ndcgAtK([0.2, 0.4], 10)).toBeCloseTo(0.859719, 6);
  });

  it('NDCG is 1 when no candidate has any gain: no order could do better', () => {
    expect(ndcgAtK([0, 0, 0], 10)).toBe(1);
  });

  it('precision@k is the share of the first k positions that are relevant, over k', () => {
    const ranked = [true, false, true, false];
    expect(precisionAtK(ranked, 1)).toBe(1);
    expect(precisionAtK(ranked, 2)).toBe(0.5);
    expect(precisionAtK(ranked, 4)).toBe(0.5);
    expect(precisionAtK(ranked, 10)).toBe(0.2);
  });
});
