import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { EmergencyStopState, GuardrailsResponse } from '@caseyos/contracts';
import type { FastifyRequest } from 'fastify';
import { actorOf } from '../../platform/auth/actor';
import { EmergencyStopDto } from '../dto/execution-dtos';
import { ExecutionService } from '../execution.service';
import { EmergencyStopService } from './emergency-stop.service';

@ApiTags('execution')
@Controller('api')
export class GuardrailsController {
  constructor(
    private readonly executions: ExecutionService,
    private readonly emergencyStop: EmergencyStopService,
  ) {}

  @Get('execution/guardrails')
  @ApiOkResponse({ description: 'Emergency stop, circuit breakers per action type, limits used and left.' })
  guardrails(): Promise<GuardrailsResponse> {
    return this.executions.guardrails();
  }

  @Post('admin/emergency-stop')
  @HttpCode(200)
  @ApiOkResponse({ description: 'While active, every execute answers 423 and queued executions wait. Survives restarts; audited.' })
  set(@Body() body: EmergencyStopDto, @Req() request: FastifyRequest): Promise<EmergencyStopState> {
    return this.emergencyStop.set(body.active, body.reason ?? null, actorOf(request));
  }
}
