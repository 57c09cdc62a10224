import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DOMAINS,
  type Domain,
  LENGTH_PREFERENCES,
  type LengthPreference,
  VOICE_PREVIEW_SAMPLES,
  type VoicePreviewRequest,
  type VoicePreviewSample,
  type VoiceProfileInput,
  type VoiceProfileUpdate,
} from '@caseyos/contracts';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';

const MAX_PHRASES = 20;
const MAX_EXAMPLES = 5;

/** The fields of a profile; on an update every one is optional. */
class VoiceProfileFields {
  @ApiPropertyOptional({ maxLength: 2000, description: 'How the founder sounds, in their words (the language model reads it)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  tone_notes?: string;

  @ApiPropertyOptional({ maxLength: 120, example: 'Hi {first_name},', description: '{first_name} and {name} are filled with the contact\u2019s' })
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'greeting must not be empty' })
  @MaxLength(120)
  greeting?: string;

  @ApiPropertyOptional({ maxLength: 120, example: 'Best,' })
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'sign_off must not be empty' })
  @MaxLength(120)
  sign_off?: string;

  @ApiPropertyOptional({ enum: LENGTH_PREFERENCES })
  @IsOptional()
  @IsIn(LENGTH_PREFERENCES, { message: `length must be one of ${LENGTH_PREFERENCES.join(', ')}` })
  length?: LengthPreference;

  @ApiPropertyOptional({ type: [String], maxItems: MAX_PHRASES })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PHRASES)
  @IsString({ each: true })
  @IsNotEmpty({ each: true, message: 'phrases_to_use must not hold empty phrases' })
  @MaxLength(120, { each: true })
  phrases_to_use?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: MAX_PHRASES })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PHRASES)
  @IsString({ each: true })
  @IsNotEmpty({ each: true, message: 'phrases_to_avoid must not hold empty phrases' })
  @MaxLength(120, { each: true })
  phrases_to_avoid?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: MAX_EXAMPLES, description: 'Messages the founder wrote, for the language model to match' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_EXAMPLES)
  @IsString({ each: true })
  @MaxLength(4000, { each: true })
  example_messages?: string[];

  @ApiPropertyOptional({ description: 'Make this the default profile (the previous default stops being one)' })
  @IsOptional()
  @IsBoolean({ message: 'is_default must be true or false' })
  is_default?: boolean;

  @ApiPropertyOptional({ enum: DOMAINS, nullable: true, description: 'Drafts for moves of this domain use this profile' })
  @IsOptional()
  @ValidateIf((_body, value) => value !== null)
  @IsIn(DOMAINS, { message: `domain must be one of ${DOMAINS.join(', ')}, or null` })
  domain?: Domain | null;
}

export class CreateVoiceProfileDto extends VoiceProfileFields implements VoiceProfileInput {
  @ApiProperty({ maxLength: 80 })
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(80)
  name!: string;
}

export class UpdateVoiceProfileDto extends VoiceProfileFields implements VoiceProfileUpdate {
  @ApiPropertyOptional({ maxLength: 80 })
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(80)
  name?: string;
}

export class VoicePreviewDto implements VoicePreviewRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'Absent: a built-in sample move' })
  @IsOptional()
  @IsUUID('4', { message: 'move_id must be a move id (UUID)' })
  move_id?: string;

  @ApiPropertyOptional({
    enum: VOICE_PREVIEW_SAMPLES,
    description: 'Which built-in sample without move_id: a demo request (default) or a reply from a prospect, with its text',
  })
  @IsOptional()
  @IsIn(VOICE_PREVIEW_SAMPLES, { message: `sample must be one of ${VOICE_PREVIEW_SAMPLES.join(', ')}` })
  sample?: VoicePreviewSample;
}
