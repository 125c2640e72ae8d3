import { lazy } from 'react';

/** 缺口规划 (its chart loads with it, never on the first screen). */
export const GapPlanPage = lazy(() => import('./index.tsx').then((m) => ({ default: m.GapPlanPage })));
