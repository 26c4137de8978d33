/**
 * Lighthouse 12 (pinned: 13 wants Node 22) with Debian's chromium on the demo worker's home page and
 * a certificate card, on a phone (Lighthouse's mobile emulation and simulated slow 4G): prints
 * Performance and Accessibility. Lighthouse 12 has no PWA category, so installability is asked of
 * Chromium itself (CDP `Page.getInstallabilityErrors`, an empty list = installable) and the manifest
 * it parsed (`Page.getAppManifest`), in a non-incognito profile once the service worker runs.
 * Usage: `tsx scripts/lighthouse.ts` (starts and seeds its own server) or `BASE_URL=http://127.0.0.1:3000 tsx scripts/lighthouse.ts`.
 * Not a test: figures vary with the machine's load.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM } from '../test/support/browser';
import { appForScripts, sessionCookie } from './app-for-scripts';

const HEADLESS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'];

async function cardPath(baseUrl: string, cookie: string): Promise<string> {
  const html = await (await fetch(`${baseUrl}/my/certificates`, { headers: { cookie } })).text();
  const href = /href="(\/my\/certificates\/[a-f0-9]{24}\/card)"/.exec(html)?.[1];
  if (!href) throw new Error('the demo worker has no certificate card');
  return href;
}

async function lighthouseScores(url: string, cookie: string) {
  const { default: lighthouse } = await import('lighthouse');
  const { launch } = await import('chrome-launcher');
  const chrome = await launch({ chromePath: CHROMIUM, chromeFlags: HEADLESS });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', extraHeaders: { Cookie: cookie } },
      { extends: 'lighthouse:default', settings: { onlyCategories: ['performance', 'accessibility'], formFactor: 'mobile' } });
    const lhr = result!.lhr;
    const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
    const metric = (id: string) => lhr.audits[id]?.displayValue ?? '?';
    return { performance: score('performance'), accessibility: score('accessibility'), fcp: metric('first-contentful-paint'), lcp: metric('largest-contentful-paint'), tbt: metric('total-blocking-time'), cls: metric('cumulative-layout-shift') };
  } finally {
    await chrome.kill();
  }
}

async function installability(baseUrl: string, pathname: string, cookie: string) {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'takaru-lh-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: HEADLESS.slice(1), headless: true, viewport: { width: 360, height: 740 } });
  try {
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: baseUrl }]);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(baseUrl + pathname);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
    const manifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: { message: string }[] };
    const controlled = await page.evaluate(() => navigator.serviceWorker.controller !== null);
    return { installable: installabilityErrors.length === 0, errors: installabilityErrors.map((e) => e.errorId), manifest: manifest.url, manifestErrors: manifest.errors.map((e) => e.message), controlled };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const app = await appForScripts();
  try {
    const cookie = await sessionCookie(app.baseUrl);
    const pages = [['worker home', '/home/worker'], ['certificate card', await cardPath(app.baseUrl, cookie)]] as const;
    for (const [label, pathname] of pages) {
      const s = await lighthouseScores(app.baseUrl + pathname, cookie);
      const i = await installability(app.baseUrl, pathname, cookie);
      console.log(`${label} (${pathname}): Performance ${s.performance}, Accessibility ${s.accessibility} · FCP ${s.fcp}, LCP ${s.lcp}, TBT ${s.tbt}, CLS ${s.cls}`);
      console.log(`  installable: ${i.installable ? 'yes' : 'no'}${i.errors.length ? ` (${i.errors.join(', ')})` : ''} · manifest ${i.manifest}${i.manifestErrors.length ? ` errors: ${i.manifestErrors.join('; ')}` : ''} · service worker controls the page: ${i.controlled ? 'yes' : 'no'}`);
    }
  } finally {
    await app.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
