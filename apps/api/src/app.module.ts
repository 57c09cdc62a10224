import { DynamicModule, Module } from '@nestjs/common';
import { CommandQueueModule } from './command-queue/command-queue.module';
import { ConnectorsModule } from './connectors/connectors.module';
import { ExecutionModule } from './execution/execution.module';
import { OutcomesModule } from './outcomes/outcomes.module';
import { AppConfig } from './platform/config/app-config';
import { PlatformModule } from './platform/platform.module';
import { PrivacyModule } from './privacy/privacy.module';
import { SignalsModule } from './signals/signals.module';

/** The whole API; the role decides whether job workers start (see JobHandlerRegistry). */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    const commandQueue = CommandQueueModule.forRoot(config);
    const signals = SignalsModule.forRoot(commandQueue);
    const execution = ExecutionModule.forRoot(config, commandQueue);
    const outcomes = OutcomesModule.forRoot(config, commandQueue, execution, signals);
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot(config),
        ConnectorsModule,
        commandQueue,
        signals,
        execution,
        outcomes,
        PrivacyModule.forRoot(commandQueue, signals, execution, outcomes),
      ],
    };
  }
}
