import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiBody, ApiHeader, ApiTags, ApiUnauthorizedResponse, SchemaObject } from '@nestjs/swagger';
import type { IngestResponse } from '@caseyos/contracts';
import type { FastifyRequest } from 'fastify';
import { Public } from '../../platform/auth/public.decorator';
import { OperatorAuthService } from '../../platform/auth/operator-auth.service';
import { AppConfig } from '../../platform/config/app-config';
import { ProblemException } from '../../platform/http/problem-details.filter';
import { formKind } from '../processors/form.processor';
import { SignalsService } from '../signals.service';
import { normalizeFormSubmission } from './form-submission';
import { verifyV3 } from './hubspot-signature';
import { actorOf } from '../../platform/auth/actor';

/** The two shapes `normalizeFormSubmission` accepts, as the API document shows them. */
const FORM_SUBMISSION_SCHEMA: SchemaObject = {
  oneOf: [
    {
      type: 'object',
      required: ['fields'],
      properties: {
        form_name: { type: 'string', maxLength: 200 },
        fields: {
          type: 'object',
          additionalProperties: { type: 'string', maxLength: 5000 },
          required: ['email'],
          properties: { email: { type: 'string', format: 'email' } },
        },
        page_url: { type: 'string' },
        submitted_at: { type: 'string', format: 'date-time' },
      },
      example: { form_name: 'Demo request', fields: { email: 'dana@northwind.example.com', company: 'Northwind' } },
    },
    {
      type: 'object',
      required: ['values'],
      properties: {
        formName: { type: 'string', maxLength: 200 },
        formId: { type: 'string' },
        values: { type: 'array', maxItems: 100, items: { type: 'object', properties: { name: { type: 'string' }, value: { type: 'string' } } } },
        pageUrl: { type: 'string' },
        submittedAt: { type: 'integer', description: 'milliseconds since 1970' },
      },
      example: { formName: 'Contact us', values: [{ name: 'email', value: 'dana@northwind.example.com' }], submittedAt: 1767225600000 },
    },
  ],
};

@ApiTags('webhooks')
@Controller('api/webhooks/hubspot')
export class HubSpotWebhooksController {
  constructor(
    private readonly signals: SignalsService,
    private readonly auth: OperatorAuthService,
    private readonly config: AppConfig,
  ) {}

  /** Authenticated here rather than by the global guard: HubSpot's signature or the operator. */
  @Public()
  @Post('form-submission')
  @HttpCode(202)
  @ApiHeader({ name: 'X-HubSpot-Signature-v3', required: false, description: 'or the operator token' })
  @ApiHeader({ name: 'X-HubSpot-Request-Timestamp', required: false })
  @ApiBody({ description: "Our simple shape or HubSpot's own (form-submission.ts); an email is required.", schema: FORM_SUBMISSION_SCHEMA })
  @ApiAcceptedResponse({ description: 'Stored before this answer: {signal_id, duplicate, move}.' })
  @ApiBadRequestResponse({ description: 'No valid email: nothing stored.' })
  @ApiUnauthorizedResponse({ description: 'Neither a valid HubSpot signature nor the operator token.' })
  async formSubmission(@Req() request: FastifyRequest): Promise<IngestResponse> {
    await this.authenticate(request);
    const submission = normalizeFormSubmission(request.body);
    return this.signals.receive(
      {
        source: 'form',
        kind: formKind(submission.form_name),
        payload: { ...submission },
        contactEmail: submission.fields.email,
        company: submission.fields.company ?? null,
      },
      actorOf(request),
    );
  }

  private async authenticate(request: FastifyRequest): Promise<void> {
    const signature = request.headers['x-hubspot-signature-v3'];
    const secret = this.config.HUBSPOT_WEBHOOK_SECRET ?? this.config.HUBSPOT_CLIENT_SECRET;
    if (typeof signature === 'string' && secret) {
      const timestamp = request.headers['x-hubspot-request-timestamp'];
      const check = verifyV3(
        secret,
        {
          method: request.method,
          url: `${this.config.publicUrl}${request.url}`,
          rawBody: request.rawBody ?? '',
          timestamp: typeof timestamp === 'string' ? timestamp : undefined,
          signature,
        },
        Date.now(),
      );
      if (check === 'valid') {
        request.principal = { kind: 'signed', actor: 'hubspot:webhook' };
        return;
      }
      throw new ProblemException(
        401,
        'invalid-signature',
        check === 'stale' ? 'The request timestamp is missing or older than five minutes.' : 'The HubSpot signature does not match.',
      );
    }
    const outcome = await this.auth.authenticate(request);
    if (!outcome.ok) throw new ProblemException(outcome.status, outcome.slug, 'Send a valid X-HubSpot-Signature-v3 or the operator token.');
    request.principal = outcome.principal;
  }
}
