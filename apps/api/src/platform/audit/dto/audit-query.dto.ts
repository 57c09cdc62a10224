import { ApiPropertyOptional } from '@nestjs/swagger';
import type { AuditFilters } from '@caseyos/contracts';
import { IsDefined, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { IsInstant } from '../../http/is-instant';
import { CursorPageDto } from '../../http/page-limit.dto';

const INSTANT_EXAMPLE = '2026-01-31T09:00:00Z';

export class AuditQueryDto extends CursorPageDto implements AuditFilters {
  @ApiPropertyOptional({ example: 'operator:token', description: 'exactly this actor' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actor?: string;

  @ApiPropertyOptional({ example: 'POST /api/auth/session', description: 'exactly this action' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  action?: string;

  @ApiPropertyOptional({ example: '/api/auth/session', description: 'exactly this subject' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  subject?: string;

  @ApiPropertyOptional({ example: 'command_queue_item', description: 'subjects of this kind: `<subject_type>:<id>`' })
  @ValidateIf((dto: AuditQueryDto) => dto.subject_type !== undefined || dto.subject_id !== undefined)
  @IsDefined({ message: 'subject_type is required with subject_id' })
  @Matches(/^[a-z][a-z0-9_]{0,63}$/, { message: 'subject_type must be lowercase letters, digits and _ (command_queue_item)' })
  subject_type?: string;

  @ApiPropertyOptional({ description: 'with subject_type: exactly the subject `<subject_type>:<subject_id>`' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  subject_id?: string;

  @ApiPropertyOptional({ example: INSTANT_EXAMPLE, description: 'at or after this instant' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ example: INSTANT_EXAMPLE, description: 'before this instant (after `from`)' })
  @IsOptional()
  @IsInstant()
  to?: string;
}
