import { ArgumentMetadata, Type, ValidationError, ValidationPipe } from '@nestjs/common';
import type { ValidatorOptions } from 'class-validator';
import { ProblemException } from './problem-details.filter';

/** One refused field of a request, as problem+json's `errors` lists it. */
export interface FieldError {
  field: string;
  messages: string[];
}

/** The 400 for refused fields: each named in `errors`, all summed up in `detail`. */
export function validationFailed(errors: FieldError[]): ProblemException {
  const detail = errors.map((error) => `${error.field}: ${error.messages.join(', ')}`).join('; ');
  return new ProblemException(400, 'validation-failed', `Invalid input. ${detail}`, { errors });
}

/** Flattens nested class-validator errors into `field.path: messages`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Whitelisting validation for every body and query; unknown fields are rejected, not dropped. */
export function createValidationPipe(): ValidationPipe {
  return new QueryRememberingValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => validationFailed(flattenValidationErrors(errors)),
  });
}

/** Query strings remembered per DTO, and their longest length: a dashboard asks the same few over and over. */
const REMEMBERED_QUERIES = 256;
const REMEMBERED_QUERY_LENGTH = 512;

/**
 * Remembers which query strings passed validation, per DTO, and skips class-validator for them
 * the next time (the DTO instance is still built afresh): validation is a pure function of the
 * query, and on a polled read such as Today it was the largest piece of the request's own work.
 * Bodies are always validated (they rarely repeat, and they are not kept in memory).
 */
class QueryRememberingValidationPipe extends ValidationPipe {
  private readonly passed = new Map<Type, Set<string>>();
  private skipNextValidation = false;

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const known = metadata.type === 'query' && metadata.metatype ? this.passed.get(metadata.metatype) : undefined;
    const key = metadata.type === 'query' ? JSON.stringify(value) : undefined;
    if (key === undefined || key.length > REMEMBERED_QUERY_LENGTH || !metadata.metatype) return super.transform(value, metadata);
    if (known?.has(key)) {
      // super.transform runs synchronously up to validate(), which takes the flag; it is cleared
      // right after either way, so it can never reach another request.
      this.skipNextValidation = true;
      const built: Promise<unknown> = super.transform(value, metadata);
      this.skipNextValidation = false;
      return built;
    }
    const result: unknown = await super.transform(value, metadata);
    this.remember(metadata.metatype, key);
    return result;
  }

  protected override validate(object: object, options?: ValidatorOptions): Promise<ValidationError[]> | ValidationError[] {
    if (!this.skipNextValidation) return super.validate(object, options);
    this.skipNextValidation = false;
    return [];
  }

  private remember(dto: Type, key: string): void {
    let keys = this.passed.get(dto);
    if (!keys) this.passed.set(dto, (keys = new Set()));
    if (keys.size >= REMEMBERED_QUERIES) keys.delete(keys.values().next().value as string);
    keys.add(key);
  }
}
