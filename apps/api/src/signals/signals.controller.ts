import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { IngestResponse, Page, SignalCountResponse, SignalDetail, SignalListItem } from '@caseyos/contracts';
import type { FastifyRequest } from 'fastify';
import { CountSignalsQueryDto, ListSignalsQueryDto, ManualSignalDto, SignalPageDto } from './dto/signal-dtos';
import { SignalsService } from './signals.service';
import { actorOf } from '../platform/auth/actor';

@ApiTags('signals')
@Controller('api/signals')
export class SignalsController {
  constructor(private readonly signals: SignalsService) {}

  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'A manual signal (a note about a contact or account), stored, and its move if any.' })
  create(@Body() body: ManualSignalDto, @Req() request: FastifyRequest): Promise<IngestResponse> {
    return this.signals.receive(
      {
        source: 'manual',
        kind: body.kind,
        payload: { note: body.note, contact_name: body.contact_name ?? null, contact_email: body.contact_email ?? null, company: body.company ?? null },
        contactEmail: body.contact_email ?? null,
        company: body.company ?? null,
      },
      actorOf(request),
    );
  }

  @Get()
  @ApiOkResponse({
    type: SignalPageDto,
    description:
      'Signals, newest first, filtered by source, kind, contact and processed; cursor paging. Each carries its move as it stands now (null when none).',
  })
  list(@Query() query: ListSignalsQueryDto): Promise<Page<SignalListItem>> {
    return this.signals.list(query);
  }

  @Get('count')
  @ApiOkResponse({ description: "How many signals were received at or after `since` (e.g. since the viewer's local midnight)." })
  async count(@Query() query: CountSignalsQueryDto): Promise<SignalCountResponse> {
    return { since: new Date(query.since).toISOString(), count: await this.signals.countSince(new Date(query.since)) };
  }

  @Get(':id')
  @ApiOkResponse({ description: 'One signal with the move it produced.' })
  get(@Param('id', new ParseUUIDPipe({ version: '4' })) id: string): Promise<SignalDetail> {
    return this.signals.get(id);
  }
}
