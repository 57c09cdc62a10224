import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DOMAINS, Domain, FUNNEL_PERIODS, FunnelPeriod, OUTCOME_TYPES, OutcomeType, RecordOutcomeRequest } from '@caseyos/contracts';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { CursorPageDto } from '../../platform/http/page-limit.dto';
import { IsInstant } from '../../platform/http/is-instant';

const INSTANT_EXAMPLE = '2026-01-31T09:00:00Z';
const OUTCOME_TYPE_MESSAGE = `outcome_type must be one of ${OUTCOME_TYPES.join(', ')}`;

export class RecordOutcomeDto implements RecordOutcomeRequest {
  @ApiProperty({ format: 'uuid', description: 'The move the outcome follows' })
  @IsUUID('4', { message: 'item_id must be a move id (UUID)' })
  item_id!: string;

  @ApiProperty({ enum: OUTCOME_TYPES })
  @IsIn(OUTCOME_TYPES, { message: OUTCOME_TYPE_MESSAGE })
  outcome_type!: OutcomeType;

  @ApiPropertyOptional({ maxLength: 2000, description: 'What happened, in a few words; part of the evidence' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ example: INSTANT_EXAMPLE, description: 'When it happened (not in the future); now when omitted' })
  @IsOptional()
  @IsInstant()
  detected_at?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "A succeeded execution of this move. Omitted: the move's succeeded execution, if it started before detected_at",
  })
  @IsOptional()
  @IsUUID('4', { message: 'execution_id must be an execution id (UUID)' })
  execution_id?: string;
}

export class ListOutcomesQueryDto extends CursorPageDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4', { message: 'item_id must be a move id (UUID)' })
  item_id?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4', { message: 'execution_id must be an execution id (UUID)' })
  execution_id?: string;

  @ApiPropertyOptional({ description: 'The contact email (any case)' })
  @IsOptional()
  @IsEmail({}, { message: 'contact must be an email address' })
  @MaxLength(254)
  contact?: string;

  @ApiPropertyOptional({ enum: OUTCOME_TYPES })
  @IsOptional()
  @IsIn(OUTCOME_TYPES, { message: OUTCOME_TYPE_MESSAGE })
  outcome_type?: OutcomeType;

  @ApiPropertyOptional({ example: INSTANT_EXAMPLE, description: 'detected at or after' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ example: INSTANT_EXAMPLE, description: 'detected before' })
  @IsOptional()
  @IsInstant()
  to?: string;
}

export class OutcomeStatsQueryDto {
  @ApiPropertyOptional({ example: INSTANT_EXAMPLE, description: 'Executions started at or after; default 90 days before `to`' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ example: INSTANT_EXAMPLE, description: 'Executions started before; default now' })
  @IsOptional()
  @IsInstant()
  to?: string;

  @ApiPropertyOptional({ enum: DOMAINS, description: 'Omit for all domains' })
  @IsOptional()
  @IsIn(DOMAINS, { message: `domain must be one of ${DOMAINS.join(', ')}` })
  domain?: Domain;
}

export class ConversionFunnelQueryDto extends OutcomeStatsQueryDto {
  @ApiPropertyOptional({ enum: FUNNEL_PERIODS, default: 'week', description: 'Bucket size, in UTC (weeks start on Monday)' })
  @IsOptional()
  @IsIn(FUNNEL_PERIODS, { message: `period must be one of ${FUNNEL_PERIODS.join(', ')}` })
  period?: FunnelPeriod;
}

export class ContactParamsDto {
  @ApiProperty({ example: 'dana@northwind.example.com' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;
}

const TIMELINE_LIMIT_MESSAGE = 'limit must be a whole number from 1 to 200';

export class ContactTimelineQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 100 })
  @Type(() => Number)
  @IsInt({ message: TIMELINE_LIMIT_MESSAGE })
  @Min(1, { message: TIMELINE_LIMIT_MESSAGE })
  @Max(200, { message: TIMELINE_LIMIT_MESSAGE })
  limit = 100;
}
