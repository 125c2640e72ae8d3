import { lazy } from 'react';

/** 补贴标准 (issue 15 §5): the rules in force for a region and year; admins of the region edit their own. */
export const SubsidyRulesPage = lazy(() => import('./list.tsx').then((m) => ({ default: m.SubsidyRulesPage })));
