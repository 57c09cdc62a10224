import { Module } from '@nestjs/common';
import { ProcessesModule } from '../processes/processes.module';
import { HealthController } from './health.controller';
import { ReadinessService } from './readiness.service';

@Module({ imports: [ProcessesModule], controllers: [HealthController], providers: [ReadinessService] })
export class HealthModule {}
