import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { logIn, t, useBrowser, type Journey } from '../support/browser';

const PHONE = { width: 360, height: 740 };

/** Heights (px, as drawn) of every chart text on the screen: labels, values and axis ticks of shown SVGs. */
async function chartTextHeights(page: Page): Promise<{ text: string; height: number }[]> {
  return page.locator('main svg.rp-svg text').evaluateAll((els) =>
    els
      .filter((el) => (el.closest('svg') as SVGSVGElement).getBoundingClientRect().height > 0)
      .map((el) => ({ text: el.textContent ?? '', height: Math.round(el.getBoundingClientRect().height * 10) / 10 })));
}

/**
 * The demo manager's dashboard on a 360×740 phone: chart labels at least 12 px tall (not a 640-unit
 * drawing shrunk to half), nothing scrolls the page sideways, trend tables stay tables (one line per
 * month, compared at a glance), and a section list at the top reaches every section in one tap —
 * with a link back to it from each section, any part is two taps away.
 */
describe('e2e: the reports dashboard on a phone', function () {
  this.timeout(180_000);
  const suite = useBrowser('reports-phone');
  let j: Journey;

  before(async () => {
    j = await suite.journey({ viewport: PHONE, isMobile: true, hasTouch: true, name: 'manager' });
    await logIn(j, 'manajer@takaru.test');
    await j.visit('/reports');
  });
  after(async () => {
    await j?.done();
  });

  it('draws chart labels at least 12 px tall', async () => {
    await j.shot('dashboard');
    const texts = await chartTextHeights(j.page);
    expect(texts.length, 'chart texts shown').to.be.greaterThan(10);
    const smallest = texts.reduce((a, b) => (b.height < a.height ? b : a));
    expect(smallest.height, `smallest chart text "${smallest.text}"`).to.be.at.least(12);
  });

  it('does not scroll the page sideways', async () => {
    const { scroll, inner } = await j.page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    expect(scroll, 'page width').to.be.at.most(inner);
  });

  it('keeps the monthly trend a table: each month on one line, the month column in view while scrolling', async () => {
    const table = j.page.locator('main table[data-table="months"]');
    const rows = await table.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => {
        const tops = [...tr.children].map((td) => Math.round(td.getBoundingClientRect().top));
        return { cells: tops.length, lines: new Set(tops).size, height: tr.getBoundingClientRect().height };
      }));
    expect(rows.length, 'months').to.be.at.least(12);
    for (const r of rows) expect(r.lines, 'one line per month').to.equal(1);
    // Twelve months fit in about a screen, not twelve stacked cards.
    expect(rows.reduce((a, r) => a + r.height, 0), 'height of the month rows').to.be.at.most(PHONE.height);
    const wrap = table.locator('xpath=..');
    const box = (await wrap.boundingBox())!;
    expect(box.x + box.width, 'the table scrolls inside its own box').to.be.at.most(PHONE.width + 0.5);
    const first = table.locator('tbody tr').first().locator('td').first();
    const before = (await first.boundingBox())!.x;
    await wrap.evaluate((el) => el.scrollBy(400, 0));
    // Sticky: it stays where it was (within the table's 1 px border).
    expect((await first.boundingBox())!.x, 'month column stays put').to.be.closeTo(before, 2);
  });

  it('reaches every section from the list at the top in one tap, and the list from every section', async () => {
    const { page } = j;
    const nav = page.getByRole('navigation', { name: t('reports:sections.nav') });
    const links = nav.getByRole('link');
    const count = await links.count();
    expect(count, 'sections listed').to.be.at.least(6);
    for (let i = 0; i < count; i++) {
      await page.evaluate(() => window.scrollTo(0, 0));
      const link = links.nth(i);
      const name = (await link.innerText()).trim();
      const target = (await link.getAttribute('href'))!;
      await link.tap();
      const heading = page.locator(`${target} h2`);
      await page.waitForFunction((sel) => {
        const r = document.querySelector(sel)!.getBoundingClientRect();
        return r.top >= 0 && r.top < window.innerHeight / 2;
      }, `${target} h2`);
      expect((await heading.innerText()).trim(), `section reached by "${name}"`).to.equal(name);
      await page.locator(`${target} .rp-back a`).tap();
      await page.waitForFunction(() => {
        const r = document.querySelector('#rp-sections')!.getBoundingClientRect();
        return r.top >= -1 && r.top < window.innerHeight;
      });
    }
  });
});
