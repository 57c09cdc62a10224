import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ACTION_TYPES,
  ActionType,
  DRAFT_ASSET_STATUSES,
  DraftAssetFilters,
  DraftAssetStatus,
  DraftEdit,
  EXECUTION_STATUSES,
  PublishDraftAssetRequest,
  EmergencyStopRequest,
  ExecutionStatus,
  UpdateDraftAssetRequest,
} from '@caseyos/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  IsUrl,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsInstant } from '../../platform/http/is-instant';
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

export class ChannelVariantEditDto {
  @ApiProperty({ example: 'x' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  channel!: string;

  @ApiProperty({ maxLength: 100_000 })
  @IsString()
  @IsNotEmpty({ message: 'a variant body must not be empty' })
  @MaxLength(100_000)
  body!: string;
}

/** An optional list of per-channel texts, as an edit and an asset update both take it. */
function ChannelVariants(description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: [ChannelVariantEditDto], description }),
    IsOptional(),
    IsArray(),
    ArrayMinSize(1, { message: 'variants must hold at least one variant (leave it out to keep them all)' }),
    ArrayMaxSize(10),
    ArrayUnique((variant: ChannelVariantEditDto | null) => variant?.channel, { message: 'variants must name each channel once' }),
    ValidateNested({ each: true }),
    Type(() => ChannelVariantEditDto),
  );
}

/** A person's edit of the draft; which fields apply depends on the action type (docs/DRAFTING.md). */
export class DraftEditDto implements DraftEdit {
  @ApiPropertyOptional({ maxLength: 300, description: 'email, task' })
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'subject must not be empty' })
  @MaxLength(300)
  subject?: string;

  @ApiPropertyOptional({ maxLength: 100_000, description: 'email, asset' })
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'body must not be empty' })
  @MaxLength(100_000)
  body?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'meeting: when it starts (it keeps its length)' })
  @IsOptional()
  @IsInstant({ message: 'slot_start must be an ISO 8601 date-time with a time zone (2030-01-07T10:00:00Z)' })
  @Matches(/T/, { message: 'slot_start must be a date-time, not a date' })
  slot_start?: string;

  @ApiPropertyOptional({ type: [String], description: 'meeting: the agenda items' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true, message: 'agenda items must not be empty' })
  @Matches(/^[^\r\n]*$/, { each: true, message: 'agenda items must be one line each' })
  @MaxLength(300, { each: true })
  agenda?: string[];

  @ApiPropertyOptional({ format: 'date-time', description: 'task: when it is due' })
  @IsOptional()
  @IsInstant({ message: 'due_at must be an ISO 8601 date-time with a time zone (2030-01-07T10:00:00Z)' })
  @Matches(/T/, { message: 'due_at must be a date-time, not a date' })
  due_at?: string;

  @ApiPropertyOptional({ maxLength: 300, description: 'asset' })
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'title must not be empty' })
  @MaxLength(300)
  title?: string;

  @ChannelVariants('asset (social posts): the text per channel')
  variants?: ChannelVariantEditDto[];

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The dry run (its execution id) that showed these texts (every text given). Word for word its draft: executed as shown, with its writer, not edited; else an ordinary edit',
  })
  @IsOptional()
  @IsUUID('all', { message: 'shown_by must be the id of a dry run' })
  shown_by?: string;
}

export class ExecuteBodyDto {
  @ApiPropertyOptional({ maxLength: 500, description: 'Kept in the audit entry' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;

  @ApiPropertyOptional({ type: DraftEditDto, description: 'The draft as the person edited it: checked like a written draft, and what executes' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DraftEditDto)
  draft?: DraftEditDto;
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

  @ChannelVariants('Social posts: the text of these channels (each within its channel limit)')
  variants?: ChannelVariantEditDto[];
}

export class ListDraftAssetsQueryDto extends CursorPageDto implements DraftAssetFilters {
  @ApiPropertyOptional({ example: 'linkedin', description: 'x, linkedin, blog, newsletter, document, ...' })
  @IsOptional()
  @Matches(/^[a-z0-9_-]{1,40}$/, { message: 'channel must be a channel name (lowercase letters, digits, - or _)' })
  channel?: string;

  @ApiPropertyOptional({ enum: DRAFT_ASSET_STATUSES })
  @IsOptional()
  @IsIn(DRAFT_ASSET_STATUSES, { message: `status must be one of ${DRAFT_ASSET_STATUSES.join(', ')}` })
  status?: DraftAssetStatus;
}

export class PublishDraftAssetDto implements PublishDraftAssetRequest {
  @ApiPropertyOptional({ maxLength: 2000, example: 'https://www.linkedin.com/feed/update/urn:li:activity:1' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'url must be an http(s) address' })
  @MaxLength(2000)
  url?: string;
}
