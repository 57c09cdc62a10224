import { ValidationError, ValidationPipe } from '@nestjs/common';
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
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => validationFailed(flattenValidationErrors(errors)),
  });
}
