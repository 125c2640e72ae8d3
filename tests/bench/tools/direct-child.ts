/**
 * The direct replay timed in a process of its own (forked by latency-probe.ts with tsx): the same
 * adapter (`openPostgres`) and the same `replay` as the bench's direct side, so the direct side can
 * be compared with the HTTP side's client process pattern (woken by IPC, timing itself).
 */
import { openPostgres, type Database } from '@tuoyu/local-supabase';
import { replay, type Statement } from '../lib/recording-db.ts';

let db: Database | undefined;
const recorded = new Map<string, Statement[]>();
process.on('message', (raw) => {
  const msg = raw as { id: number; open?: string; key?: string; statements?: Statement[]; close?: boolean };
  void (async () => {
    try {
      if (msg.close) {
        await db?.close();
        process.disconnect();
        return;
      }
      if (msg.open) db = await openPostgres({ connectionString: msg.open, max: 2 });
      if (msg.statements && msg.key) recorded.set(msg.key, msg.statements);
      let elapsedMs = 0;
      if (msg.key && !msg.statements) {
        const started = process.hrtime.bigint();
        await replay(db!, recorded.get(msg.key)!);
        elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
      }
      process.send!({ id: msg.id, elapsedMs });
    } catch (error) {
      process.send!({ id: msg.id, error: String(error) });
    }
  })();
});
