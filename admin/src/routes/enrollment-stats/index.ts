import { lazy } from 'react';

/** 入托统计 (county admins and above): requests and placements per institution, counts only. */
export const EnrollmentStatsPage = lazy(() => import('./list.tsx').then((m) => ({ default: m.EnrollmentStatsPage })));
