import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Integration } from './oauth/integration.entity';
import { IntegrationsController } from './oauth/integrations.controller';
import { IntegrationsService } from './oauth/integrations.service';
import { OAuthFlowService } from './oauth/oauth-flow.service';
import { SandboxAutoConnect } from './oauth/sandbox-auto-connect';

/** The only code that talks to HubSpot and Google; modules call the ports it exports. */
@Module({
  imports: [TypeOrmModule.forFeature([Integration])],
  controllers: [IntegrationsController],
  providers: [IntegrationsService, OAuthFlowService, SandboxAutoConnect],
  exports: [IntegrationsService],
})
export class ConnectorsModule {}
