import { DynamicModule, Global, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AlertsModule } from './alerts/alerts.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { AdjustableClock, CLOCK, systemClock } from './clock/clock';
import { AppConfig } from './config/app-config';
import { CryptoModule } from './crypto/crypto.module';
import { DashboardController } from './dashboard/dashboard.controller';
import { DatabaseModule } from './database/database.module';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { AppLogger } from './logging/app-logger';
import { MetricsModule } from './metrics/metrics.module';
import { QueuesModule } from './queues/queues.module';
import { RedisModule } from './redis/redis.module';

/** Config, clock, storage, queues, auth, audit, health and metrics: what every module stands on. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        ScheduleModule.forRoot(),
        DatabaseModule,
        RedisModule,
        QueuesModule.forRoot(config),
        AuthModule,
        CryptoModule,
        AuditModule,
        EventsModule,
        MetricsModule,
        HealthModule,
        AlertsModule,
      ],
      controllers: [DashboardController],
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: CLOCK, useValue: config.NODE_ENV === 'test' ? new AdjustableClock() : systemClock },
        AppLogger,
      ],
      exports: [AppConfig, CLOCK, AppLogger],
    };
  }
}
