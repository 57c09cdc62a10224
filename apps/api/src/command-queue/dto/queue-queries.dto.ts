import { ApiPropertyOptional } from '@nestjs/swagger';
import { ACTION_TYPES, ActionType, DOMAINS, Domain, QUEUE_ITEM_STATUSES, QueueItemStatus } from '@caseyos/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class TodayQueryDto {
  @ApiPropertyOptional({ enum: DOMAINS, description: 'Omit for all domains' })
  @IsOptional()
  @IsIn(DOMAINS, { message: `domain must be one of ${DOMAINS.join(', ')}` })
  domain?: Domain;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number from 1 to 200' })
  @Min(1, { message: 'limit must be a whole number from 1 to 200' })
  @Max(200, { message: 'limit must be a whole number from 1 to 200' })
  limit = 50;
}

export class ListQueueQueryDto {
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

  @ApiPropertyOptional({ description: 'next_cursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit = 50;
}
