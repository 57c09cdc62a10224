import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CommandQueueMove, Page, SeedResponse } from '@caseyos/contracts';
import type { FastifyRequest } from 'fastify';
import { actorOf } from '../platform/auth/actor';
import { CommandQueueService } from './command-queue.service';
import { CompleteDto, DismissDto, SnoozeDto } from './dto/move-commands.dto';
import { ListQueueQueryDto, TodayQueryDto } from './dto/queue-queries.dto';
import { DemoSeeder } from './seed/demo-seeder.service';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('command-queue')
@Controller('api/command-queue')
export class CommandQueueController {
  constructor(
    private readonly queue: CommandQueueService,
    private readonly seeder: DemoSeeder,
  ) {}

  @Get('today')
  @Header('content-type', 'application/json; charset=utf-8')
  @ApiOkResponse({ description: "Today's open moves ranked by APS (ties: due date, age, id), with counts: a TodayResponse." })
  today(@Query() query: TodayQueryDto): Promise<Buffer> {
    return this.queue.todayBody(query.domain, query.limit);
  }

  @Get()
  @ApiOkResponse({ description: 'All moves, newest first, filtered, with cursor paging.' })
  list(@Query() query: ListQueueQueryDto): Promise<Page<CommandQueueMove>> {
    return this.queue.list({ status: query.status, domain: query.domain, actionType: query.action_type, cursor: query.cursor, limit: query.limit });
  }

  @Post('seed')
  @ApiCreatedResponse({ description: 'Demo moves for every domain and action type; seeding again creates nothing new.' })
  seed(@Req() request: FastifyRequest): Promise<SeedResponse> {
    return this.seeder.seed(actorOf(request));
  }

  @Get(':id')
  @ApiOkResponse({ description: 'One move with its score breakdown.' })
  get(@Param('id', uuid) id: string): Promise<CommandQueueMove> {
    return this.queue.get(id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @ApiOkResponse({ description: 'pending -> accepted' })
  @ApiConflictResponse({ description: 'Not pending (or another request won); the body has current_status.' })
  accept(@Param('id', uuid) id: string, @Req() request: FastifyRequest): Promise<CommandQueueMove> {
    return this.queue.accept(id, actorOf(request));
  }

  @Post(':id/dismiss')
  @HttpCode(200)
  @ApiOkResponse({ description: 'pending, accepted or failed -> dismissed, with the reason' })
  @ApiConflictResponse({ description: 'Not open; the body has current_status.' })
  dismiss(@Param('id', uuid) id: string, @Body() body: DismissDto, @Req() request: FastifyRequest): Promise<CommandQueueMove> {
    return this.queue.dismiss(id, body.reason, actorOf(request));
  }

  @Post(':id/snooze')
  @HttpCode(200)
  @ApiOkResponse({ description: 'pending -> snoozed until the given time, then pending again' })
  @ApiConflictResponse({ description: 'Not pending; the body has current_status.' })
  snooze(@Param('id', uuid) id: string, @Body() body: SnoozeDto, @Req() request: FastifyRequest): Promise<CommandQueueMove> {
    return this.queue.snooze(id, new Date(body.until), actorOf(request));
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOkResponse({ description: 'pending, accepted or failed -> completed: done by hand elsewhere, no side effect; an optional note is audited' })
  @ApiConflictResponse({ description: 'Not open; the body has current_status.' })
  complete(@Param('id', uuid) id: string, @Body() body: CompleteDto, @Req() request: FastifyRequest): Promise<CommandQueueMove> {
    return this.queue.complete(id, body?.note, actorOf(request));
  }
}
