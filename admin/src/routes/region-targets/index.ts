import { lazy } from 'react';

/** 人口与目标 (issue 15): population and targets per region and year. */
export const RegionTargetsPage = lazy(() => import('./page.tsx').then((m) => ({ default: m.RegionTargetsPage })));
