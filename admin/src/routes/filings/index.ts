import { lazy } from 'react';

/** Operator: filing list, wizard and status page, each in its own chunk. */
export const FilingList = lazy(() => import('./list.tsx').then((m) => ({ default: m.FilingList })));
export const FilingCreate = lazy(() => import('./create.tsx').then((m) => ({ default: m.FilingCreate })));
export const FilingEdit = lazy(() => import('./edit.tsx').then((m) => ({ default: m.FilingEdit })));
export const FilingShow = lazy(() => import('./show.tsx').then((m) => ({ default: m.FilingShow })));
