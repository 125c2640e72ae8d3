import { lazy } from 'react';

/** 入托管理 (operators): requests per class type in order of arrival, and the roster of placed children. */
export const EnrollmentPage = lazy(() => import('./list.tsx').then((m) => ({ default: m.EnrollmentPage })));
