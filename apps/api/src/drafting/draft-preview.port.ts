import { Injectable } from '@nestjs/common';
import type { DraftInput } from './writers/draft-writer';

/**
 * How a voice-profile preview gets a real move's draft input without drafting importing the
 * modules that hold moves, senders and accounts: execution plugs its draft-context factory in at
 * start-up (ExecutionModule). Until it does, only the built-in sample can be previewed.
 */
export interface DraftPreviewSource {
  /** The input a move's execution would draft from; throws the move's 404 when there is none. */
  inputFor(moveId: string): Promise<DraftInput>;
  /** Who sends drafts now, for the sample's sign-off. */
  sender(): Promise<{ name: string; email: string }>;
}

@Injectable()
export class DraftPreviewSocket {
  private source: DraftPreviewSource | null = null;

  plugIn(source: DraftPreviewSource): void {
    this.source = source;
  }

  get plugged(): DraftPreviewSource | null {
    return this.source;
  }
}
