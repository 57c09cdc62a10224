import { Routes } from '@angular/router';
import { IntegrationsComponent } from './integrations.component';

export default [{ path: '', title: 'Integrations · CaseyOS', component: IntegrationsComponent }] satisfies Routes;
