import { Injectable } from '@nestjs/common';
import type { ExternalObject } from '@caseyos/contracts';
import type { RunOptions } from '../execution-handler';
import { CalendarEventEffect } from './calendar-event.effect';
import { DraftAssetEffect } from './draft-asset.effect';
import { GmailDraftEffect } from './gmail-draft.effect';
import { HubSpotTaskEffect } from './hubspot-task.effect';

/** Removes what executions made, whatever the kind: rollbacks and the stray sweep go through here. */
@Injectable()
export class ObjectRemover {
  constructor(
    private readonly drafts: GmailDraftEffect,
    private readonly tasks: HubSpotTaskEffect,
    private readonly events: CalendarEventEffect,
    private readonly assets: DraftAssetEffect,
  ) {}

  async removeAll(objects: ExternalObject[], options: RunOptions): Promise<void> {
    for (const object of objects) {
      if (object.kind === 'gmail_draft') await this.drafts.remove(object, options);
      else if (object.kind === 'hubspot_task') await this.tasks.remove(object, options);
      else if (object.kind === 'calendar_event') await this.events.remove(object, options);
      else await this.assets.remove(object);
    }
  }
}
