import { Routes } from '@angular/router';
import { VoiceProfilesComponent } from './voice-profiles.component';

export default [{ path: '', title: 'Voice profiles · CaseyOS', component: VoiceProfilesComponent }] satisfies Routes;
