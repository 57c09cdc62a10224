import { Routes } from '@angular/router';
import { SignInComponent } from './sign-in.component';

export default [{ path: '', title: 'Sign in · CaseyOS', component: SignInComponent }] satisfies Routes;
