import { lazy } from 'react';

/** 备案审核 pages, each its own chunk (the certificate's QR library loads only with it). */
export const FilingReviewList = lazy(() => import('./list.tsx').then((m) => ({ default: m.FilingReviewList })));
export const FilingReviewShow = lazy(() => import('./show.tsx').then((m) => ({ default: m.FilingReviewShow })));
export const FilingCertificate = lazy(() => import('./certificate.tsx').then((m) => ({ default: m.FilingCertificate })));
