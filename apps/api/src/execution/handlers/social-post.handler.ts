import { Injectable } from '@nestjs/common';
import { DraftAssetHandler } from './draft-asset.handler';

/** social_post: a post for the move's channel, within its length limit. */
@Injectable()
export class SocialPostHandler extends DraftAssetHandler {
  readonly actionType = 'social_post';
}
