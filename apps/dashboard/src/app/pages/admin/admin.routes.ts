import { Routes } from '@angular/router';
import { AdminComponent } from './admin.component';

export default [{ path: '', title: 'Admin · CaseyOS', component: AdminComponent }] satisfies Routes;
