// Helpers for the root scripts. Plain Node (no dependencies): these run before `pnpm install`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const c = {
  bold: (s) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s),
  red: (s) => (process.stdout.isTTY ? `\x1b[31m${s}\x1b[0m` : s),
  green: (s) => (process.stdout.isTTY ? `\x1b[32m${s}\x1b[0m` : s),
  yellow: (s) => (process.stdout.isTTY ? `\x1b[33m${s}\x1b[0m` : s),
};

export function banner(text) {
  console.log(`\n${c.bold(`▶ ${text}`)}`);
}

export function warnLoudly(lines) {
  const width = Math.max(...lines.map((l) => l.length)) + 4;
  console.log(c.yellow(`\n${'!'.repeat(width)}`));
  for (const line of lines) console.log(c.yellow(`! ${line}`));
  console.log(c.yellow(`${'!'.repeat(width)}\n`));
}

/** Run a command, inheriting stdio; resolves to its exit code. */
export function run(cmd, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit', ...options, env: { ...process.env, ...options.env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', (error) => {
      console.error(error.message);
      resolve(127);
    });
  });
}

/** Install dependencies when node_modules is missing or older than the lockfile. */
export function ensureInstall() {
  const marker = path.join(ROOT, 'node_modules', '.modules.yaml');
  const lock = path.join(ROOT, 'pnpm-lock.yaml');
  const fresh = existsSync(marker) && (!existsSync(lock) || statSync(marker).mtimeMs >= statSync(lock).mtimeMs);
  const workspaceFresh = ['admin', 'miniapp', 'tests', 'packages/local-supabase'].every((p) =>
    existsSync(path.join(ROOT, p, 'node_modules')),
  );
  if (fresh && workspaceFresh) return;
  banner('Installing dependencies (pnpm install)');
  const args = ['install', ...(process.env.CI ? ['--frozen-lockfile'] : [])];
  const result = spawnSync('pnpm', args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(c.red('pnpm install failed. Check your network access to the npm registry.'));
    process.exit(result.status ?? 1);
  }
}

export function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

export function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Make sure Debian's Chromium and a CJK font are there for browser tests. Installs them with apt
 * when we are root on Debian; otherwise explains how. Returns true when Chromium is usable.
 */
export function ensureChromium() {
  const hasFont = () =>
    spawnSync('sh', ['-c', 'fc-list 2>/dev/null | grep -qi "wqy\\|noto sans cjk\\|source han"'], { stdio: 'ignore' }).status === 0 ||
    existsSync('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc');
  if (existsSync(CHROMIUM) && hasFont()) return true;
  if (isRoot() && hasCommand('apt-get')) {
    banner('Installing Chromium and a Chinese font for browser tests (apt-get install chromium fonts-wqy-microhei)');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const r = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-wqy-microhei'], { stdio: 'inherit', env });
    if (r.status === 0 && existsSync(CHROMIUM)) return true;
  }
  warnLoudly([
    'Browser tests need Chromium and a Chinese font. Install them, then run pnpm test again:',
    '  Debian/Ubuntu: sudo apt-get install chromium fonts-wqy-microhei',
    '  elsewhere: install Chromium and set CHROMIUM_PATH=/path/to/chromium',
  ]);
  return existsSync(CHROMIUM);
}
