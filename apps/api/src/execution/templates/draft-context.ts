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
}
