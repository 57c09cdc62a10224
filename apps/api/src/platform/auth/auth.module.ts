import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthController } from './auth.controller';
import { OperatorAuthGuard } from './operator-auth.guard';
import { OperatorAuthService } from './operator-auth.service';
import { OperatorSession } from './operator-session.entity';
import { SessionsService } from './sessions.service';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([OperatorSession])],
  controllers: [AuthController],
  providers: [SessionsService, OperatorAuthService, { provide: APP_GUARD, useClass: OperatorAuthGuard }],
  exports: [OperatorAuthService],
})
export class AuthModule {}
