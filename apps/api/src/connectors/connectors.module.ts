import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../platform/config/app-config';
import { environmentOf } from '../platform/config/load-config';
import { ConnectorSettings, loadConnectorSettings } from './connector-settings';
import { CalendarConnector } from './google/calendar.connector';
import { GmailConnector } from './google/gmail.connector';
import { GoogleApiService } from './google/google-api.service';
import { HubSpotApiService } from './hubspot/hubspot-api.service';
import { HubSpotAuthService } from './hubspot/hubspot-auth.service';
import { HubSpotConnector } from './hubspot/hubspot.connector';
import { Integration } from './oauth/integration.entity';
import { IntegrationsController } from './oauth/integrations.controller';
import { IntegrationsService } from './oauth/integrations.service';
import { OAuthFlowService } from './oauth/oauth-flow.service';
import { SandboxAutoConnect } from './oauth/sandbox-auto-connect';

/** The only code that talks to HubSpot and Google; modules call the ports it exports. */
@Module({
  imports: [TypeOrmModule.forFeature([Integration])],
  controllers: [IntegrationsController],
  providers: [
    { provide: ConnectorSettings, inject: [AppConfig], useFactory: (config: AppConfig) => loadConnectorSettings(environmentOf(config)) },
    IntegrationsService,
    OAuthFlowService,
    SandboxAutoConnect,
    HubSpotAuthService,
    HubSpotApiService,
    HubSpotConnector,
    GoogleApiService,
    GmailConnector,
    CalendarConnector,
  ],
  exports: [IntegrationsService, HubSpotConnector, GmailConnector, CalendarConnector],
})
export class ConnectorsModule {}
