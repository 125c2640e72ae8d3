import { lazy } from 'react';

/** Operator: the institution profile (own institutions only), each screen in its own chunk. */
export const MyInstitutionList = lazy(() => import('./list.tsx').then((m) => ({ default: m.MyInstitutionList })));
export const MyInstitutionShow = lazy(() => import('./show.tsx').then((m) => ({ default: m.MyInstitutionShow })));
