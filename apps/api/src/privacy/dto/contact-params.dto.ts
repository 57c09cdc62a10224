import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, MaxLength } from 'class-validator';

export class ContactParamsDto {
  @ApiProperty({ example: 'dana@northwind.example.com', description: 'The email address, matched in any case' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254, { message: 'email must be at most 254 characters' })
  email!: string;
}
