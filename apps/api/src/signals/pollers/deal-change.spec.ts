import type { HubSpotDeal, HubSpotPipeline } from '../../connectors/hubspot/hubspot-records';
import { dealChange } from './deal-change';

const pipelines: HubSpotPipeline[] = [
  {
    id: 'default',
    label: 'Sales',
    stages: [
      { id: 'qualified', label: 'Qualified', displayOrder: 1, probability: 0.2, isClosed: false },
      { id: 'proposal', label: 'Proposal Sent', displayOrder: 2, probability: 0.5, isClosed: false },
      { id: 'won', label: 'Closed Won', displayOrder: 3, probability: 1, isClosed: true },
      { id: 'lost', label: 'Closed Lost', displayOrder: 4, probability: 0, isClosed: true },
    ],
  },
];
const deal = (stageId: string): HubSpotDeal => ({
  id: 'd1',
  name: 'Acme',
  pipelineId: 'default',
  stageId,
  amount: 1000,
  closeDate: null,
  ownerId: null,
  createdAt: null,
  modifiedAt: '2026-11-26T12:00:00Z',
});

describe('dealChange', () => {
  it('a deal never seen is new', () =>
    expect(dealChange(deal('qualified'), undefined, pipelines)).toEqual({
      kind: 'deal_created',
      fromStage: null,
      toStage: 'Qualified',
      won: false,
      lost: false,
    }));
  it('a later stage is progress', () =>
    expect(dealChange(deal('proposal'), 'qualified', pipelines)).toEqual({
      kind: 'deal_advanced',
      fromStage: 'Qualified',
      toStage: 'Proposal Sent',
      won: false,
      lost: false,
    }));
  it('a closed stage with probability 1 is a win', () => {
    expect(dealChange(deal('won'), 'proposal', pipelines)).toEqual({
      kind: 'deal_advanced',
      fromStage: 'Proposal Sent',
      toStage: 'Closed Won',
      won: true,
      lost: false,
    });
    expect(dealChange(deal('won'), undefined, pipelines)?.won).toBe(true);
    expect(dealChange(deal('lost'), 'proposal', pipelines)?.won).toBe(false);
    // Reopened from closed-lost and won after all: progress, though lost sorts after won.
    expect(dealChange(deal('won'), 'lost', pipelines)).toMatchObject({ kind: 'deal_advanced', won: true });
  });
  it('an earlier stage is a regression', () => expect(dealChange(deal('qualified'), 'proposal', pipelines)?.kind).toBe('deal_regressed'));
  it('closed lost is a regression though it sorts last, and says lost', () =>
    expect(dealChange(deal('lost'), 'proposal', pipelines)).toMatchObject({ kind: 'deal_regressed', won: false, lost: true }));
  it('the same stage, or one we cannot place, is nothing', () => {
    expect(dealChange(deal('proposal'), 'proposal', pipelines)).toBeNull();
    expect(dealChange(deal('proposal'), 'mystery', pipelines)).toBeNull();
  });
});
