import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { ContactTimelineResponse, ConversionFunnelResponse, OutcomeStatsResponse, OutcomeView, Page } from '@caseyos/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorOf } from '../platform/auth/actor';
import {
  ContactParamsDto,
  ContactTimelineQueryDto,
  ConversionFunnelQueryDto,
  ListOutcomesQueryDto,
  OutcomeStatsQueryDto,
  RecordOutcomeDto,
} from './dto/outcome-dtos';
import { OutcomeAnalytics } from './outcome-analytics';
import { OutcomesService } from './outcomes.service';
import { orderedBounds } from './report-window';

@ApiTags('outcomes')
@Controller('api')
export class OutcomesController {
  constructor(
    private readonly outcomes: OutcomesService,
    private readonly analytics: OutcomeAnalytics,
  ) {}

  @Post('outcomes/record')
  @HttpCode(201)
  @ApiCreatedResponse({ description: 'Recorded (audited, announced on the event stream): the outcome.' })
  @ApiOkResponse({ description: 'The same evidence was recorded before: that outcome, nothing new written.' })
  @ApiNotFoundResponse({ description: 'No such move.' })
  @ApiUnprocessableEntityResponse({ description: 'execution_id is not a succeeded execution of this move, or started after detected_at.' })
  async record(@Body() body: RecordOutcomeDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<OutcomeView> {
    const { created, outcome } = await this.outcomes.recordManual(body, actorOf(request));
    if (!created) reply.code(200);
    return outcome;
  }

  @Get('outcomes')
  @ApiOkResponse({ description: 'Outcomes, newest detected first, filtered by move, execution, contact, type and detected_at in [from, to); cursor paging.' })
  list(@Query() query: ListOutcomesQueryDto): Promise<Page<OutcomeView>> {
    const { from, to } = orderedBounds(query.from, query.to);
    return this.outcomes.list({
      itemId: query.item_id,
      executionId: query.execution_id,
      contactEmail: query.contact,
      outcomeType: query.outcome_type,
      from,
      to,
      cursor: query.cursor,
      limit: query.limit,
    });
  }

  @Get('outcomes/stats')
  @ApiOkResponse({
    description:
      'Per action type (and in total): succeeded executions started in [from, to), their outcomes by type, success rate (SUCCESS_OUTCOMES), reply rate within 24 h of email executions, meeting rate, median time to reply.',
  })
  stats(@Query() query: OutcomeStatsQueryDto): Promise<OutcomeStatsResponse> {
    return this.analytics.stats(query.from, query.to, query.domain);
  }

  @Get('outcomes/contact/:email')
  @ApiOkResponse({ description: "The contact's signals, moves, executions and outcomes, newest first, one list with a kind per entry." })
  timeline(@Param() params: ContactParamsDto, @Query() query: ContactTimelineQueryDto): Promise<ContactTimelineResponse> {
    return this.outcomes.timeline(params.email, query.limit);
  }

  @Get('analytics/conversion-funnel')
  @ApiOkResponse({
    description: 'Outreach executions started in each UTC bucket (day, week or month) per domain, and how many got a reply, a meeting and deal progress.',
  })
  funnel(@Query() query: ConversionFunnelQueryDto): Promise<ConversionFunnelResponse> {
    return this.analytics.funnel(query.from, query.to, query.period ?? 'week', query.domain);
  }
}
