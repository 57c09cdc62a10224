import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min, MaxLength } from 'class-validator';

const LIMIT_MESSAGE = 'limit must be a whole number from 1 to 200';

/** The page size every listing takes: 1..200, 50 by default. */
export class PageLimitDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 50 })
  @Type(() => Number)
  @IsInt({ message: LIMIT_MESSAGE })
  @Min(1, { message: LIMIT_MESSAGE })
  @Max(200, { message: LIMIT_MESSAGE })
  limit = 50;
}

/** A page size and the opaque `next_cursor` of the previous page (keyset paging, `keyset-page.ts`). */
export class CursorPageDto extends PageLimitDto {
  @ApiPropertyOptional({ description: 'next_cursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
