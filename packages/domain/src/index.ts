export * from './regions.ts';
export * from './classes.ts';
export * from './filings/index.ts';
export * from './permissions.ts';
export * from './institutions.ts';
export * from './targets.ts';
export * from './families.ts';
