export type { Database, Enums, Json, Tables, TablesInsert, TablesUpdate, Functions } from './database.ts';
