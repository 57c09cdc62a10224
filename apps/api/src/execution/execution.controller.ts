import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiHeader,
  ApiOkResponse,
  ApiResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { HEADERS, ExecutionStatusView, ExecutionView, Page } from '@caseyos/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorOf } from '../platform/auth/actor';
import { PROBLEM_CONTENT_TYPE } from '../platform/http/problem-details';
import { ExecuteBodyDto, ExecuteQueryDto, ListExecutionsQueryDto } from './dto/execution-dtos';
import { ExecutionRollback } from './execution-rollback';
import { toStatusView } from './execution.mapper';
import { ExecutionService } from './execution.service';
import { ExecutionRecords } from './execution-records';
import { idempotencyKeyOf } from './idempotency/idempotency';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('execution')
@Controller('api')
export class ExecutionController {
  constructor(
    private readonly executions: ExecutionService,
    private readonly records: ExecutionRecords,
    private readonly rollbacks: ExecutionRollback,
  ) {}

  @Post('command-queue/:id/execute')
  @HttpCode(200)
  @ApiHeader({
    name: 'X-Idempotency-Key',
    required: false,
    description: 'Required unless dry_run=true (or send the IETF Idempotency-Key). One key, one execution.',
  })
  @ApiOkResponse({ description: 'Executed: the execution with its external ids and links. A dry run answers a DryRunResponse (plan and guardrail verdicts).' })
  @ApiAcceptedResponse({ description: 'Rate-limited with when_limited=queue: queued for the next window (Retry-After).' })
  @ApiConflictResponse({ description: 'The move is not open, or the key is still running.' })
  @ApiUnprocessableEntityResponse({ description: 'The key was used for another move or body.' })
  @ApiResponse({ status: 423, description: 'Emergency stop active.' })
  @ApiTooManyRequestsResponse({ description: 'A rate limit or the contact cap is reached (Retry-After).' })
  @ApiResponse({ status: 502, description: 'The provider refused or failed: problem+json with provider_status, provider_reason and the execution.' })
  @ApiResponse({ status: 503, description: "The action type's circuit breaker is open (Retry-After)." })
  @ApiResponse({ status: 504, description: 'No result within the timeout; the call was cancelled.' })
  async execute(
    @Param('id', uuid) id: string,
    @Query() query: ExecuteQueryDto,
    // Not `| undefined`: that would emit `Object` as the parameter's type and the ValidationPipe would skip it (no body arrives as {})
    @Body() body: ExecuteBodyDto,
    @Headers(HEADERS.idempotencyKey) xKey: string | undefined,
    @Headers(HEADERS.ietfIdempotencyKey) ietfKey: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (query.dry_run === 'true') {
      const key = xKey || ietfKey ? idempotencyKeyOf(xKey, ietfKey) : null;
      const dryRun = await this.executions.dryRun(id, key, actorOf(request), body?.draft);
      await reply.code(200).header(HEADERS.executionId, dryRun.execution.id).send(dryRun);
      return;
    }
    const answer = await this.executions.execute({
      itemId: id,
      key: idempotencyKeyOf(xKey, ietfKey),
      whenLimited: query.when_limited ?? 'reject',
      note: body?.note,
      edit: body?.draft,
      by: actorOf(request),
    });
    reply.code(answer.status).headers({ ...answer.headers, [HEADERS.executionId]: answer.executionId });
    if (answer.replayed) reply.header(HEADERS.idempotentReplayed, 'true');
    // Every answer of 400 or more is a stored problem (the execution embedded).
    const problem = answer.status >= 400;
    if (problem) reply.type(PROBLEM_CONTENT_TYPE);
    await reply.send(problem ? JSON.stringify(answer.body) : answer.body);
  }

  @Get('executions')
  @ApiOkResponse({ description: 'Executions newest first, filtered by move, status, action type or dry run; cursor paging.' })
  list(@Query() query: ListExecutionsQueryDto): Promise<Page<ExecutionView>> {
    return this.executions.list({
      itemId: query.item_id,
      status: query.status,
      actionType: query.action_type,
      dryRun: query.dry_run === undefined ? undefined : query.dry_run === 'true',
      cursor: query.cursor,
      limit: query.limit,
    });
  }

  @Get('executions/:id')
  @ApiOkResponse({ description: 'One execution: plan, result (external ids and links), error, attempts.' })
  get(@Param('id', uuid) id: string): Promise<ExecutionView> {
    return this.executions.get(id);
  }

  @Get('executions/:id/status')
  @ApiOkResponse({ description: 'Just the status, for polling.' })
  async status(@Param('id', uuid) id: string): Promise<ExecutionStatusView> {
    return toStatusView(await this.records.get(id));
  }

  @Post('executions/:id/rollback')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Undone: every object it made is gone; the move is rolled_back.' })
  @ApiConflictResponse({ description: 'Irreversible, a dry run, not succeeded, or rolled back already; the body says which.' })
  @ApiResponse({ status: 502, description: 'The provider did not confirm the removal; the execution is rollback_failed and may be tried again.' })
  rollback(@Param('id', uuid) id: string, @Req() request: FastifyRequest): Promise<ExecutionView> {
    return this.rollbacks.rollback(id, actorOf(request));
  }
}
