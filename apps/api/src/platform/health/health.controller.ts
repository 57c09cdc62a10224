import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { BeatResponse, ReadinessResponse } from '@caseyos/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OperatorAuthService } from '../auth/operator-auth.service';
import { Public } from '../auth/public.decorator';
import { ProcessBeatsService } from '../processes/process-beats.service';
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
    private readonly processes: ProcessBeatsService,
    private readonly auth: OperatorAuthService,
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
  @ApiOkResponse({
    description:
      "Last run, success, error and next run of each scheduled job, and the live and stale api and worker processes. A job's error text (`last_error`) only for an authenticated caller.",
  })
  async beat(@Req() request: FastifyRequest): Promise<BeatResponse> {
    const [report, processes, caller] = await Promise.all([this.beats.report(), this.processes.list(), this.auth.authenticate(request)]);
    // Error text can carry provider messages, addresses or internal names: not for anyone who asks.
    const jobs = caller.ok ? report.jobs : report.jobs.map(({ last_error: _errorText, ...job }) => job);
    // Hosts, pids and versions tell an attacker what to aim at: the operator's only.
    const shown = caller.ok ? processes : processes.map(({ id: _id, version: _version, ...process }) => process);
    return { ...report, jobs, processes: shown };
  }

  @Get('caseyos/health')
  @ApiOkResponse({ description: 'The dashboard is served.' })
  dashboard() {
    return { status: 'ok', dashboard: 'caseyos' };
  }
}
