import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { PageLimitDto } from './page-limit.dto';
import { ProblemException } from './problem-details.filter';
import { createValidationPipe } from './validation';

const asQuery: ArgumentMetadata = { type: 'query', metatype: PageLimitDto };
const asBody: ArgumentMetadata = { type: 'body', metatype: PageLimitDto };

describe('the validation pipe', () => {
  let validations: jest.SpyInstance;
  beforeEach(() => {
    validations = jest.spyOn(ValidationPipe.prototype as any, 'validate');
  });
  afterEach(() => validations.mockRestore());

  it('validates a query string once, then builds a fresh DTO for it without validating again', async () => {
    const pipe = createValidationPipe();
    const first = (await pipe.transform({ limit: '20' }, asQuery)) as PageLimitDto;
    const second = (await pipe.transform({ limit: '20' }, asQuery)) as PageLimitDto;
    expect(second).toBeInstanceOf(PageLimitDto);
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
    expect(second.limit).toBe(20);
    expect(validations).toHaveBeenCalledTimes(1);
  });

  it('never remembers a refused query: it is refused every time, and a remembered one does not let it through', async () => {
    const pipe = createValidationPipe();
    await pipe.transform({ limit: '20' }, asQuery);
    for (let i = 0; i < 2; i += 1) {
      await expect(pipe.transform({ limit: '500' }, asQuery)).rejects.toBeInstanceOf(ProblemException);
      await expect(pipe.transform({ limit: '20', extra: 'x' }, asQuery)).rejects.toBeInstanceOf(ProblemException);
    }
    expect(validations).toHaveBeenCalledTimes(5);
  });

  it('always validates bodies', async () => {
    const pipe = createValidationPipe();
    await pipe.transform({ limit: 20 }, asBody);
    await pipe.transform({ limit: 20 }, asBody);
    expect(validations).toHaveBeenCalledTimes(2);
  });

  it('keeps remembering the queries asked for lately once it has seen many', async () => {
    const pipe = createValidationPipe();
    for (let limit = 1; limit <= 200; limit += 1) await pipe.transform({ limit: String(limit) }, asQuery);
    for (let limit = 1; limit <= 200; limit += 1) await pipe.transform({ limit: `0${limit}` }, asQuery); // 400 query strings in all
    validations.mockClear();
    await pipe.transform({ limit: '0200' }, asQuery);
    await pipe.transform({ limit: '1' }, asQuery); // among the oldest of 400: forgotten
    expect(validations).toHaveBeenCalledTimes(1);
  });
});
