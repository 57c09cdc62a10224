import { Injectable } from '@nestjs/common';
import { renderAsset } from '../templates/asset-templates';
import type { DraftContext } from '../templates/draft-context';
import { renderEmail } from '../templates/email-templates';
import { renderMeeting } from '../templates/meeting-templates';
import { renderTask } from '../templates/task-templates';
import type { DraftByKind, DraftKind, DraftRequest, DraftWriter } from './draft-writer';

const RENDERERS: { [K in DraftKind]: (ctx: DraftContext) => DraftByKind[K] } = {
  email: renderEmail,
  meeting: renderMeeting,
  task: renderTask,
  asset: renderAsset,
};

/** Today's templates in the profile's voice: always available, and the fallback of the language model. */
@Injectable()
export class TemplateDraftWriter implements DraftWriter {
  readonly name = 'template' as const;

  write<K extends DraftKind>(kind: K, request: DraftRequest): Promise<DraftByKind[K]> {
    // Synchronous underneath: a throw (an unresolved placeholder) becomes a rejection.
    return Promise.resolve().then(() => RENDERERS[kind](request));
  }
}
