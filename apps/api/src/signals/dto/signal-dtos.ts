import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MANUAL_SIGNAL_KINDS, ManualSignalKind, ManualSignalRequest, SIGNAL_SOURCES, SignalSource } from '@caseyos/contracts';
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
