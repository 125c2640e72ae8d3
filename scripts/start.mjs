// `pnpm start`: installs what is missing, prepares the embedded database (migrations + demo seed on
// first run, kept in .data/), serves the local Supabase API, the admin and the mini-program H5 build.
// Ctrl-C stops everything. DATABASE_URL=postgres://… uses that Postgres instead of PGlite.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, banner, c, ensureInstall } from './lib.mjs';

const API_PORT = Number(process.env.SUPABASE_PORT || 54321);
const ADMIN_PORT = 5173;
const MINIAPP_PORT = 10086;
// The WeChat stand-in (packages/wechat-stand-in) unless a real WeChat API is configured.
const WECHAT_PORT = Number(process.env.WECHAT_STAND_IN_PORT || 54331);
const useStandIn = !process.env.WECHAT_API_BASE;
const wechatEnv = useStandIn
  ? { WECHAT_API_BASE: `http://127.0.0.1:${WECHAT_PORT}`, WECHAT_APP_ID: 'wxdev0000tuoyu0000', WECHAT_APP_SECRET: 'dev-secret-not-for-production' }
  : {};
// SMS / e-mail (invitations): the stand-in's outbound box unless a real gateway is configured
const messageEnv = {
  MESSAGE_GATEWAY_URL: process.env.MESSAGE_GATEWAY_URL || (useStandIn ? `http://127.0.0.1:${WECHAT_PORT}/__stand-in/outbound` : ''),
  ADMIN_PUBLIC_URL: process.env.ADMIN_PUBLIC_URL || `http://127.0.0.1:${ADMIN_PORT}`,
};
const db = process.env.DATABASE_URL || `pglite:${path.join(ROOT, '.data', 'pglite')}`;

ensureInstall();

const children = [];
// TypeScript entry points run as `node --import tsx`, not through the tsx command: on Ctrl-C the
// tsx command relays the signal and SIGKILLs a child that has not acknowledged it within 30 ms —
// on a busy machine that cuts the stack's shutdown (and PGlite's last write to .data/) short.
const TS = ['--import', 'tsx'];
let stopping = false;

function start(name, cmd, args, env = {}) {
  const child = spawn(cmd, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group, so Ctrl-C stops the whole tree
  });
  const prefix = `[${name}]`.padEnd(10);
  const forward = (stream, out) => {
    let buffer = '';
    stream.on('data', (chunk) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) out.write(`${prefix} ${line}\n`);
    });
  };
  forward(child.stdout, process.stdout);
  forward(child.stderr, process.stderr);
  child.on('exit', (code) => {
    if (!stopping) {
      console.error(c.red(`${name} exited (${code}); stopping everything.`));
      stop(code || 1);
    }
  });
  children.push(child);
  return child;
}

async function waitFor(url, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.ok) return true;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* gone */
    }
  }
  const force = setTimeout(() => {
    for (const child of children) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    process.exit(code);
  }, 8000);
  force.unref();
  Promise.all(children.map((ch) => (ch.exitCode !== null ? null : new Promise((r) => ch.once('exit', r))))).then(() =>
    process.exit(code),
  );
}
// The notices outbox: lapse overdue offers and send subscribe messages (as a schedule would).
function drainNoticesEvery(ms) {
  const stateFile = path.join(ROOT, '.data', 'local-supabase.json');
  const timer = setInterval(async () => {
    if (stopping || !existsSync(stateFile)) return;
    try {
      const { url, serviceRoleKey } = JSON.parse(readFileSync(stateFile, 'utf8'));
      await fetch(`${url}/functions/v1/notices-drain`, { method: 'POST', headers: { apikey: serviceRoleKey, authorization: `Bearer ${serviceRoleKey}` } });
    } catch {
      /* the next round retries */
    }
  }, ms);
  timer.unref();
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

banner(`Local Supabase on http://127.0.0.1:${API_PORT} (${db.startsWith('pglite') ? 'PGlite' : 'Postgres'})`);
if (useStandIn) {
  start('wechat', process.execPath, [...TS, 'packages/wechat-stand-in/src/cli.ts', '--port', String(WECHAT_PORT)], wechatEnv);
}
// GoTrue's secure password change: a session older than 24 h needs a reauthentication code to change the password.
start('api', process.execPath, [...TS, 'packages/local-supabase/src/cli.ts', 'start', '--workdir', ROOT, '--port', String(API_PORT), '--db', db], {
  ...wechatEnv,
  ...messageEnv,
  GOTRUE_SECURITY_UPDATE_PASSWORD_REQUIRE_REAUTHENTICATION: process.env.GOTRUE_SECURITY_UPDATE_PASSWORD_REQUIRE_REAUTHENTICATION ?? 'true',
});
if (!(await waitFor(`http://127.0.0.1:${API_PORT}/health`, 180_000))) {
  console.error(c.red('The local Supabase API did not come up within 3 minutes.'));
  stop(1);
} else {
  const env = { VITE_SUPABASE_URL: `http://127.0.0.1:${API_PORT}`, TARO_APP_SUPABASE_URL: `http://127.0.0.1:${API_PORT}` };
  drainNoticesEvery(15_000);
  start('admin', 'pnpm', ['--filter', '@tuoyu/admin', 'exec', 'vite', '--host', '127.0.0.1', '--port', String(ADMIN_PORT), '--strictPort'], env);
  start('miniapp', 'pnpm', ['--filter', '@tuoyu/miniapp', 'run', 'dev:h5'], env);
  await Promise.all([waitFor(`http://127.0.0.1:${ADMIN_PORT}/`, 120_000), waitFor(`http://127.0.0.1:${MINIAPP_PORT}/`, 300_000)]);
  if (!stopping) {
    banner('Tuoyu is running');
    console.log(`  Local Supabase API  http://127.0.0.1:${API_PORT}`);
    console.log(`  Admin (管理端)       http://127.0.0.1:${ADMIN_PORT}`);
    console.log(`  Mini-program H5     http://127.0.0.1:${MINIAPP_PORT}`);
    if (useStandIn) console.log(`  WeChat stand-in     http://127.0.0.1:${WECHAT_PORT}/__stand-in/messages (sent subscribe messages)`);
    const accountsFile = path.join(ROOT, 'supabase', 'demo-accounts.json');
    if (existsSync(accountsFile)) {
      const accounts = JSON.parse(readFileSync(accountsFile, 'utf8'));
      console.log('\n  Demo accounts (演示账号):');
      for (const a of accounts) {
        console.log(`    ${String(a.email).padEnd(32)} ${String(a.password).padEnd(14)} ${a.role}${a.region_name ? ` · ${a.region_name}` : ''}`);
      }
    }
    console.log('\n  Ctrl-C stops everything. Data persists in .data/ — `pnpm db:reset` restores the demo data.');
  }
}
