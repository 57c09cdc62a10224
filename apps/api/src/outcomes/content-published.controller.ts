import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { DraftAsset } from '@caseyos/contracts';
import type { FastifyRequest } from 'fastify';
import { PublishDraftAssetDto } from '../execution/dto/execution-dtos';
import { actorOf } from '../platform/auth/actor';
import { ContentPublished } from './content-published';

/** Lives with the outcomes: marking an asset published is how `content_published` is recorded. */
@ApiTags('execution')
@Controller('api/assets')
export class ContentPublishedController {
  constructor(private readonly published: ContentPublished) {}

  @Post(':id/publish')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Marked published (and content_published recorded once for its execution): the asset.' })
  @ApiNotFoundResponse({ description: 'No such asset.' })
  publish(
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
    @Body() body: PublishDraftAssetDto,
    @Req() request: FastifyRequest,
  ): Promise<DraftAsset> {
    return this.published.publish(id, body?.url ?? null, actorOf(request));
  }
}
