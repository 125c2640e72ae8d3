import { lazy } from 'react';

/** 托育政策 authoring. */
export const PolicyList = lazy(() => import('./list.tsx').then((m) => ({ default: m.PolicyList })));
