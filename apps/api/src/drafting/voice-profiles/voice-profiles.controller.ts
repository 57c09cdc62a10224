import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Req } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { DraftPreview, VoiceProfile } from '@caseyos/contracts';
import type { FastifyRequest } from 'fastify';
import { actorOf } from '../../platform/auth/actor';
import { validationFailed } from '../../platform/http/validation';
import { CreateVoiceProfileDto, UpdateVoiceProfileDto, VoicePreviewDto } from '../dto/voice-profile.dto';
import { VoicePreview } from './voice-preview';
import { VoiceProfilesService } from './voice-profiles.service';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('drafting')
@Controller('api/voice-profiles')
export class VoiceProfilesController {
  constructor(
    private readonly profiles: VoiceProfilesService,
    private readonly previews: VoicePreview,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'Every voice profile, the default first.' })
  async list(): Promise<{ items: VoiceProfile[] }> {
    return { items: await this.profiles.list() };
  }

  @Get(':id')
  @ApiOkResponse({ description: 'One voice profile.' })
  get(@Param('id', uuid) id: string): Promise<VoiceProfile> {
    return this.profiles.get(id);
  }

  @Post()
  @ApiCreatedResponse({ description: 'Created (with is_default: true it becomes the default; the old default stops being one).' })
  @ApiConflictResponse({ description: 'The name, or the domain, belongs to another profile.' })
  create(@Body() body: CreateVoiceProfileDto, @Req() request: FastifyRequest): Promise<VoiceProfile> {
    return this.profiles.create(body, actorOf(request));
  }

  @Patch(':id')
  @ApiOkResponse({ description: 'Changed fields only.' })
  @ApiConflictResponse({ description: 'A name or domain taken, or is_default: false on the default (make another one the default instead).' })
  update(@Param('id', uuid) id: string, @Body() body: UpdateVoiceProfileDto, @Req() request: FastifyRequest): Promise<VoiceProfile> {
    return this.profiles.update(id, body, actorOf(request));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiConflictResponse({ description: 'The default profile cannot be deleted.' })
  async remove(@Param('id', uuid) id: string, @Req() request: FastifyRequest): Promise<void> {
    await this.profiles.remove(id, actorOf(request));
  }

  @Post(':id/preview')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The draft this profile writes for the move (or a built-in sample move), with the writer that wrote it. Nothing is stored.' })
  @ApiUnprocessableEntityResponse({ description: 'The draft fails the checks (draft_problems lists why).' })
  preview(@Param('id', uuid) id: string, @Body() body: VoicePreviewDto): Promise<DraftPreview> {
    // Typed without `| undefined`, so the ValidationPipe sees the DTO; no body arrives as {}.
    if (body.move_id !== undefined && body.sample !== undefined) {
      throw validationFailed([{ field: 'sample', messages: ['sample is for a preview without move_id; send one or the other'] }]);
    }
    return this.previews.preview(id, body.move_id !== undefined ? { moveId: body.move_id } : { sample: body.sample ?? 'demo_request' });
  }
}
