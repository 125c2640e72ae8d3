import { lazy } from 'react';

/** 宣传月活动 pages: list + posting + review, check-in (phone width), campaign report (charts, XLSX on click). */
export const EventList = lazy(() => import('./list.tsx').then((m) => ({ default: m.EventList })));
export const EventCheckIn = lazy(() => import('./check-in.tsx').then((m) => ({ default: m.EventCheckIn })));
export const CampaignReport = lazy(() => import('./report.tsx').then((m) => ({ default: m.CampaignReport })));
