import { lazy } from 'react';

/** 监督检查 pages (issue 13 §4): 双随机 plans, inspections (the inspector's phone-sized recording), rectifications. */
export const InspectionPlanList = lazy(() => import('./plans.tsx').then((m) => ({ default: m.InspectionPlanList })));
export const InspectionPlanShow = lazy(() => import('./plans.tsx').then((m) => ({ default: m.InspectionPlanShow })));
export const InspectionList = lazy(() => import('./list.tsx').then((m) => ({ default: m.InspectionList })));
export const InspectionRecord = lazy(() => import('./record.tsx').then((m) => ({ default: m.InspectionRecord })));
export const RectificationList = lazy(() => import('./rectifications.tsx').then((m) => ({ default: m.RectificationList })));
export const InspectionChecklist = lazy(() => import('./checklist.tsx').then((m) => ({ default: m.InspectionChecklist })));
