import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { logIn, t, useBrowser, type Journey } from '../support/browser';

const PHONE = { width: 360, height: 740 };

/** Each role's home on the demo data: the sections that answer "what now?", in page order. */
const HOMES: Array<{ role: string; email: string; sections: string[] }> = [
  { role: 'worker', email: 'pekerja@takaru.test', sections: ['home-next', 'home-notices', 'home-certificates', 'home-gaps'] },
  { role: 'instructor', email: 'instruktur@takaru.test', sections: ['home-today', 'home-registers', 'home-assessments'] },
  { role: 'coordinator', email: 'koordinator@takaru.test', sections: ['home-today', 'home-registers', 'home-classes', 'home-certificates', 'home-unreachable'] },
  { role: 'manager', email: 'manajer@takaru.test', sections: ['home-figures'] },
];

async function expectNoSideways(page: Page): Promise<void> {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(scroll, `page width of ${page.url()}`).to.be.at.most(inner);
}

/**
 * Every role's home on a 360×740 touch phone: the "what now?" sections are there, each with a link
 * to act on (or to look further), nothing scrolls sideways, axe finds nothing serious; a manager's
 * link to the reports is on the first screen.
 */
describe('e2e: home pages that say what to do next, on a phone', function () {
  this.timeout(180_000);
  const suite = useBrowser('home-what-now');

  for (const home of HOMES) {
    it(`${home.role}: the sections fit a 360 px screen and each links somewhere to act`, async () => {
      const j: Journey = await suite.journey({ viewport: PHONE, isMobile: true, hasTouch: true, name: home.role });
      try {
        const { page } = j;
        await logIn(j, home.email);
        await j.visit(`/home/${home.role}`);
        expect(await page.getByRole('heading', { level: 1 }).innerText()).to.equal(t(`home:${home.role}.title`));
        await expectNoSideways(page);
        for (const id of home.sections) {
          const section = page.locator(`main section#${id}`);
          expect(await section.count(), `section ${id}`).to.equal(1);
          const text = (await section.innerText()).trim();
          expect(text.length, `section ${id} says something`).to.be.greaterThan(10);
          // Every section of a worker, instructor and coordinator ends in a link or says why not.
          const links = await section.locator('a[href]').count();
          const empty = await section.locator('.empty').count();
          expect(links + empty, `section ${id} links somewhere or says it is empty`).to.be.greaterThan(0);
          const box = (await section.boundingBox())!;
          expect(box.x + box.width, `section ${id} within the screen`).to.be.at.most(PHONE.width + 0.5);
        }
        if (home.role === 'manager') {
          const reports = page.locator('main a[data-reports-link]');
          const b = (await reports.boundingBox())!;
          expect(b.y + b.height, 'the reports link is on the first screen').to.be.at.most(PHONE.height);
          expect(Math.round(b.height), 'the reports link is a 44 px target').to.be.at.least(44);
        }
        if (home.role === 'worker') {
          // The demo worker is enrolled in coming classes: the next one is shown with a link to it.
          expect(await page.locator('main section#home-next a[href^="/sessions/"]').count()).to.be.greaterThan(0);
        }
        await j.shot('home');
      } finally {
        await j.done();
      }
    });
  }
});
