import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ACTION_TYPES,
  ActionType,
  DOMAINS,
  Domain,
  MANUAL_SIGNAL_KINDS,
  ManualSignalKind,
  ManualSignalRequest,
  MoveSummary,
  Page,
  QUEUE_ITEM_STATUSES,
  QueueItemStatus,
  SIGNAL_SOURCES,
  SignalListItem,
  SignalSource,
} from '@caseyos/contracts';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { IsInstant } from '../../platform/http/is-instant';
import { PageLimitDto } from '../../platform/http/page-limit.dto';

export class ManualSignalDto implements ManualSignalRequest {
  @ApiProperty({ enum: MANUAL_SIGNAL_KINDS, description: 'note: just record it; the others also suggest a move' })
  @IsIn(MANUAL_SIGNAL_KINDS)
  kind!: ManualSignalKind;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note!: string;

  @ApiPropertyOptional()
  @ValidateIf((dto: ManualSignalDto) => !dto.company || dto.contact_email !== undefined)
  @IsEmail({}, { message: 'contact_email must be an email address (or give a company)' })
  @MaxLength(254)
  contact_email?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  contact_name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  company?: string;
}

export class ListSignalsQueryDto extends PageLimitDto {
  @ApiPropertyOptional({ enum: SIGNAL_SOURCES })
  @IsOptional()
  @IsIn(SIGNAL_SOURCES)
  source?: SignalSource;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  kind?: string;

  @ApiPropertyOptional({ description: 'contact email' })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  contact?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'processed must be true or false' })
  processed?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class CountSignalsQueryDto {
  @ApiProperty({ description: 'Count signals received at or after this instant: an ISO 8601 date-time with a time zone (2026-01-31T00:00:00+01:00).' })
  @IsInstant()
  since!: string;
}

// Answers, for Swagger: the types in @caseyos/contracts are what the code uses.

export class MoveSummaryDto implements MoveSummary {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: QUEUE_ITEM_STATUSES })
  status!: QueueItemStatus;

  @ApiProperty()
  title!: string;

  @ApiProperty({ minimum: 0, maximum: 1, description: 'Action Priority Score' })
  aps!: number;

  @ApiProperty({ enum: DOMAINS })
  domain!: Domain;

  @ApiProperty({ enum: ACTION_TYPES })
  action_type!: ActionType;

  @ApiProperty({ description: 'Grows with every change: of two copies of a move, the higher version is the newer.' })
  version!: number;
}

export class SignalListItemDto implements SignalListItem {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: SIGNAL_SOURCES })
  source!: SignalSource;

  @ApiProperty({ example: 'demo_request' })
  kind!: string;

  @ApiProperty({ type: String, nullable: true })
  contact_email!: string | null;

  @ApiProperty({ type: String, nullable: true })
  company!: string | null;

  @ApiProperty({ type: String, nullable: true })
  external_id!: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true })
  payload!: Record<string, unknown>;

  @ApiProperty({ format: 'date-time' })
  received_at!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  processed_at!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The move it made' })
  item_id!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The signal-to-move rule that decided; null when none matched' })
  rule!: string | null;

  @ApiProperty({
    type: 'object',
    nullable: true,
    properties: { label: { type: 'string', enum: ['positive', 'negative', 'neutral'] }, rule: { type: 'string' } },
    description: 'How a Gmail reply was classified',
  })
  classification!: SignalListItem['classification'];

  @ApiProperty({ type: MoveSummaryDto, nullable: true, description: 'Its move as it stands now; null when it made none (or the move is gone)' })
  move!: MoveSummaryDto | null;
}

export class SignalPageDto implements Page<SignalListItem> {
  @ApiProperty({ type: [SignalListItemDto] })
  items!: SignalListItemDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last' })
  next_cursor!: string | null;
}
