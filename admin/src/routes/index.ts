import { lazy } from 'react';

/** Route components, each in its own chunk so the first screen loads only what it shows. */
export const LoginPage = lazy(() => import('./login/index.tsx').then((m) => ({ default: m.LoginPage })));
export const RegionList = lazy(() => import('./regions/list.tsx').then((m) => ({ default: m.RegionList })));
export const InstitutionList = lazy(() => import('./institutions/list.tsx').then((m) => ({ default: m.InstitutionList })));
export const InstitutionShow = lazy(() => import('./institutions/show.tsx').then((m) => ({ default: m.InstitutionShow })));
export const WorkbenchPage = lazy(() => import('./workbench/index.tsx').then((m) => ({ default: m.WorkbenchPage })));
