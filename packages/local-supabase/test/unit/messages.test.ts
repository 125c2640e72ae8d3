import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MESSAGES, MESSAGES_FILE, formatMessage, readMessagesFile, resolveMessages } from '../../src/messages.ts';

describe('messages for people are passed in by the app', () => {
  it('defaults are English; a project file and explicit options override them, in that order', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ls-messages-'));
    try {
      expect(await resolveMessages(dir)).toEqual(DEFAULT_MESSAGES);
      await mkdir(path.join(dir, 'supabase'));
      await writeFile(path.join(dir, MESSAGES_FILE), JSON.stringify({ notFound: '没有这个接口：{method} {path}', shuttingDown: '停止中' }));
      const resolved = await resolveMessages(dir, { shuttingDown: 'explicit' });
      expect(resolved.notFound).toBe('没有这个接口：{method} {path}');
      expect(resolved.shuttingDown).toBe('explicit');
      expect(resolved.bodyTooLarge).toBe(DEFAULT_MESSAGES.bodyTooLarge);
      expect(formatMessage(resolved.notFound, { method: 'GET', path: '/x' })).toBe('没有这个接口：GET /x');
      await writeFile(path.join(dir, MESSAGES_FILE), JSON.stringify({ notAMessage: 'x' }));
      await expect(resolveMessages(dir)).rejects.toThrow(/unknown message "notAMessage"/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("the repository's Chinese messages file has every message", async () => {
    const root = fileURLToPath(new URL('../../../../', import.meta.url));
    const messages = await readMessagesFile(path.join(root, MESSAGES_FILE));
    expect(Object.keys(messages).sort()).toEqual(Object.keys(DEFAULT_MESSAGES).sort());
  });
});
