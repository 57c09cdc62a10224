import type { HubSpotDeal, HubSpotPipeline } from '../../connectors/hubspot/hubspot-records';

export interface DealChange {
  kind: 'deal_created' | 'deal_advanced' | 'deal_regressed';
  fromStage: string | null;
  toStage: string | null;
  /** The deal reached a closed stage with probability 1: its company is now a customer. */
  won: boolean;
  /** The deal reached a closed stage with probability 0. */
  lost: boolean;
}

/**
 * What happened to a deal since we last saw it: new, moved forward or back along its pipeline's
 * display order, or nothing that matters (same stage, or a stage we cannot place).
 */
export function dealChange(deal: HubSpotDeal, previousStageId: string | null | undefined, pipelines: HubSpotPipeline[]): DealChange | null {
  const stages = pipelines.find((pipeline) => pipeline.id === deal.pipelineId)?.stages ?? [];
  const label = (id: string | null | undefined) => stages.find((stage) => stage.id === id)?.label ?? id ?? null;
  const closedWith = (id: string | null | undefined, probability: number) => {
    const stage = stages.find((candidate) => candidate.id === id);
    return Boolean(stage?.isClosed && stage.probability === probability);
  };
  if (previousStageId === undefined) {
    return { kind: 'deal_created', fromStage: null, toStage: label(deal.stageId), won: closedWith(deal.stageId, 1), lost: closedWith(deal.stageId, 0) };
  }
  if (previousStageId === deal.stageId) return null;
  const from = stages.find((stage) => stage.id === previousStageId);
  const to = stages.find((stage) => stage.id === deal.stageId);
  if (!from || !to) return null;
  // A win is progress from anywhere (even from closed-lost); closed-lost sits late in display
  // order but is not progress.
  const wonNow = closedWith(to.id, 1);
  const lost = closedWith(to.id, 0);
  const kind = wonNow || (!lost && to.displayOrder > from.displayOrder) ? 'deal_advanced' : 'deal_regressed';
  return { kind, fromStage: from.label, toStage: to.label, won: wonNow, lost };
}
