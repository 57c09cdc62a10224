import { ValidateBy, ValidationOptions, buildMessage, isISO8601 } from 'class-validator';

/** A date (read as UTC midnight) or a date-time with a zone: never the server's local time. */
const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

export function isInstant(value: unknown): value is string {
  return typeof value === 'string' && INSTANT.test(value) && isISO8601(value, { strict: true }) && !Number.isNaN(Date.parse(value));
}

/** An ISO 8601 date (2026-01-31) or date-time with a time zone (2026-01-31T09:00:00Z, …+02:00). */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: isInstant,
        defaultMessage: buildMessage((each) => `${each}$property must be an ISO 8601 date (2026-01-31) or date-time with a time zone (2026-01-31T09:00:00Z)`),
      },
    },
    options,
  );
}
