import { Routes } from '@angular/router';
import { TodayComponent } from './today.component';

export default [{ path: '', title: 'Today · CaseyOS', component: TodayComponent }] satisfies Routes;
