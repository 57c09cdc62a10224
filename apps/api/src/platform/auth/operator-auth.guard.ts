import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ProblemException } from '../http/problem-details.filter';
import { OperatorAuthService } from './operator-auth.service';
import { IS_PUBLIC } from './public.decorator';

/** Global guard: every route needs the operator, unless marked @Public(). */
@Injectable()
export class OperatorAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: OperatorAuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const outcome = await this.auth.authenticate(request);
    if (!outcome.ok) throw new ProblemException(outcome.status, outcome.slug, outcome.detail);
    request.principal = outcome.principal;
    return true;
  }
}
