import { lazy } from 'react';

/** 备案登记册 pages (the XLSX library loads only when someone exports). */
export const RegistryList = lazy(() => import('./list.tsx').then((m) => ({ default: m.RegistryList })));
export const RegistryShow = lazy(() => import('./show.tsx').then((m) => ({ default: m.RegistryShow })));
