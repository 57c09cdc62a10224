import type { CommandQueueMove } from '@caseyos/contracts';

export type RiskLevel = 'low' | 'medium' | 'high';

/** Account facts a CS draft may quote (from the account health model). */
export interface DraftAccount {
  isCustomer: boolean;
  renewalAt: string | null;
  arrUsd: number | null;
  riskLevel: RiskLevel | null;
  riskParts: { factor: string; detail: string }[];
}

export type LengthPreference = 'short' | 'medium' | 'long';

/** How the founder writes: what the template writer applies and the checks hold every draft to. */
export interface Voice {
  /** `{first_name}` and `{name}` are filled ("there" when unknown). */
  greeting: string;
  /** The line above the sender's name. */
  signOff: string;
  length: LengthPreference;
  phrasesToUse: string[];
  phrasesToAvoid: string[];
}

/** Today's wording: a fresh install drafts exactly as before voice profiles existed. */
export const DEFAULT_VOICE: Voice = { greeting: 'Hi {first_name},', signOff: 'Best,', length: 'medium', phrasesToUse: [], phrasesToAvoid: [] };

/** Everything a draft template may read: rendering is pure, so the caller supplies the clock and zone. */
export interface DraftContext {
  move: CommandQueueMove;
  /** The operator's send-as identity. */
  sender: { name: string; email: string };
  /** Account facts for CS moves, when known. */
  account?: DraftAccount | null;
  now: Date;
  /** IANA zone for any date written in text. */
  timeZone: string;
  /** Absent: DEFAULT_VOICE. */
  voice?: Voice;
}
