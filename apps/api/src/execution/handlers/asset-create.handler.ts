import { Injectable } from '@nestjs/common';
import { DraftAssetHandler } from './draft-asset.handler';

/** asset_create: a brief for a new marketing asset. */
@Injectable()
export class AssetCreateHandler extends DraftAssetHandler {
  readonly actionType = 'asset_create';
}
