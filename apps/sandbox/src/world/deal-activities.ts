import { type ActivityKind, type ActivityRunner, DAY, type GeneratedActivity, pickDeal } from './activity-kinds';
import type { CrmDeal } from './crm-records';
import { OPEN_STAGE_IDS, PIPELINE_ID, findStage } from './deal-pipeline';
import type { SandboxWorld } from './sandbox-world';
import { DEAL_PRODUCTS } from './seed-catalog';

/** Stage moves (forward, sometimes closing; backward) and new deals. */
export const DEAL_ACTIVITIES: Record<'deal_stage_forward' | 'deal_stage_backward' | 'deal_won' | 'deal_created', ActivityRunner> = {
  deal_stage_forward: (world, at) => {
    const deal = pickDeal(world, (d) => OPEN_STAGE_IDS.includes(d.stageId));
    if (!deal) return 'no open deal';
    const index = OPEN_STAGE_IDS.indexOf(deal.stageId);
    const toStage = index === OPEN_STAGE_IDS.length - 1 ? (world.random.chance(0.75) ? 'closedwon' : 'closedlost') : OPEN_STAGE_IDS[index + 1];
    return moveDeal(world, deal, toStage, at, 'deal_stage_forward');
  },

  deal_stage_backward: (world, at) => {
    const deal = pickDeal(world, (d) => OPEN_STAGE_IDS.indexOf(d.stageId) > 0);
    if (!deal) return 'no deal past the first stage';
    return moveDeal(world, deal, OPEN_STAGE_IDS[OPEN_STAGE_IDS.indexOf(deal.stageId) - 1], at, 'deal_stage_backward');
  },

  deal_won: (world, at) => {
    const deal = pickDeal(world, (d) => OPEN_STAGE_IDS.includes(d.stageId));
    if (!deal) return 'no open deal';
    return moveDeal(world, deal, 'closedwon', at, 'deal_won');
  },

  deal_created: (world, at) => {
    const company = world.random.pick([...world.crm.companies.values()]);
    const contacts = world.random.sample(world.crm.contactsOfCompany(company.id), world.random.int(1, 2));
    const deal = world.crm.addDeal({
      name: `${company.name} – ${world.random.pick(DEAL_PRODUCTS)}`,
      amount: world.random.int(10, 500) * 500,
      stageId: OPEN_STAGE_IDS[0],
      pipelineId: PIPELINE_ID,
      closeDate: at + world.random.int(30, 90) * DAY,
      ownerId: world.random.pick([...world.crm.owners.keys()]),
      companyId: company.id,
      contactIds: contacts.map((c) => c.id),
      createdAt: at,
      updatedAt: at,
    });
    return { kind: 'deal_created', dealId: deal.id, toStage: deal.stageId };
  },
};

function moveDeal(world: SandboxWorld, deal: CrmDeal, toStage: string, at: number, kind: ActivityKind): GeneratedActivity {
  const fromStage = deal.stageId;
  world.crm.moveDeal(deal, toStage, at);
  if (findStage(toStage)?.isClosed) deal.closeDate = at;
  return { kind, dealId: deal.id, fromStage, toStage };
}
