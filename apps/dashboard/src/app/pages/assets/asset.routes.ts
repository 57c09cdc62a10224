import { Routes } from '@angular/router';
import { AssetComponent } from './asset.component';

export default [{ path: ':id', title: 'Draft asset · CaseyOS', component: AssetComponent }] satisfies Routes;
