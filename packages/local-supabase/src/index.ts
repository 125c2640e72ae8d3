export * from './db/index.ts';
export { startThrowawayCluster, findPostgresBinDir, type ThrowawayCluster } from './db/pg-cluster.ts';
export * from './config.ts';
export * from './project.ts';
export * from './request-context.ts';
