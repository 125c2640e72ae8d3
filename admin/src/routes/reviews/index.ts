import { lazy } from 'react';

/** 评价管理: operators reply to their institutions' reviews; county admins and above moderate. */
export const ReviewList = lazy(() => import('./list.tsx').then((m) => ({ default: m.ReviewList })));
