import 'reflect-metadata';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUrl, Max, Min } from 'class-validator';
import { loadSettings } from '../platform/config/load-config';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/**
 * The optional language-model writer (docs/DRAFTING.md). Without LLM_BASE_URL every draft comes
 * from the templates. Retries and the breaker follow the execution rules: transient failures
 * (429 waiting its Retry-After, 5xx, network) retried with backoff, consecutive failures opening
 * the breaker; the whole call has one deadline, after which the template writer answers instead.
 */
export class DraftingSettings {
  /** An OpenAI-compatible API base, e.g. https://api.openai.com/v1 (chat completions is POST {base}/chat/completions). */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'LLM_BASE_URL must be an http(s) URL' })
  LLM_BASE_URL?: string;

  /** Secret: read from the environment only, never logged. Optional for local endpoints that need none. */
  @IsOptional() @IsString() LLM_API_KEY?: string;

  @IsString() LLM_MODEL = 'gpt-4o-mini';

  /** The whole model call, retries included; past it the template writes the draft. */
  @Transform(toInt) @IsInt() @Min(1) @Max(120) LLM_TIMEOUT_SECONDS = 15;

  @Transform(toInt) @IsInt() @Min(0) @Max(10) LLM_MAX_RETRIES = 2;

  @Transform(toInt) @IsInt() @Min(1) LLM_RETRY_BASE_MS = 500;

  /** Consecutive failed model calls that open the breaker (drafts come from the templates meanwhile). */
  @Transform(toInt) @IsInt() @Min(1) LLM_BREAKER_FAILURES = 5;

  @Transform(toInt) @IsInt() @Min(1) LLM_BREAKER_OPEN_SECONDS = 60;
}

export function loadDraftingSettings(env: NodeJS.ProcessEnv): DraftingSettings {
  return loadSettings(DraftingSettings, env);
}
