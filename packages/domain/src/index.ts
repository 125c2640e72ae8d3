export * from './regions.ts';
export * from './classes.ts';
export * from './filings.ts';
export * from './working-days.ts';
export * from './permissions.ts';
export * from './institutions.ts';
export * from './targets.ts';
