/**
 * Phone screenshots (360×740, touch) of the demo worker's main screens for the README, written to
 * docs/screens/ (ignored by git: generated, never committed). Usage: `tsx scripts/screenshots.ts`
 * (starts and seeds its own server) or `BASE_URL=http://127.0.0.1:3000 tsx scripts/screenshots.ts`.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { projectRoot } from '../src/platform/paths';
import { CHROMIUM, CHROMIUM_ARGS } from '../test/support/browser';
import { appForScripts, sessionCookie } from './app-for-scripts';

const OUT = path.join(projectRoot(), 'docs', 'screens');

async function main(): Promise<void> {
  const app = await appForScripts();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    mkdirSync(OUT, { recursive: true });
    const cookie = await sessionCookie(app.baseUrl);
    const [name, value] = cookie.split('=') as [string, string];
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
    await context.addCookies([{ name, value, url: app.baseUrl }]);
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/my/certificates`);
    const card = await page.locator('a[href$="/card"]').first().getAttribute('href');
    const screens: [string, string][] = [
      ['worker-home', '/home/worker'],
      ['worker-schedule', '/my/schedule'],
      ['worker-certificates', '/my/certificates'],
      ['worker-certificate-card', card ?? '/my/certificates'],
      ['worker-skills', '/my/skills'],
      ['worker-inbox', '/inbox'],
      ['worker-checkin-scan', '/checkin/scan'],
      ['worker-checkin-code', '/checkin'],
      ['offline', '/offline'],
    ];
    for (const [file, pathname] of screens) {
      await page.goto(app.baseUrl + pathname);
      // The first screen as the phone shows it (not the whole scrolled page): what a reader of the README sees first.
      const target = path.join(OUT, `${file}.png`);
      await page.screenshot({ path: target });
      console.log(path.relative(projectRoot(), target));
    }
    await page.goto(`${app.baseUrl}/home/worker`);
    await page.locator('.phone-menu > summary').tap();
    await page.screenshot({ path: path.join(OUT, 'worker-menu.png') });
    console.log('docs/screens/worker-menu.png');
  } finally {
    await browser.close();
    await app.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
