// `pnpm test`: installs what is missing, then lint, typecheck, unit, then integration on PGlite and
// on real Postgres 15 (side by side) beside the browser tests in Chromium. Ends with "N passed, N failed".
//   TEST_STEPS=lint,unit pnpm test   runs only the named steps
//   TEST_SERIAL=1 pnpm test          runs every step one after the other, output streamed
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { ROOT, banner, c, ensureChromium, ensureInstall, run, warnLoudly } from './lib.mjs';
import { findPostgres } from './postgres.mjs';

const started = Date.now();
const only = process.env.TEST_STEPS ? new Set(process.env.TEST_STEPS.split(',').map((s) => s.trim())) : null;
const results = [];
const resultsDir = path.join(ROOT, '.test-artifacts', 'results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

ensureInstall();

// The browser tests' builds (admin, mini-program H5 and weapp) do not depend on the other steps:
// they start now, in the background. The e2e step waits for the web apps (admin and H5: its global
// setup reuses their stamped build) and starts while the weapp build runs on; the two files that
// read the weapp build wait for its own stamp (tests/e2e/support/build-apps.ts). The output goes
// to .test-artifacts/e2e-build.log.
const WEB_APPS_READY = '[e2e] web apps built and stamped'; // printed by tests/e2e/support/build-apps.ts
const wantE2e = !only || only.has('e2e');
let e2eBuild = null;
if (wantE2e && process.env.E2E_SKIP_BUILD !== '1') {
  const log = path.join(ROOT, '.test-artifacts', 'e2e-build.log');
  const out = createWriteStream(log);
  const t = Date.now();
  const child = spawn('pnpm', ['exec', 'tsx', 'tests/e2e/support/build-apps.ts'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve({ code, seconds: (Date.now() - t) / 1000, log })));
  let seen = '';
  const webReady = new Promise((resolve) => {
    child.stdout.on('data', function watch(chunk) {
      seen = (seen + chunk.toString()).slice(-4096);
      if (!seen.includes(WEB_APPS_READY)) return;
      child.stdout.off('data', watch);
      resolve({ code: 0, seconds: (Date.now() - t) / 1000, log, weappPending: true });
    });
  });
  e2eBuild = Promise.race([webReady, exited]);
}

// The seeded PGlite snapshot that the browser tests' stack and most PGlite integration files open
// (made once per schema and seed, packages/local-supabase/src/testing.ts) is made now, beside lint
// and the builds, instead of by whichever of them asks first: they start ~75–90 s in and would
// otherwise wait ~40–60 s for it. A file lock makes the others wait for this one; if it fails, the
// first test that needs the snapshot makes it (and reports the error). Output: .test-artifacts/test-snapshot.log
if (!only || only.has('e2e') || only.has('integration-pglite')) {
  const out = createWriteStream(path.join(ROOT, '.test-artifacts', 'test-snapshot.log'));
  const child = spawn('pnpm', ['exec', 'tsx', 'scripts/prepare-test-snapshot.ts'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
}

/** A command that is one check: exit 0 = 1 passed. */
async function check(name, cmd, args, env) {
  if (only && !only.has(name)) return;
  banner(name);
  const t = Date.now();
  const code = await run(cmd, args, { env });
  results.push({ name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0, seconds: (Date.now() - t) / 1000 });
}

/**
 * A command whose output goes to a log file, printed whole when it ends — for steps that run side
 * by side, so their outputs do not interleave.
 */
function runLogged(name, cmd, args, { env, niceness = 0 } = {}) {
  const log = path.join(ROOT, '.test-artifacts', `${name}.log`);
  const out = createWriteStream(log);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '1', ...env } });
    // set before the child starts its own processes (vitest's workers, the Postgres server), which inherit it
    if (niceness && child.pid) {
      try {
        os.setPriority(child.pid, niceness);
      } catch {
        /* not allowed here: the same run at the same priority */
      }
    }
    child.stdout.pipe(out);
    child.stderr.pipe(out);
    const done = (code) => out.end(() => {
      banner(`${name} (output of a step run side by side, ${path.relative(ROOT, log)})`);
      process.stdout.write(readFileSync(log));
      resolve(code);
    });
    child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
    child.on('error', (error) => {
      out.write(`${error.message}\n`);
      done(127);
    });
  });
}

/** A vitest project run; counts come from its JSON report. `logged`: output to a file, shown at the end. */
async function vitest(name, project, env = {}, wrapper = [], { logged = false, niceness = 0 } = {}) {
  if (only && !only.has(name)) return;
  if (!logged) banner(`${name} (vitest --project ${project})`);
  const t = Date.now();
  const outputFile = path.join(resultsDir, `${name}.json`);
  const args = [
    ...wrapper,
    'vitest', 'run', '--project', project, '--passWithNoTests',
    '--reporter=default', '--reporter=json', `--outputFile.json=${outputFile}`,
  ];
  const code = logged ? await runLogged(name, 'pnpm', ['exec', ...args], { env, niceness }) : await run('pnpm', ['exec', ...args], { env });
  const seconds = (Date.now() - t) / 1000;
  if (code === 3 && wrapper.length) return 'no-postgres';
  let report;
  try {
    report = JSON.parse(readFileSync(outputFile, 'utf8'));
  } catch {
    report = null;
  }
  if (!report) {
    results.push({ name, passed: 0, failed: 1, skipped: 0, seconds, note: `vitest exited ${code} without a report` });
    return;
  }
  // A file that failed to load (syntax error, failing beforeAll) has no test results: count it.
  const brokenFiles = report.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  results.push({
    name,
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenFiles + (code !== 0 && report.numFailedTests + brokenFiles === 0 ? 1 : 0),
    skipped: report.numPendingTests + report.numTodoTests,
    seconds,
    failures: failuresOf(report),
  });
}

/** Each failed test (or file that failed to load) with the head of its message, for the summary. */
function failuresOf(report) {
  const plain = (text) => text.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '');
  const head = (text) => plain(text).split('\n').filter((l) => l.trim() && !/^\s*at .*(node_modules|node:|<anonymous>)/.test(l)).slice(0, 8).join('\n      ');
  const out = [];
  for (const file of report.testResults) {
    const name = path.relative(ROOT, file.name);
    const failed = file.assertionResults.filter((a) => a.status === 'failed');
    if (file.status === 'failed' && !failed.length) out.push({ where: name, message: head(file.message ?? '') });
    for (const a of failed) out.push({ where: `${name} › ${a.fullName ?? a.title}`, message: head((a.failureMessages ?? []).join('\n')) });
  }
  return out;
}

await check('lint', 'pnpm', ['lint']);
await check('typecheck', 'pnpm', ['typecheck']);
// Every project named unit or <app>-unit (admin-unit, miniapp-unit, …).
await vitest('unit', '*unit');
// Integration (PGlite and real Postgres, side by side) and the browser tests run side by side: the
// browser tests' waits (pages, the stack) overlap the integration's work. On 2 cores the gain is
// modest (Chromium's renderer is busy too): 812 s against ~890 s in order. TEST_SERIAL=1 runs them
// one after the other, each streaming its output.
const serial = process.env.TEST_SERIAL === '1';

/**
 * Side by side, the integration runs yield the CPU to the browser chain (nice 5): the browser tests
 * are the longer chain and run one file at a time, so the integration fills the cores around them
 * instead of slowing them down.
 */
const INTEGRATION_NICENESS = 5;

/**
 * Integration on PGlite and on Postgres, side by side (each with its 2 workers) unless TEST_SERIAL=1:
 * the Postgres run is ~20% of the integration's CPU and much of its time waits on its server, so on
 * 2 cores it fits beside the PGlite run instead of after it (on a shared, busy 2-core machine the
 * two side by side took 391 s and 165 s: the chain is the longer one, not their sum).
 */
async function integrationChain() {
  const runs = [vitest('integration-pglite', 'integration', { TEST_DB: 'pglite' }, [], { logged: !serial, niceness: INTEGRATION_NICENESS })];
  if (serial) await runs[0];
  if (!only || only.has('integration-postgres')) runs.push(postgresRun());
  await Promise.all(runs);
}

async function postgresRun() {
  const pg = findPostgres();
  if (pg) {
    const outcome = await vitest('integration-postgres', 'integration', { TEST_DB: 'postgres' }, ['tsx', 'scripts/with-postgres.ts', '--', 'pnpm', 'exec'], { logged: !serial, niceness: INTEGRATION_NICENESS });
    if (outcome === 'no-postgres') results.push({ name: 'integration-postgres', passed: 0, failed: 1, skipped: 0, seconds: 0, note: 'Postgres did not start' });
  } else {
    warnLoudly([
      'NO POSTGRES: neither DATABASE_URL nor Postgres server binaries (initdb) were found.',
      'Integration tests ran on PGlite only. Install postgresql-15 (apt-get install postgresql-15)',
      'or set DATABASE_URL to test against real Postgres as CI does.',
    ]);
  }
}

async function browserChain() {
  if (only && !only.has('e2e')) return;
  if (e2eBuild) {
    const { code, seconds, log, weappPending } = await e2eBuild;
    console.log(code === 0
      ? `e2e apps built in the background in ${seconds.toFixed(0)} s${weappPending ? ' (admin, H5; the weapp build runs on)' : ''} (${path.relative(ROOT, log)})`
      : c.red(`the background build failed (exit ${code}, see ${path.relative(ROOT, log)}); the e2e setup builds again`));
  }
  if (ensureChromium()) {
    await vitest('e2e', 'e2e', {}, [], { logged: !serial });
  } else {
    results.push({ name: 'e2e', passed: 0, failed: 1, skipped: 0, seconds: 0, note: 'Chromium missing' });
  }
}

if (serial) {
  await integrationChain();
  await browserChain();
} else {
  if (!only || ['integration-pglite', 'integration-postgres', 'e2e'].some((s) => only.has(s))) {
    banner('integration on PGlite and on Postgres, and e2e, side by side: each output follows when it ends');
  }
  const running = new Set();
  const track = (name, promise) => {
    running.add(name);
    return promise.finally(() => running.delete(name));
  };
  // a line a minute while the outputs are held back, so a watcher sees the run is alive
  const heartbeat = setInterval(() => {
    if (running.size) console.log(`… still running: ${[...running].join(', ')} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }, 60_000);
  await Promise.all([track('integration', integrationChain()), track('e2e', browserChain())]);
  clearInterval(heartbeat);
}

const ORDER = ['lint', 'typecheck', 'unit', 'integration-pglite', 'integration-postgres', 'e2e'];
results.sort((a, b) => ORDER.indexOf(a.name) - ORDER.indexOf(b.name));
const total = results.reduce((a, r) => ({ passed: a.passed + r.passed, failed: a.failed + r.failed, skipped: a.skipped + r.skipped }), {
  passed: 0, failed: 0, skipped: 0,
});
banner(`Summary (${((Date.now() - started) / 1000).toFixed(0)} s)`);
for (const r of results) {
  const status = r.failed ? c.red('FAIL') : c.green('ok  ');
  console.log(`  ${status} ${r.name.padEnd(22)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed ${String(r.skipped).padStart(3)} skipped  ${r.seconds.toFixed(1).padStart(6)} s${r.note ? `  (${r.note})` : ''}`);
}
// What failed, in a few lines each: a CI log may keep only its tail.
for (const r of results) {
  for (const f of (r.failures ?? []).slice(0, 10)) console.log(`  ${c.red('✗')} [${r.name}] ${f.where}\n      ${f.message}`);
}
if (!existsSync(path.join(ROOT, '.test-artifacts'))) mkdirSync(path.join(ROOT, '.test-artifacts'));
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(total.failed > 0 || results.length === 0 ? 1 : 0);
