import { lazy } from 'react';

/** Public 开放数据 page (no sign-in): the registry of filed institutions as CSV / XLSX. */
export const OpenDataPage = lazy(() => import('./index.tsx').then((m) => ({ default: m.OpenDataPage })));
