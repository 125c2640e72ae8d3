import { lazy } from 'react';

/** 备案总览 (charts load with it, never on the first screen). */
export const OverviewPage = lazy(() => import('./index.tsx').then((m) => ({ default: m.OverviewPage })));
