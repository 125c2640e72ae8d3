import { lazy } from 'react';

/** 从业人员登记 (issue 15 §6): staff across the county's institutions, duplicate and expiry warnings. */
export const StaffRegistryPage = lazy(() => import('./list.tsx').then((m) => ({ default: m.StaffRegistryPage })));
