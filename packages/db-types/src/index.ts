export type { Database, Json, Tables, TablesInsert, TablesUpdate, Functions } from './database.ts';
