import { Inject, Injectable } from '@nestjs/common';
import type { CommandQueueMove, DraftPreview } from '@caseyos/contracts';
import { CLOCK, Clock } from '../../platform/clock/clock';
import { AppConfig } from '../../platform/config/app-config';
import { DraftPreviewSocket } from '../draft-preview.port';
import { DRAFT_KIND_OF, DraftingService, type WrittenDraft } from '../drafting.service';
import type { AssetDraft } from '../templates/asset-templates';
import type { EmailDraft } from '../templates/email-templates';
import type { MeetingDraft } from '../templates/meeting-templates';
import type { TaskDraft } from '../templates/task-templates';
import type { DraftInput, DraftKind } from '../writers/draft-writer';
import { VoiceProfilesService } from './voice-profiles.service';

/** The built-in sample: a demo request from a prospect, the move a founder answers most. */
function sampleMove(now: Date): CommandQueueMove {
  return {
    id: '00000000-0000-4000-8000-000000005a3e',
    domain: 'sales',
    action_type: 'send_email',
    title: 'Reply to the demo request from Northwind Analytics',
    status: 'pending',
    aps: 0.8,
    aps_breakdown: {
      base: 0.8,
      factors: [],
      outcome_adjustment: { success_rate: 0.5, observations: 0, multiplier: 1, note: '' },
      contact_adjustment: { delta: 0, note: '' },
      final: 0.8,
    },
    reasons: ['Asked for a demo today'],
    contact_email: 'dana.reyes@northwind.example.com',
    contact_name: 'Dana Reyes',
    company: 'Northwind Analytics',
    deal_id: null,
    deal_amount: null,
    due_at: null,
    snoozed_until: null,
    dismiss_reason: null,
    signal_id: null,
    action_params: { rule: 'form.demo_request', context: { signal_kind: 'demo_request', signal_label: 'Demo request', form_name: 'Book a demo' } },
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
    version: 1,
  };
}

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

  async preview(profileId: string, moveId: string | null): Promise<DraftPreview> {
    const profile = await this.profiles.get(profileId);
    const input = moveId ? await this.moveInput(moveId) : await this.sampleInput();
    const kind = DRAFT_KIND_OF[input.move.action_type];
    const written = await this.drafting.write(kind, input, { profile });
    return { kind, move_id: moveId, action_type: input.move.action_type, ...textOf(kind, written), provenance: written.provenance };
  }

  private async moveInput(moveId: string): Promise<DraftInput> {
    const source = this.socket.plugged;
    if (!source) throw new Error('No draft preview source is plugged in');
    return source.inputFor(moveId);
  }

  private async sampleInput(): Promise<DraftInput> {
    const now = this.clock.now();
    const sender = (await this.socket.plugged?.sender().catch(() => null)) ?? null;
    return { move: sampleMove(now), sender: sender?.name ? sender : { name: 'Casey', email: '' }, account: null, now, timeZone: this.config.TIMEZONE };
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
