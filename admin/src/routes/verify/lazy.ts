import { lazy } from 'react';

/** Public 备案核验 page (no sign-in). */
export const VerifyFilingPage = lazy(() => import('./index.tsx').then((m) => ({ default: m.VerifyFilingPage })));
