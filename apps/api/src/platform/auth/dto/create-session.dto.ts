import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { CreateSessionRequest } from '@caseyos/contracts';

export class CreateSessionDto implements CreateSessionRequest {
  @ApiProperty({ description: 'The operator token (ADMIN_TOKEN).' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(512)
  token!: string;
}

export class SessionResponseDto {
  @ApiProperty() authenticated!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Send as X-CSRF-Token on state-changing requests.' })
  csrf_token!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) expires_at!: string | null;
}
