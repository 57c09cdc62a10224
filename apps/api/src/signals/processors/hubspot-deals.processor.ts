import { Injectable } from '@nestjs/common';
import type { Signal } from '../entities/signal.entity';
import { SignalProcessor, amount, text } from './signal-processor';

/** Deal changes found by the HubSpot poller: created, advanced, regressed, renewal due. */
@Injectable()
export class HubSpotDealsProcessor implements SignalProcessor {
  readonly source = 'hubspot' as const;

  facts(signal: Signal) {
    const p = signal.payload;
    return {
      contactEmail: signal.contactEmail,
      contactName: text(p.contact_name),
      company: signal.company,
      dealId: text(p.deal_id),
      dealName: text(p.deal_name),
      // A renewal's worth is the account's ARR.
      amountUsd: amount(p.amount ?? p.arr_usd),
      fromStage: text(p.from_stage),
      toStage: text(p.to_stage),
      won: p.won === true,
    };
  }
}
