import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProcessBeat } from './process-beat.entity';
import { ProcessBeatsService } from './process-beats.service';

/** Which api and worker processes run, from each one's own heartbeat. */
@Module({ imports: [TypeOrmModule.forFeature([ProcessBeat])], providers: [ProcessBeatsService], exports: [ProcessBeatsService] })
export class ProcessesModule {}
