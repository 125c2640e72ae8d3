import { lazy } from 'react';

/** 通报 (issue 15): monthly and weekly bulletins of a city or province. */
export const BulletinsPage = lazy(() => import('./page.tsx').then((m) => ({ default: m.BulletinsPage })));
