import { lazy } from 'react';

/** 宣传与育儿内容 authoring (campaigns, articles, centres, experts) and 专家咨询 slots + bookings. */
export const ContentPage = lazy(() => import('./page.tsx').then((m) => ({ default: m.ContentPage })));
export const ConsultationsPage = lazy(() => import('./consultations.tsx').then((m) => ({ default: m.ConsultationsPage })));
