import { Controller, DefaultValuePipe, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { DeadLetterView, DeadLettersResponse } from '@caseyos/contracts';
import { ProblemException } from '../../platform/http/problem-details.filter';
import { DetectionJobs } from './detection-jobs';

const DEAD_LETTER_ID = /^(signal|task|meeting)-[0-9a-f-]{36}$/;
const MAX_LISTED = 200;

@ApiTags('outcomes')
@Controller('api/outcomes/dead-letters')
export class DeadLettersController {
  constructor(private readonly jobs: DetectionJobs) {}

  @Get()
  @ApiQuery({ name: 'limit', required: false, description: `At most ${MAX_LISTED}; default 50.` })
  @ApiOkResponse({ description: 'Detections that failed every try, newest first, with their error.' })
  list(@Query('limit', new DefaultValuePipe(50), new ParseIntPipe({ errorHttpStatusCode: 400 })) limit: number): Promise<DeadLettersResponse> {
    if (limit < 1 || limit > MAX_LISTED) throw new ProblemException(400, 'invalid-request', `limit must be between 1 and ${MAX_LISTED}.`);
    return this.jobs.deadLetters(limit);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Queued again with its tries reset.' })
  @ApiNotFoundResponse({ description: 'No such dead letter (never failed, or retried already).' })
  retry(@Param('id') id: string): Promise<DeadLetterView> {
    if (!DEAD_LETTER_ID.test(id))
      throw new ProblemException(400, 'invalid-request', 'A dead letter id looks like signal-<uuid>, task-<uuid> or meeting-<uuid>.');
    return this.jobs.retry(id);
  }
}
