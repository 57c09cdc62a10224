import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ProblemException } from './problem-details.filter';

/** Flattens nested class-validator errors into `field.path: messages`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): { field: string; messages: string[] }[] {
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
    exceptionFactory: (errors) => {
      const fieldErrors = flattenValidationErrors(errors);
      const detail = fieldErrors.map((e) => `${e.field}: ${e.messages.join(', ')}`).join('; ');
      return new ProblemException(400, 'validation-failed', `Invalid input. ${detail}`, { errors: fieldErrors });
    },
  });
}
