// Renders the tab-bar icons (81x81 PNG, grey and active orange) from src/assets/tab-bar/*.svg with
// Chromium: WeChat tab bars take PNG/JPG only. Run: node miniapp/scripts/render-tab-icons.mjs
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
const require = createRequire(path.join(import.meta.dirname, '..', '..', 'tests', 'package.json'));
const { chromium } = require('playwright-core');
const dir = path.join(import.meta.dirname, '..', 'src', 'assets', 'tab-bar');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 81, height: 81 } });
for (const name of ['home', 'find', 'mine']) {
  const svg = fs.readFileSync(`${dir}/${name}.svg`, 'utf8');
  for (const [suffix, color] of [['', '#6b7280'], ['-active', '#e8590c']]) {
    await page.setContent(`<html><body style="margin:0;background:transparent"><div style="width:81px;height:81px;color:${color}">${svg.replace('<svg ', '<svg width="81" height="81" ')}</div></body></html>`);
    await page.screenshot({ path: `${dir}/${name}${suffix}.png`, omitBackground: true, clip: { x: 0, y: 0, width: 81, height: 81 } });
  }
}
await browser.close();
