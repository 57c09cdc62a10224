import { Routes } from '@angular/router';
import { AssetComponent } from './asset.component';
import { AssetsListComponent } from './assets-list.component';

export default [
  { path: '', title: 'Assets · CaseyOS', component: AssetsListComponent },
  { path: ':id', title: 'Draft asset · CaseyOS', component: AssetComponent },
] satisfies Routes;
