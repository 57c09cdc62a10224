import { Inject, Injectable } from '@nestjs/common';
import type { DraftPreview, VoicePreviewSample } from '@caseyos/contracts';
import { CLOCK, Clock } from '../../platform/clock/clock';
import { AppConfig } from '../../platform/config/app-config';
import { DraftPreviewSocket } from '../draft-preview.port';
import { DRAFT_KIND_OF } from '@caseyos/contracts';
import { DraftingService, type WrittenDraft } from '../drafting.service';
import type { AssetDraft } from '../templates/asset-templates';
import type { EmailDraft } from '../templates/email-templates';
import type { MeetingDraft } from '../templates/meeting-templates';
import type { TaskDraft } from '../templates/task-templates';
import type { DraftInput, DraftKind } from '../writers/draft-writer';
import { sampleMove } from './sample-move';
import { VoiceProfilesService } from './voice-profiles.service';

/** Previews a profile: the draft it writes for a move, or for the sample. Stores nothing. */
@Injectable()
export class VoicePreview {
  constructor(
    private readonly profiles: VoiceProfilesService,
    private readonly drafting: DraftingService,
    private readonly socket: DraftPreviewSocket,
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async preview(profileId: string, of: { moveId: string } | { sample: VoicePreviewSample }): Promise<DraftPreview> {
    const profile = await this.profiles.get(profileId);
    const input = 'moveId' in of ? await this.moveInput(of.moveId) : await this.sampleInput(of.sample);
    const kind = DRAFT_KIND_OF[input.move.action_type];
    const written = await this.drafting.write(kind, input, { profile });
    const moveId = 'moveId' in of ? of.moveId : null;
    return { kind, move_id: moveId, action_type: input.move.action_type, ...textOf(kind, written), provenance: written.provenance };
  }

  private async moveInput(moveId: string): Promise<DraftInput> {
    const source = this.socket.plugged;
    if (!source) throw new Error('No draft preview source is plugged in');
    return source.inputFor(moveId);
  }

  private async sampleInput(sample: VoicePreviewSample): Promise<DraftInput> {
    const now = this.clock.now();
    const sender = (await this.socket.plugged?.sender().catch(() => null)) ?? null;
    const { move, replyText } = sampleMove(now, sample);
    return {
      move,
      sender: sender?.name ? sender : { name: 'Casey', email: '' },
      account: null,
      now,
      timeZone: this.config.TIMEZONE,
      trigger: { replyText },
    };
  }
}

function textOf(kind: DraftKind, written: WrittenDraft<unknown>): Pick<DraftPreview, 'subject' | 'body' | 'variants'> {
  switch (kind) {
    case 'email': {
      const email = written.draft as EmailDraft;
      return { subject: email.subject, body: email.text };
    }
    case 'meeting': {
      const meeting = written.draft as MeetingDraft;
      return { subject: meeting.summary, body: meeting.description };
    }
    case 'task': {
      const task = written.draft as TaskDraft;
      return { subject: task.subject, body: task.body };
    }
    default: {
      const asset = written.draft as AssetDraft;
      const variants = asset.variants?.map((variant) => ({ channel: variant.channel, body: variant.body, max_length: variant.maxLength }));
      return { subject: asset.title, body: asset.body, ...(variants ? { variants } : {}) };
    }
  }
}
