import { ACTION_TYPES, ACTION_TYPES_BY_DOMAIN, ActionType, Domain } from '@caseyos/contracts';
import { DAY_MS, HOUR_MS } from '../../../platform/clock/clock';
import type { ScoreInputs } from '../score-inputs';
import { SeededRandom } from './seeded-random';

/** Outcome of an executed move as the outcomes module will count it for the contact. */
export type OutcomeKind = 'success' | 'negative_reply' | 'no_response';

export interface SimulatedContact {
  email: string;
  domain: Domain;
  firmographics: NonNullable<ScoreInputs['firmographics']>;
  /** Hidden: chance that a move of each of the domain's action types succeeds with this contact. */
  propensity: Partial<Record<ActionType, number>>;
}

export interface SimulatedMove {
  /** Zero-padded so that ordering by id is ordering by arrival. */
  id: string;
  domain: Domain;
  actionType: ActionType;
  contactEmail: string;
  inputs: ScoreInputs;
  arrivedAt: number;
  /** Hidden: chance that executing this move succeeds; never shown to the ranker. */
  propensity: number;
  /**
   * Hidden: the uniform draw that decides the outcome if the move is executed, fixed at
   * arrival so that every ranking replayed on this history meets the same luck.
   */
  fate: number;
}

export interface SimulatedOutcome {
  kind: OutcomeKind;
  detectedAt: number;
}

export const CONTACT_COUNT = 300;
export const ARRIVALS_PER_DAY = 40;
const CONTACT_DOMAIN_SHARES: [Domain, number][] = [
  ['sales', 0.45],
  ['marketing', 0.2],
  ['cs', 0.35],
];
/** Action types differ: each one's mean chance of success is drawn from this range (the prior's mean is 0.2). */
const TYPE_MEAN_RANGE = { min: 0.06, max: 0.6 };
/** Log-odds spread between contacts (shared by their action types) and per contact and action type. */
const CONTACT_SPREAD = 0.8;
const CONTACT_TYPE_SPREAD = 0.4;
/** A strong signal makes success likelier, so the static score is not blind to the truth. */
const INTENT_LOG_ODDS = 1.5;
/** A failed move is a negative reply this often, otherwise nobody answers. */
const NEGATIVE_SHARE = 0.25;
/** Replies are detected the next day; "no response" only once the sweep has waited three days. */
const DETECTION_DELAY_DAYS: Record<OutcomeKind, number> = { success: 1, negative_reply: 1, no_response: 3 };

const INDUSTRIES = ['software', 'saas', 'fintech', 'ecommerce', 'marketplace', 'retail', 'healthcare', 'manufacturing', 'education'];
const SENIORITIES = ['founder', 'c-level', 'vp', 'head', 'director', 'manager', 'individual contributor'];
const DEAL_STAGES = ['Discovery', 'Demo', 'Proposal', 'Negotiation'];
const SIGNAL_LABELS: Record<Domain, string[]> = {
  sales: ['Demo request', 'Pricing page visit', 'Form submission', 'Reply received'],
  marketing: ['Content engagement', 'Webinar signup', 'Newsletter click'],
  cs: ['Usage drop', 'Support ticket', 'Expansion interest'],
};

/**
 * A generated go-to-market history: contacts with a hidden propensity to respond per action
 * type, the candidate moves that arrive each day, and the outcome of any move executed.
 * Contacts and arrivals draw from separate streams, and each outcome is fixed when its move
 * arrives, so replays of one seed offer the same moves and the same outcomes to any ranker.
 */
export class SimulatedHistory {
  readonly contacts: SimulatedContact[];
  /** Hidden mean chance of success per action type. */
  readonly typeMeans: Record<ActionType, number>;
  private readonly arrivalRandom: SeededRandom;
  private nextId = 1;

  constructor(seed: number) {
    const random = new SeededRandom(seed, 0);
    this.arrivalRandom = new SeededRandom(seed, 1);
    this.typeMeans = Object.fromEntries(ACTION_TYPES.map((actionType) => [actionType, random.between(TYPE_MEAN_RANGE.min, TYPE_MEAN_RANGE.max)])) as Record<
      ActionType,
      number
    >;
    this.contacts = Array.from({ length: CONTACT_COUNT }, (_, index) => this.createContact(random, index));
  }

  /** The moves that arrive in [from, to), in arrival order. */
  arrivals(from: number, to: number): SimulatedMove[] {
    const random = this.arrivalRandom;
    const times = Array.from({ length: ARRIVALS_PER_DAY }, () => random.between(from, to)).sort((a, b) => a - b);
    return times.map((arrivedAt) => {
      const contact = random.pick(this.contacts);
      const actionType = random.pick(ACTION_TYPES_BY_DOMAIN[contact.domain]);
      const inputs = { ...inputsFor(contact.domain, actionType, arrivedAt, random), firmographics: contact.firmographics };
      const signalLogOdds = typeof inputs.intent === 'number' ? INTENT_LOG_ODDS * (inputs.intent - 0.5) : 0;
      return {
        id: `move-${String(this.nextId++).padStart(6, '0')}`,
        domain: contact.domain,
        actionType,
        contactEmail: contact.email,
        inputs,
        arrivedAt,
        propensity: sigmoid(logit(contact.propensity[actionType] ?? 0) + signalLogOdds),
        fate: random.next(),
      };
    });
  }

  private createContact(random: SeededRandom, index: number): SimulatedContact {
    const domain = pickWeighted(random, CONTACT_DOMAIN_SHARES);
    const bias = CONTACT_SPREAD * random.normal();
    const propensity = Object.fromEntries(
      ACTION_TYPES_BY_DOMAIN[domain].map((actionType) => [
        actionType,
        sigmoid(logit(this.typeMeans[actionType]) + bias + CONTACT_TYPE_SPREAD * random.normal()),
      ]),
    );
    return {
      email: `contact-${String(index + 1).padStart(3, '0')}@${domain}.example`,
      domain,
      firmographics: {
        employees: random.chance(0.9) ? Math.round(random.logBetween(3, 8000)) : null,
        industry: random.chance(0.9) ? random.pick(INDUSTRIES) : null,
        seniority: random.chance(0.85) ? random.pick(SENIORITIES) : null,
      },
      propensity,
    };
  }
}

/** What happens once the move is executed at `executedAt`: success with its hidden propensity. */
export function outcomeOf(move: SimulatedMove, executedAt: number): SimulatedOutcome {
  const failureDraw = (move.fate - move.propensity) / (1 - move.propensity);
  const kind: OutcomeKind = move.fate < move.propensity ? 'success' : failureDraw < NEGATIVE_SHARE ? 'negative_reply' : 'no_response';
  return { kind, detectedAt: executedAt + DETECTION_DELAY_DAYS[kind] * DAY_MS };
}

/** What the move knows when it is scored; every time is relative to its arrival. */
function inputsFor(domain: Domain, actionType: ActionType, arrivedAt: number, random: SeededRandom): ScoreInputs {
  const at = (offsetMs: number) => new Date(arrivedAt + offsetMs).toISOString();
  const signal = (probability: number, intent: { min: number; max: number }): ScoreInputs =>
    random.chance(probability)
      ? {
          signal_at: at(-random.between(0, 12) * HOUR_MS),
          signal_label: random.pick(SIGNAL_LABELS[domain]),
          intent: round2(random.between(intent.min, intent.max)),
        }
      : {};
  switch (domain) {
    case 'sales':
      return {
        amount_usd: random.chance(0.7) ? roundTo(random.logBetween(3_000, 250_000), 500) : null,
        deal_stage: random.pick(DEAL_STAGES),
        due_at: actionType === 'send_email' ? null : at(random.between(0.5, 5) * DAY_MS),
        ...signal(0.9, { min: 0.3, max: 0.95 }),
      };
    case 'marketing':
      return {
        amount_usd: random.chance(0.3) ? roundTo(random.logBetween(1_000, 40_000), 500) : null,
        due_at: random.chance(0.7) ? at(random.between(1, 10) * DAY_MS) : null,
        ...signal(0.6, { min: 0.1, max: 0.7 }),
      };
    case 'cs':
      return {
        amount_usd: roundTo(random.logBetween(8_000, 300_000), 1_000),
        renewal_at: at(random.between(5, 200) * DAY_MS),
        last_touch_at: at(-random.between(3, 90) * DAY_MS),
        account_risk: random.integer(0, 90),
        due_at: actionType === 'onboarding_follow_up' ? at(random.between(1, 7) * DAY_MS) : null,
        ...signal(0.4, { min: 0.2, max: 0.8 }),
      };
  }
}

function pickWeighted<T>(random: SeededRandom, shares: [T, number][]): T {
  let draw = random.next() * shares.reduce((sum, [, share]) => sum + share, 0);
  for (const [value, share] of shares) {
    draw -= share;
    if (draw < 0) return value;
  }
  return shares[shares.length - 1][0];
}

const logit = (p: number) => Math.log(p / (1 - p));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const round2 = (value: number) => Math.round(value * 100) / 100;
const roundTo = (value: number, step: number) => Math.max(step, Math.round(value / step) * step);
