import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ACTION_TYPES, ActionType, EXECUTION_STATUSES, EmergencyStopRequest, ExecutionStatus, UpdateDraftAssetRequest } from '@caseyos/contracts';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { CursorPageDto } from '../../platform/http/page-limit.dto';

export class ExecuteQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: plan and judge only; nothing is sent' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'dry_run must be true or false' })
  dry_run?: 'true' | 'false';

  @ApiPropertyOptional({ enum: ['reject', 'queue'], default: 'reject', description: 'queue: when a rate limit is reached, run it when the window opens (202)' })
  @IsOptional()
  @IsIn(['reject', 'queue'], { message: 'when_limited must be reject or queue' })
  when_limited?: 'reject' | 'queue';
}

export class ExecuteBodyDto {
  @ApiPropertyOptional({ maxLength: 500, description: 'Kept in the audit entry' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class ListExecutionsQueryDto extends CursorPageDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4', { message: 'item_id must be a move id (UUID)' })
  item_id?: string;

  @ApiPropertyOptional({ enum: EXECUTION_STATUSES })
  @IsOptional()
  @IsIn(EXECUTION_STATUSES)
  status?: ExecutionStatus;

  @ApiPropertyOptional({ enum: ACTION_TYPES })
  @IsOptional()
  @IsIn(ACTION_TYPES)
  action_type?: ActionType;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Omit for both' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'dry_run must be true or false' })
  dry_run?: 'true' | 'false';
}

export class EmergencyStopDto implements EmergencyStopRequest {
  @ApiProperty({ description: 'true stops every execution; false releases' })
  @IsBoolean({ message: 'active must be true or false' })
  active!: boolean;

  @ApiPropertyOptional({ maxLength: 500, description: 'Required when stopping: why' })
  @ValidateIf((body: EmergencyStopDto) => body.active === true || body.reason !== undefined)
  @IsString()
  @IsNotEmpty({ message: 'reason must say why execution is stopped' })
  @MaxLength(500)
  reason?: string;
}

export class UpdateDraftAssetDto implements UpdateDraftAssetRequest {
  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ maxLength: 100_000 })
  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  body?: string;
}
