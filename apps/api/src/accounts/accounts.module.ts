import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountActivitySocket } from './account-activity.port';
import { Account } from './account.entity';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';

/**
 * Companies as CaseyOS knows them (docs/ARCHITECTURE.md): the HubSpot poller records wins and
 * renewals, the queue scores churn risk from their health, drafts quote them. Owns `accounts`;
 * imports only platform.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Account])],
  controllers: [AccountsController],
  providers: [AccountsService, AccountActivitySocket],
  exports: [AccountsService, AccountActivitySocket],
})
export class AccountsModule {}
