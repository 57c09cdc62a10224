import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { SESSION_COOKIE, SessionResponse } from '@caseyos/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import { ProblemException } from '../http/problem-details.filter';
import { CreateSessionDto, SessionResponseDto } from './dto/create-session.dto';
import { OperatorAuthService } from './operator-auth.service';
import { Public } from './public.decorator';
import { SessionsService } from './sessions.service';

const SIGNED_OUT: SessionResponse = { authenticated: false, csrf_token: null, expires_at: null };

@ApiTags('auth')
@Controller('api/auth/session')
export class AuthController {
  constructor(
    private readonly auth: OperatorAuthService,
    private readonly sessions: SessionsService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Post()
  @ApiCreatedResponse({ type: SessionResponseDto, description: 'Signed in; the session cookie is set.' })
  @ApiUnauthorizedResponse({ description: 'Wrong operator token.' })
  async signIn(@Body() body: CreateSessionDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<SessionResponse> {
    if (!this.auth.matchesOperatorToken(body.token)) {
      throw new ProblemException(401, 'unauthorized', 'The operator token is not valid.');
    }
    const { cookieValue, session } = await this.sessions.open();
    request.principal = { kind: 'session', actor: `operator:session:${session.id.slice(0, 8)}`, session };
    reply.setCookie(SESSION_COOKIE, cookieValue, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.cookieSecure,
      path: '/',
      expires: session.expiresAt,
    });
    return { authenticated: true, csrf_token: session.csrfToken, expires_at: session.expiresAt.toISOString() };
  }

  @Public()
  @Get()
  @ApiOkResponse({ type: SessionResponseDto, description: 'Whether the cookie holds a live session; never 401.' })
  async current(@Req() request: FastifyRequest): Promise<SessionResponse> {
    const cookie = request.cookies?.[SESSION_COOKIE];
    const session = cookie ? await this.sessions.findActive(cookie) : null;
    if (!session) return SIGNED_OUT;
    return { authenticated: true, csrf_token: session.csrfToken, expires_at: session.expiresAt.toISOString() };
  }

  @Delete()
  @HttpCode(204)
  @ApiCookieAuth('session')
  @ApiNoContentResponse({ description: 'Signed out; the session ends and the cookie is cleared.' })
  async signOut(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    if (request.principal?.kind === 'session') await this.sessions.revoke(request.principal.session.id);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }
}
