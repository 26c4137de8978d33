import { expect } from 'chai';
import type { Locator, Page } from 'playwright-core';
import { navFor } from '../../src/navigation';
import { logIn, submit, t, useBrowser, type Journey } from '../support/browser';

const PHONE = { width: 360, height: 740 };
const ROLES: Array<[role: string, email: string]> = [
  ['worker', 'pekerja@takaru.test'],
  ['coordinator', 'koordinator@takaru.test'],
  ['manager', 'manajer@takaru.test'],
  ['instructor', 'instruktur@takaru.test'],
  ['admin', 'admin@takaru.test'],
];

/** The element lies wholly inside the phone's screen and is at least 44×44 px (a finger's tap). */
async function expectTappable(el: Locator, what: string): Promise<void> {
  const box = await el.boundingBox();
  expect(box, `${what} is shown`).to.not.equal(null);
  const b = box!;
  expect(b.x >= 0 && b.y >= 0 && b.x + b.width <= PHONE.width + 0.5 && b.y + b.height <= PHONE.height + 0.5,
    `${what} lies inside the 360×740 screen: ${JSON.stringify(b)}`).to.equal(true);
  expect(Math.round(b.width), `${what} width`).to.be.at.least(44);
  expect(Math.round(b.height), `${what} height`).to.be.at.least(44);
}

async function expectNoSideways(page: Page): Promise<void> {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(scroll, `page width of ${page.url()}`).to.be.at.most(inner);
}

/** The link to `href` in the shown main navigation (not a link in the page's content). */
function navLink(page: Page, href: string): Locator {
  return page.getByRole('navigation', { name: t('common:main_navigation') }).locator(`a[href="${href}"]:visible`);
}

/**
 * Every role on a touch phone (360×740): every destination of its navigation is in the bottom bar
 * or one tap away in the menu, each a 44×44 px target on the screen, nothing scrolls sideways, the
 * header stays small and the unread count is on screen.
 */
describe('e2e: navigation on a phone, every role', function () {
  this.timeout(180_000);
  const suite = useBrowser('phone-nav');

  for (const [role, email] of ROLES) {
    it(`${role}: every destination in the bar or one tap away in the menu`, async () => {
      const j: Journey = await suite.journey({ viewport: PHONE, isMobile: true, hasTouch: true, name: role });
      try {
        const { page } = j;
        await logIn(j, email);
        if (role === 'worker') {
          // An unread notice: the confirmation of a class the worker asks to join.
          await j.visit('/sessions/open');
          await submit(j, page.locator('main form button[type="submit"]').first());
        }
        await j.visit(navFor([role])[0]!.href);
        await expectNoSideways(page);
        const header = await page.locator('.site-header').boundingBox();
        expect(header!.height, 'header height').to.be.at.most(PHONE.height * 0.15);

        const items = navFor([role]);
        const inBar = items.filter((i) => i.bar !== undefined);
        expect(inBar.length, 'items in the bar').to.equal(4);
        for (const item of inBar) await expectTappable(navLink(page, item.href), `bar item ${item.href}`);
        expect(await navLink(page, items[0]!.href).getAttribute('aria-current')).to.equal('page');
        if (role === 'worker') {
          // The badge is small: being on the screen is what counts, not its size.
          const badge = navLink(page, '/inbox').locator('.count');
          expect(Number(await badge.innerText()), 'unread count').to.be.at.least(1);
          const b = (await badge.boundingBox())!;
          expect(b.x >= 0 && b.y >= 0 && b.x + b.width <= PHONE.width && b.y + b.height <= PHONE.height, `unread badge on screen: ${JSON.stringify(b)}`).to.equal(true);
        }
        await j.shot('bar');

        const menu = page.locator('.phone-menu > summary');
        await expectTappable(menu, 'menu button');
        await menu.tap();
        for (const item of items.filter((i) => i.bar === undefined)) await expectTappable(navLink(page, item.href), `menu item ${item.href}`);
        await expectTappable(page.locator('.phone-menu button[type="submit"]'), 'log out');
        await expectNoSideways(page);
        await j.audit(`${role} menu open`);
        await j.shot('menu');
      } finally {
        await j.done();
      }
    });
  }
});
