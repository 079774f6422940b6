import { lazy } from 'react';

/**
 * The ritual form, loaded on first use: it brings the recurrence library (luxon, rrule),
 * which neither the first page nor the list of rituals needs.
 */
export const RitualForm = lazy(() => import('./RitualForm').then((m) => ({ default: m.RitualForm })));
