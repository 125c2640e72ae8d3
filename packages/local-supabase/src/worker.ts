/** Entry of a forked serving process (`workers` > 1 in the Postgres mode): see server.ts. */
import { runServingWorker } from './server.ts';

runServingWorker();
