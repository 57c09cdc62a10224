import { Injectable } from '@nestjs/common';
import { DraftAssetHandler } from './draft-asset.handler';

/** content_repurpose: existing content reworked for another channel. */
@Injectable()
export class ContentRepurposeHandler extends DraftAssetHandler {
  readonly actionType = 'content_repurpose';
}
