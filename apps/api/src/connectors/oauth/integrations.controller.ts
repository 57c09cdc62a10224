import { Controller, Delete, Get, HttpCode, Param, PipeTransform, Query, Req, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { INTEGRATION_PROVIDERS, IntegrationProvider, IntegrationsResponse } from '@caseyos/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../platform/auth/public.decorator';
import { AppConfig } from '../../platform/config/app-config';
import { ProblemException } from '../../platform/http/problem-details.filter';
import { IntegrationsService } from './integrations.service';
import { OAuthFlowService } from './oauth-flow.service';

/** Carries the binding nonce from connect to callback; Lax so it survives the provider's redirect. */
const BINDING_COOKIE = 'caseyos_oauth_binding';

class ProviderPipe implements PipeTransform<string, IntegrationProvider> {
  transform(value: string): IntegrationProvider {
    if (!(INTEGRATION_PROVIDERS as readonly string[]).includes(value)) {
      throw new ProblemException(404, 'not-found', `No integration named ${JSON.stringify(value.slice(0, 50))}.`);
    }
    return value as IntegrationProvider;
  }
}

@ApiTags('integrations')
@Controller('api/integrations')
export class IntegrationsController {
  constructor(
    private readonly integrations: IntegrationsService,
    private readonly oauth: OAuthFlowService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'Per provider: status, account, scopes, last sync, last error, sandbox or real.' })
  list(): Promise<IntegrationsResponse> {
    return this.integrations.summary();
  }

  @Get(':provider/connect')
  @ApiFoundResponse({ description: "Redirects to the provider's consent screen." })
  async connect(@Param('provider', ProviderPipe) provider: IntegrationProvider, @Res() reply: FastifyReply) {
    const { authorizeUrl, binding } = await this.oauth.start(provider);
    reply.setCookie(BINDING_COOKIE, binding, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.cookieSecure,
      path: '/api/integrations',
      maxAge: 600,
    });
    return reply.redirect(authorizeUrl, 302);
  }

  /** Open: the provider's redirect carries no credentials; the one-time state and cookie do. */
  @Public()
  @Get(':provider/callback')
  @ApiFoundResponse({ description: 'Back to the dashboard once connected.' })
  async callback(
    @Param('provider', ProviderPipe) provider: IntegrationProvider,
    @Query() query: Record<string, string | undefined>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    reply.clearCookie(BINDING_COOKIE, { path: '/api/integrations' });
    if (query.error) {
      return reply.redirect(`/caseyos/integrations?error=${encodeURIComponent(`${provider}: ${query.error}`.slice(0, 200))}`, 302);
    }
    if (!query.code || !query.state) {
      throw new ProblemException(400, 'oauth-state-invalid', 'The callback needs code and state.');
    }
    try {
      await this.oauth.complete(provider, query.code, query.state, request.cookies?.[BINDING_COOKIE]);
    } catch (error) {
      // A person in a browser gets the dashboard with the reason; API clients get the problem.
      if (!(error instanceof ProblemException) || !request.headers.accept?.includes('text/html')) throw error;
      return reply.redirect(`/caseyos/integrations?error=${encodeURIComponent(`${provider}: ${error.message}`.slice(0, 200))}`, 302);
    }
    return reply.redirect(`/caseyos/integrations?connected=${provider}`, 302);
  }

  @Delete(':provider')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Disconnected: tokens forgotten.' })
  async disconnect(@Param('provider', ProviderPipe) provider: IntegrationProvider): Promise<void> {
    if (!(await this.integrations.disconnect(provider))) {
      throw new ProblemException(404, 'not-found', `${provider} is not connected.`);
    }
  }
}
