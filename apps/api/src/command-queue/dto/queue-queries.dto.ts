import { ApiPropertyOptional } from '@nestjs/swagger';
import { ACTION_TYPES, ActionType, DOMAINS, Domain, QUEUE_ITEM_STATUSES, QueueItemStatus } from '@caseyos/contracts';
import { IsIn, IsOptional } from 'class-validator';
import { CursorPageDto, PageLimitDto } from '../../platform/http/page-limit.dto';

export class TodayQueryDto extends PageLimitDto {
  @ApiPropertyOptional({ enum: DOMAINS, description: 'Omit for all domains' })
  @IsOptional()
  @IsIn(DOMAINS, { message: `domain must be one of ${DOMAINS.join(', ')}` })
  domain?: Domain;
}

export class ListQueueQueryDto extends CursorPageDto {
  @ApiPropertyOptional({ enum: QUEUE_ITEM_STATUSES })
  @IsOptional()
  @IsIn(QUEUE_ITEM_STATUSES)
  status?: QueueItemStatus;

  @ApiPropertyOptional({ enum: DOMAINS })
  @IsOptional()
  @IsIn(DOMAINS)
  domain?: Domain;

  @ApiPropertyOptional({ enum: ACTION_TYPES })
  @IsOptional()
  @IsIn(ACTION_TYPES)
  action_type?: ActionType;
}
