// `pnpm test:under-load`: `pnpm test` while CPU burners keep every core busy — the check that the
// suite does not depend on an idle machine (it waits for readiness, never for a guessed time).
//   TEST_STEPS=integration-pglite,e2e pnpm test:under-load   only those steps (as pnpm test)
//   LOAD_BURNERS=4                                          burner processes (default: one per core)
//   LOAD_MAX_SECONDS=3600                                   each burner stops by itself after this
// Burners are child processes of this script: they stop when the tests end, when this script is
// interrupted, when their parent disappears, or at LOAD_MAX_SECONDS — whichever comes first.
import { fork, spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SLICE_MS = 50;

if (process.argv[2] === '--burner') {
  // Spin in short slices and yield between them, so a stop message or a lost parent is noticed at once.
  const parent = process.ppid;
  const until = Date.now() + Number(process.argv[3]) * 1000;
  process.on('disconnect', () => process.exit(0));
  const spin = () => {
    if (Date.now() > until || process.ppid !== parent) process.exit(0);
    const end = Date.now() + SLICE_MS;
    let x = 0;
    while (Date.now() < end) x = (x * 31 + 7) % 1_000_003;
    setImmediate(spin);
  };
  spin();
} else {
  const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const count = Number(process.env.LOAD_BURNERS || os.availableParallelism());
  const maxSeconds = Number(process.env.LOAD_MAX_SECONDS || 3600);
  if (!Number.isInteger(count) || count < 1 || !(maxSeconds > 0)) {
    console.error('LOAD_BURNERS must be a whole number ≥ 1 and LOAD_MAX_SECONDS a number > 0');
    process.exit(2);
  }
  const burners = Array.from({ length: count }, () =>
    fork(fileURLToPath(import.meta.url), ['--burner', String(maxSeconds)], { stdio: 'ignore' }),
  );
  console.log(
    `[under-load] ${count} CPU burner process(es) (pids ${burners.map((b) => b.pid).join(', ')}) on ${os.availableParallelism()} core(s), ` +
      `each stops after ${maxSeconds} s at most; running pnpm test${process.env.TEST_STEPS ? ` (TEST_STEPS=${process.env.TEST_STEPS})` : ''}`,
  );
  const stopBurners = () => {
    for (const b of burners) if (b.exitCode === null && b.signalCode === null) b.kill('SIGTERM');
  };
  const tests = spawn(process.execPath, [path.join(ROOT, 'scripts', 'test.mjs')], { cwd: ROOT, stdio: 'inherit', env: process.env });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      stopBurners();
      tests.kill(signal);
    });
  }
  tests.on('exit', (code, signal) => {
    stopBurners();
    console.log(`[under-load] pnpm test ${signal ? `stopped by ${signal}` : `exited ${code}`} with every core busy`);
    process.exit(code ?? 1);
  });
}
