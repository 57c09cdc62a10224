import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CompleteRequest, DismissRequest, SnoozeRequest } from '@caseyos/contracts';
import { IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class DismissDto implements DismissRequest {
  @ApiProperty({ example: 'Already talked to them yesterday', maxLength: 500 })
  @IsString()
  @IsNotEmpty({ message: 'reason must say why the move is dismissed' })
  @MaxLength(500)
  reason!: string;
}

export class SnoozeDto implements SnoozeRequest {
  @ApiProperty({ example: '2026-11-27T09:00:00Z', description: 'ISO 8601 time in the future' })
  @IsISO8601({ strict: true }, { message: 'until must be an ISO 8601 date-time' })
  until!: string;
}

export class CompleteDto implements CompleteRequest {
  @ApiPropertyOptional({ example: 'Called her from my phone', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}
