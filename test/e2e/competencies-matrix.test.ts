import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { logIn, useBrowser, type Journey } from '../support/browser';

/** What scrolls, and how the matrix's header and name cells are positioned. */
async function layout(page: Page) {
  return page.evaluate(() => {
    const wrap = document.querySelector('.mx-wrap') as HTMLElement;
    const table = wrap.querySelector('table') as HTMLElement;
    const corner = table.querySelector('thead th') as HTMLElement;
    const unitHead = table.querySelector('thead th.mx-unit') as HTMLElement;
    const name = table.querySelector('tbody th[scope="row"]') as HTMLElement;
    return {
      pageWidth: document.scrollingElement!.scrollWidth,
      inner: window.innerWidth,
      tableWidth: table.scrollWidth,
      wrapWidth: wrap.clientWidth,
      positions: [corner, unitHead, name].map((el) => getComputedStyle(el).position),
      rows: table.querySelectorAll('tbody tr').length,
    };
  });
}

/**
 * The demo coordinator's skills matrix (every workshop, first page): the page never scrolls
 * sideways, only the table's own box does; the header row and the name column are sticky and stay
 * in view when the table is scrolled both ways.
 */
describe('e2e: the skills matrix scrolls inside its box, with sticky header and names', function () {
  this.timeout(180_000);
  const suite = useBrowser('competencies-matrix');

  for (const viewport of [{ width: 1366, height: 768 }, { width: 360, height: 740 }]) {
    describe(`at ${viewport.width}×${viewport.height}`, () => {
      let j: Journey;
      before(async () => {
        j = await suite.journey({ viewport, name: `coordinator-${viewport.width}`, isMobile: viewport.width < 400 });
        await logIn(j, 'koordinator@takaru.test');
        await j.visit('/competencies/matrix');
      });
      after(async () => {
        await j?.done();
      });

      it('scrolls the table, never the page, sideways', async () => {
        await j.shot('matrix');
        const l = await layout(j.page);
        expect(l.rows, 'rows on the first page').to.be.within(1, 50);
        expect(l.tableWidth, 'the table is wider than its box (so the test means something)').to.be.greaterThan(l.wrapWidth);
        expect(l.pageWidth, 'document.scrollingElement.scrollWidth').to.be.at.most(l.inner);
      });

      it('keeps the header row and the name column sticky while the table scrolls', async () => {
        expect((await layout(j.page)).positions).to.deep.equal(['sticky', 'sticky', 'sticky']);
        const before = await j.page.evaluate(() => {
          const name = document.querySelector('.mx-table tbody th[scope="row"]')!.getBoundingClientRect();
          const head = document.querySelector('.mx-table thead th.mx-unit')!.getBoundingClientRect();
          return { nameLeft: name.left, headTop: head.top };
        });
        const after = await j.page.evaluate(() => {
          const wrap = document.querySelector('.mx-wrap') as HTMLElement;
          wrap.scrollLeft = 400;
          wrap.scrollTop = 300;
          const name = document.querySelector('.mx-table tbody th[scope="row"]')!.getBoundingClientRect();
          const head = document.querySelector('.mx-table thead th.mx-unit')!.getBoundingClientRect();
          return { nameLeft: name.left, headTop: head.top, scrolled: wrap.scrollLeft };
        });
        expect(after.scrolled, 'the box scrolled sideways').to.be.greaterThan(0);
        expect(after.nameLeft, 'name column stays put').to.be.closeTo(before.nameLeft, 1);
        expect(after.headTop, 'header row stays put').to.be.closeTo(before.headTop, 1);
        await j.shot('matrix-scrolled');
      });
    });
  }
});
