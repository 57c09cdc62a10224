import { CalendarStore } from './calendar-store';
import type { CrmContact, CrmDeal } from './crm-records';
import { CrmStore } from './crm-store';
import { OPEN_STAGE_IDS, PIPELINE_ID, PIPELINE_STAGES } from './deal-pipeline';
import { GmailMailbox } from './gmail-mailbox';
import { plainText } from './mime-message';
import { quote, receiveReply, replySubject, sendFromUs } from './mail-actions';
import { scheduleMeeting } from './meeting-actions';
import type { SandboxClock } from './sandbox-clock';
import type { SandboxWorld } from './sandbox-world';
import {
  COMPANIES,
  DEAL_PRODUCTS,
  FIRST_NAMES,
  JOB_TITLES,
  LAST_NAMES,
  LIFECYCLE_STAGES,
  OUR_ACCOUNT,
  OUTBOUND_OPENERS,
  OWNERS,
  REPLY_LINES,
} from './seed-catalog';
import { SeededRandom } from './seeded-random';

const DAY = 86_400_000;
const CONTACT_COUNT = 40;
const DEAL_COUNT = 15;

export interface SeedOptions {
  seed: number;
  clock: SandboxClock;
  /** The new mailbox's history starts above this, so cursors from an earlier world are stale. */
  minHistoryId: number;
  gmailHistoryRetention: () => number;
}

/** Builds the company world: the same seed gives the same people, deals, mail and meetings. */
export function seedWorld(options: SeedOptions): SandboxWorld {
  const random = new SeededRandom(options.seed);
  const now = options.clock.now();
  const initialHistoryId = Math.max(100_000 + random.int(0, 50_000), options.minHistoryId + 1_000);
  const world: SandboxWorld = {
    seed: options.seed,
    random,
    clock: options.clock,
    account: { name: OUR_ACCOUNT.name, email: OUR_ACCOUNT.email, alias: OUR_ACCOUNT.alias },
    crm: new CrmStore(),
    mailbox: new GmailMailbox(initialHistoryId, 0x18f3c00000000000n + BigInt(random.int(0, 0xfffff)) * 0x100000n, options.gmailHistoryRetention),
    calendar: new CalendarStore(OUR_ACCOUNT.email, `${options.seed}-${now}`, random),
  };
  seedCrm(world, now);
  seedMail(world, now);
  seedMeetings(world, now);
  return world;
}

function seedCrm(world: SandboxWorld, now: number): void {
  const { crm, random } = world;
  const owners = OWNERS.map((o) => crm.addOwner(o));
  const companies = COMPANIES.map((c) => crm.addCompany(c));
  const names = new Set<string>();
  for (let i = 0; i < CONTACT_COUNT; i++) {
    // Every company gets three contacts, the remainder land on the first few.
    const company = companies[i % companies.length];
    let first: string, last: string;
    do {
      first = random.pick(FIRST_NAMES);
      last = random.pick(LAST_NAMES);
    } while (names.has(`${first} ${last}`));
    names.add(`${first} ${last}`);
    const createdAt = now - random.int(20, 200) * DAY;
    crm.addContact({
      firstName: first,
      lastName: last,
      email: `${first}.${last}@${company.domain}`.toLowerCase(),
      jobTitle: random.pick(JOB_TITLES),
      lifecycleStage: random.pick(LIFECYCLE_STAGES),
      companyId: company.id,
      ownerId: random.pick(owners).id,
      createdAt,
      updatedAt: createdAt + random.int(0, 15) * DAY,
    });
  }
  for (let i = 0; i < DEAL_COUNT; i++) {
    const company = companies[i % companies.length];
    const stage = PIPELINE_STAGES[i % PIPELINE_STAGES.length];
    const createdAt = now - random.int(15, 120) * DAY;
    const updatedAt = Math.min(now - random.int(1, 12) * DAY + random.int(0, DAY), now - 60_000);
    crm.addDeal({
      name: `${company.name} – ${random.pick(DEAL_PRODUCTS)}`,
      amount: random.int(10, 500) * 500,
      stageId: stage.id,
      pipelineId: PIPELINE_ID,
      closeDate: stage.isClosed ? updatedAt : now + random.int(10, 90) * DAY,
      ownerId: random.pick(owners).id,
      companyId: company.id,
      contactIds: random.sample(crm.contactsOfCompany(company.id), random.int(1, 3)).map((c) => c.id),
      createdAt,
      updatedAt,
    });
  }
}

function primaryContact(world: SandboxWorld, deal: CrmDeal): CrmContact {
  const contact = world.crm.contacts.get(deal.contactIds[0]);
  if (!contact) throw new Error(`deal ${deal.id} has no contact`);
  return contact;
}

/** One outbound thread per open deal; some with a Cc or a Bcc, about half answered. */
function seedMail(world: SandboxWorld, now: number): void {
  const { crm, random } = world;
  const openDeals = [...crm.deals.values()].filter((d) => OPEN_STAGE_IDS.includes(d.stageId));
  openDeals.forEach((deal, index) => {
    const contact = primaryContact(world, deal);
    const colleagues = crm.contactsOfCompany(deal.companyId).filter((c) => c.id !== contact.id);
    const extra = colleagues[0];
    const sentAt = now - random.int(3, 14) * DAY + random.int(0, DAY);
    const subject = `${deal.name.split(' – ')[1]} for ${crm.companies.get(deal.companyId)?.name}`;
    const firstMessage = sendFromUs(world, {
      to: [{ name: `${contact.firstName} ${contact.lastName}`, email: contact.email }],
      cc: index % 3 === 1 && extra ? [{ name: `${extra.firstName} ${extra.lastName}`, email: extra.email }] : undefined,
      bcc: index % 3 === 2 && extra ? [{ name: `${extra.firstName} ${extra.lastName}`, email: extra.email }] : undefined,
      subject,
      text: `Hi ${contact.firstName},\n\n${random.pick(OUTBOUND_OPENERS)}\n\nBest,\n${world.account.name}`,
      at: sentAt,
      seeded: true,
    });
    if (index % 2 === 0) {
      receiveReply(world, {
        from: { name: `${contact.firstName} ${contact.lastName}`, email: contact.email },
        subject: replySubject(subject),
        text: `${random.pick(REPLY_LINES)}\n\n${contact.firstName}${quote(firstMessage, plainText(firstMessage.payload), world.account.name)}`,
        inReplyTo: firstMessage,
        at: sentAt + random.int(1, 40) * 3_600_000,
        seeded: true,
      });
    }
  });
}

/** Two meetings last week, four in the next two weeks, each with a deal's contacts. */
function seedMeetings(world: SandboxWorld, now: number): void {
  const deals = world.random.sample([...world.crm.deals.values()], 6);
  deals.forEach((deal, index) => {
    const dayOffset = index < 2 ? -world.random.int(1, 6) : world.random.int(1, 14);
    scheduleMeeting(world, deal, now + dayOffset * DAY, { at: now, seeded: true });
  });
}
