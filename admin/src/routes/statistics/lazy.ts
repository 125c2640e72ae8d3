import { lazy } from 'react';

/** 指标统计 (charts load with it, never on the first screen). */
export const StatisticsPage = lazy(() => import('./index.tsx').then((m) => ({ default: m.StatisticsPage })));
