import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { BeatResponse, ReadinessResponse } from '@caseyos/contracts';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/public.decorator';
import { JobBeatsService } from '../queues/job-beats.service';
import { ReadinessService } from './readiness.service';

/** The only open endpoints: probes for orchestrators and the dashboard's health dot. */
@ApiTags('health')
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly readiness: ReadinessService,
    private readonly beats: JobBeatsService,
  ) {}

  @Get(['health', 'healthz'])
  @ApiOkResponse({ description: 'Liveness: the process answers.' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOkResponse({ description: 'Postgres and Redis both answer.' })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down; the body names it.' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessResponse> {
    const result = await this.readiness.check();
    if (result.status !== 'ok') reply.code(503);
    return result;
  }

  @Get('health/beat')
  @ApiOkResponse({ description: 'Last run, success, error and next run of each scheduled job.' })
  beat(): Promise<BeatResponse> {
    return this.beats.report();
  }

  @Get('caseyos/health')
  @ApiOkResponse({ description: 'The dashboard is served.' })
  dashboard() {
    return { status: 'ok', dashboard: 'caseyos' };
  }
}
