import { lazy } from 'react';

/** 投诉处理 pages (county admins): the queue with deadlines and one complaint with its timeline and actions. */
export const ComplaintList = lazy(() => import('./list.tsx').then((m) => ({ default: m.ComplaintList })));
export const ComplaintShow = lazy(() => import('./show.tsx').then((m) => ({ default: m.ComplaintShow })));
