import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { DraftAsset, Page } from '@caseyos/contracts';
import { ListDraftAssetsQueryDto, UpdateDraftAssetDto } from '../dto/execution-dtos';
import { DraftAssetsService } from './draft-assets.service';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('execution')
@Controller('api/assets')
export class DraftAssetsController {
  constructor(private readonly assets: DraftAssetsService) {}

  @Get()
  @ApiOkResponse({ description: 'Draft assets newest first, filtered by channel and status (draft or published); cursor paging.' })
  list(@Query() query: ListDraftAssetsQueryDto): Promise<Page<DraftAsset>> {
    return this.assets.list({ channel: query.channel, status: query.status }, query.cursor, query.limit);
  }

  @Get(':id')
  @ApiOkResponse({ description: 'One draft asset: channel, title, body and the channel length limit.' })
  get(@Param('id', uuid) id: string): Promise<DraftAsset> {
    return this.assets.get(id);
  }

  @Patch(':id')
  @ApiOkResponse({ description: 'Edit the title, body or channel variants (each within its channel limit).' })
  update(@Param('id', uuid) id: string, @Body() body: UpdateDraftAssetDto): Promise<DraftAsset> {
    return this.assets.update(id, body);
  }
}
