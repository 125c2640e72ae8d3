export * from './status.ts';
export * from './materials.ts';
export * from './working-days.ts';
export * from './filing-no.ts';
export * from './checklist.ts';
export * from './form.ts';
export * from './changes.ts';
export * from './notices.ts';
