import { lazy } from 'react';

/** 托育补贴 (issue 15 §5): operators apply, county admins review, city/province admins see totals. */
export const SubsidyPage = lazy(() => import('./list.tsx').then((m) => ({ default: m.SubsidyPage })));
