import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { IsNull, LessThan, MoreThan, Repository } from 'typeorm';
import { CLOCK, Clock } from '../clock/clock';
import { AppConfig } from '../config/app-config';
import { sha256Hex } from './constant-time';
import { OperatorSession } from './operator-session.entity';

export interface OpenedSession {
  cookieValue: string;
  session: OperatorSession;
}

/** Dashboard sessions: the cookie carries a random secret, Postgres keeps only its hash. */
@Injectable()
export class SessionsService {
  constructor(
    @InjectRepository(OperatorSession) private readonly sessions: Repository<OperatorSession>,
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async open(): Promise<OpenedSession> {
    const now = this.clock.now();
    const cookieValue = randomBytes(32).toString('base64url');
    const session = await this.sessions.save(
      this.sessions.create({
        tokenHash: sha256Hex(cookieValue),
        csrfToken: randomBytes(24).toString('base64url'),
        createdAt: now,
        expiresAt: new Date(now.getTime() + this.config.SESSION_TTL_HOURS * 3_600_000),
        revokedAt: null,
      }),
    );
    // Sessions are cheap to keep; expired ones are dropped when a new one opens.
    await this.sessions.delete({ expiresAt: LessThan(now) });
    return { cookieValue, session };
  }

  async findActive(cookieValue: string): Promise<OperatorSession | null> {
    return this.sessions.findOne({
      where: { tokenHash: sha256Hex(cookieValue), revokedAt: IsNull(), expiresAt: MoreThan(this.clock.now()) },
    });
  }

  async revoke(id: string): Promise<void> {
    await this.sessions.update({ id }, { revokedAt: this.clock.now() });
  }
}
