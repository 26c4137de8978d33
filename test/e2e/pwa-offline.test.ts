import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { logIn, t, useBrowser, type Journey } from '../support/browser';

const PHONE = { width: 360, height: 740 };
const WORKER = 'pekerja@takaru.test';
const SYNCED = /Terakhir diperbarui \d{1,2} \w{3} \d{4}, \d{2}\.\d{2} WIB/;

/** The URLs (paths) the service worker keeps as the worker's private copies. */
async function keptPages(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    if (!(await caches.has('takaru-pages-v1'))) return [];
    const keys = await (await caches.open('takaru-pages-v1')).keys();
    return keys.map((k) => new URL(k.url).pathname + new URL(k.url).search);
  });
}

/** Whether the page is styled by the one built stylesheet (/assets/css/app.<hash>.css), rules loaded. */
async function builtStylesheet(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const sheets = [...document.styleSheets];
    return sheets.length === 1 && /\/assets\/css\/app\.[0-9a-f]{10}\.css$/.test(sheets[0]!.href ?? '') && sheets[0]!.cssRules.length > 100;
  });
}

/** Opens a page with no signal; the browser's own error page (no service worker answering) is null. */
async function openOffline(j: Journey, path: string): Promise<string | null> {
  try {
    await j.page.goto(j.baseUrl + path);
  } catch {
    return null;
  }
  return j.page.locator('body').innerText();
}

/**
 * A worker's phone (360×740) with no signal: the schedule, the certificates and a certificate card
 * opened once still open, from the copy kept by the service worker, with when it was last updated;
 * another page gets the offline page. After logging out nothing private is kept.
 */
describe('e2e: the worker\'s phone app offline (service worker)', function () {
  this.timeout(240_000);
  const suite = useBrowser('pwa-offline');

  it('opens schedule, certificates and a certificate card with no signal, and keeps nothing after logout', async () => {
    const j = await suite.journey({ viewport: PHONE, isMobile: true, hasTouch: true });
    try {
      const { page, context } = j;
      await logIn(j, WORKER);
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      // Controlled from here on (clients.claim): these visits pass through the worker and are kept.
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      await j.visit('/my/schedule');
      await j.visit('/my/certificates');
      const cardHref = await page.locator('a[href$="/card"]').first().getAttribute('href');
      expect(cardHref, 'a card link on My certificates').to.match(/^\/my\/certificates\/[a-f0-9]{24}\/card$/);
      await j.visit(cardHref!);
      const holder = (await page.locator('.cert-pass-holder strong').innerText()).trim();
      const checkCode = (await page.locator('.cert-check-code').innerText()).trim();
      expect(checkCode).to.match(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      expect(await page.locator('[data-offline-banner]').isVisible(), 'no banner while online').to.equal(false);
      expect(await keptPages(page)).to.include.members(['/my/schedule', '/my/certificates', cardHref!]);

      await context.setOffline(true);
      for (const path of ['/my/schedule', '/my/certificates', cardHref!]) {
        const text = await openOffline(j, path);
        expect(text, `${path} opens offline`).to.not.equal(null);
        expect(text!, path).to.match(SYNCED);
        expect(await page.locator('[data-offline-banner]').isVisible(), `${path}: banner "kept copy"`).to.equal(true);
        expect(await builtStylesheet(page), `${path}: styled offline by the kept stylesheet`).to.equal(true);
        await j.audit(`${path} (offline copy)`);
      }
      expect(await page.getByRole('heading', { level: 1 }).innerText()).to.equal(t('certificates:card.title'));
      expect(await page.locator('.cert-pass-holder strong').innerText()).to.equal(holder);
      expect(await page.locator('.cert-check-code').innerText()).to.equal(checkCode);
      expect(await page.locator('.cert-qr img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), 'QR shown').to.equal(true);
      await j.shot('card-offline');
      await openOffline(j, '/my/schedule');
      expect(await page.getByRole('heading', { level: 1 }).innerText()).to.equal(t('calendar:schedule.title'));

      // A page never opened: the offline page, in both languages.
      const other = await openOffline(j, '/my/skills');
      expect(other).to.include(t('pwa:offline.title')).and.include('You are offline');
      expect(await builtStylesheet(page), 'offline page styled').to.equal(true);
      await j.audit('offline page');

      await context.setOffline(false);
      await j.visit('/my/certificates');
      await page.locator('.phone-menu > summary').tap();
      await Promise.all([page.waitForURL((u) => u.pathname === '/login'), page.locator('.phone-menu button[type="submit"]').tap()]);
      await j.audit();
      expect(await keptPages(page), 'no private copy after logout').to.deep.equal([]);

      await context.setOffline(true);
      for (const path of ['/my/schedule', '/my/certificates', cardHref!]) {
        const text = await openOffline(j, path);
        if (text !== null) {
          expect(text, `${path} after logout`).to.not.match(SYNCED);
          expect(text, `${path} after logout`).to.not.include(holder).and.not.include(checkCode);
          await j.audit(`${path} after logout (offline)`);
        }
      }
      await context.setOffline(false);
    } finally {
      await j.done();
    }
  });

  it('"Bagikan" opens the phone\'s share sheet with the public verification link where there is one', async () => {
    const j = await suite.journey({ viewport: PHONE, isMobile: true, hasTouch: true });
    try {
      const { page } = j;
      // A string, not a function: tsx's name helpers do not exist in the page.
      await page.addInitScript({ content: "window.shared = []; Object.defineProperty(Navigator.prototype, 'share', { configurable: true, writable: true, value: function (d) { window.shared.push(d); return Promise.resolve(); } });" });
      await logIn(j, WORKER);
      await j.visit('/my/certificates');
      const href = await page.locator('a[href$="/card"]').first().getAttribute('href');
      await j.visit(href!);
      const button = page.getByRole('button', { name: t('certificates:share.button'), exact: true });
      const why = await page.evaluate(() => `share: ${typeof navigator.share}; hidden: ${document.querySelector('[data-share-native]')?.hasAttribute('hidden')}`);
      expect(await button.isVisible(), why).to.equal(true);
      await button.tap();
      const shared = await page.evaluate(() => (window as unknown as { shared: { url: string; text: string }[] }).shared);
      expect(shared).to.have.length(1);
      expect(shared[0]!.url).to.match(/\/verify\/[A-Za-z0-9_-]{32}$/);
      expect(shared[0]!.url).to.equal(await page.locator('[data-share-field]').inputValue());
    } finally {
      await j.done();
    }
  });

  it('without the Web Share API, only the WhatsApp link and the copy field are offered', async () => {
    const j = await suite.journey({ viewport: PHONE, isMobile: true, hasTouch: true });
    try {
      const { page } = j;
      await page.addInitScript({ content: "Object.defineProperty(Navigator.prototype, 'share', { configurable: true, writable: true, value: undefined });" });
      await logIn(j, WORKER);
      await j.visit('/my/certificates');
      const href = await page.locator('a[href$="/card"]').first().getAttribute('href');
      await j.visit(href!);
      expect(await page.getByRole('button', { name: t('certificates:share.button'), exact: true }).count()).to.equal(0);
      const wa = await page.getByRole('link', { name: t('certificates:share.whatsapp') }).getAttribute('href');
      const url = await page.locator('[data-share-field]').inputValue();
      expect(decodeURIComponent(wa!.slice('https://wa.me/?text='.length))).to.include(url);
    } finally {
      await j.done();
    }
  });

  it('"Absen sekarang" scanner page: says when there is no camera, and the typed code works as fallback', async () => {
    const j = await suite.journey({ viewport: PHONE, isMobile: true, hasTouch: true });
    try {
      const { page } = j;
      await logIn(j, WORKER);
      await j.visit('/checkin/scan');
      expect(await page.getByRole('heading', { level: 1 }).innerText()).to.equal(t('attendance:scan.title'));
      // Headless chromium has no camera: the page says so and points to the typed code.
      await page.waitForFunction((msgs) => msgs.includes(document.querySelector('[data-scan-status]')!.textContent ?? ''),
        [t('attendance:scan.no_camera'), t('attendance:scan.denied')]);
      await page.getByLabel(new RegExp(t('attendance:checkin.enter_label').replace(/[()]/g, '\\$&'))).fill('000000');
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: t('attendance:checkin.enter_button') }).tap()]);
      await j.audit();
      expect(new URL(page.url()).pathname).to.equal('/checkin');
      expect(await page.locator('main').innerText()).to.include(t('attendance:checkin.refused.wrong_code'));
    } finally {
      await j.done();
    }
  });
});
