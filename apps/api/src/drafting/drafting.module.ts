import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../platform/config/app-config';
import { environmentOf } from '../platform/config/load-config';
import { DraftPreviewSocket } from './draft-preview.port';
import { DraftingSettings, loadDraftingSettings } from './drafting-settings';
import { DraftingService } from './drafting.service';
import { VoiceProfileRecord } from './entities/voice-profile.entity';
import { VoicePreview } from './voice-profiles/voice-preview';
import { VoiceProfilesController } from './voice-profiles/voice-profiles.controller';
import { VoiceProfilesService } from './voice-profiles/voice-profiles.service';
import { LlmDraftWriter } from './writers/llm.writer';
import { TemplateDraftWriter } from './writers/template.writer';

/**
 * Every draft's text (docs/DRAFTING.md): voice profiles, the template and language-model writers
 * behind one port, the checks. Owns `voice_profiles`; imports only platform. Execution asks
 * DraftingService for text and plugs the preview source in.
 */
@Module({
  imports: [TypeOrmModule.forFeature([VoiceProfileRecord])],
  controllers: [VoiceProfilesController],
  providers: [
    { provide: DraftingSettings, inject: [AppConfig], useFactory: (config: AppConfig) => loadDraftingSettings(environmentOf(config)) },
    VoiceProfilesService,
    TemplateDraftWriter,
    LlmDraftWriter,
    DraftingService,
    DraftPreviewSocket,
    VoicePreview,
  ],
  exports: [DraftingService, DraftPreviewSocket],
})
export class DraftingModule {}
