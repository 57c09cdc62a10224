import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageLimitDto } from '../../http/page-limit.dto';

export class AuditQueryDto extends PageLimitDto {
  @ApiPropertyOptional({ example: 'operator:token' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actor?: string;

  @ApiPropertyOptional({ example: 'POST /api/auth/session' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  action?: string;

  @ApiPropertyOptional({ example: '/api/auth/session' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  subject?: string;

  @ApiPropertyOptional({ description: 'next_cursor from the previous page' })
  @IsOptional()
  @Matches(/^\d{1,19}$/, { message: 'cursor must be a next_cursor value from a previous page' })
  cursor?: string;
}
