import { expect } from 'chai';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { logIn, t, useBrowser, type Journey } from '../support/browser';

/** Clicks a link to a file and returns the file: a download, whatever the browser does with it. */
async function fetchFile(page: Page, link: ReturnType<Page['getByRole']>): Promise<{ bytes: Buffer; name: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const file = await download.path();
  const { readFileSync } = await import('node:fs');
  return { bytes: readFileSync(file), name: download.suggestedFilename() };
}

async function readWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/**
 * A workshop manager: the skills matrix of their workshop as XLSX, and the reports dashboard
 * (issue 6) with its XLSX export. The dashboard part switches itself on once GET /reports exists.
 */
describe('e2e: manager reads the skills matrix and the dashboard, and downloads them as XLSX', function () {
  this.timeout(120_000);
  const suite = useBrowser('manager');
  let j: Journey;

  before(async () => {
    j = await suite.journey({ name: 'manager' });
    await logIn(j, 'manajer@takaru.test');
  });
  after(async () => {
    await j?.done();
  });

  it('opens the skills matrix of the own workshop and downloads it as XLSX', async () => {
    const { page } = j;
    await page.getByRole('link', { name: t('common:nav.skills_matrix'), exact: true }).click();
    await page.waitForURL(/\/competencies\/matrix/);
    await j.audit();
    await j.shot('matrix');
    expect(await page.locator('main').innerText()).to.include('Logam Jaya Takaru');
    const { bytes, name } = await fetchFile(page, page.getByRole('link', { name: t('competencies:matrix.xlsx'), exact: true }));
    expect(name).to.match(/\.xlsx$/);
    const wb = await readWorkbook(bytes);
    expect(wb.worksheets.length).to.be.greaterThan(0);
    const cells = JSON.stringify(wb.worksheets[0]!.getSheetValues());
    expect(cells).to.include('Ahmad Nurhadi');
  });

  it('opens the reports dashboard and downloads a table as XLSX', async function () {
    const probe = await j.page.request.get(`${suite.app.baseUrl}/reports`);
    if (probe.status() === 404) {
      // eslint-disable-next-line no-console
      console.log('      (skipped: GET /reports answers 404 — the dashboard of issue 6 is not in this build yet)');
      this.skip();
    }
    const { page } = j;
    await page.getByRole('link', { name: t('common:nav.reports'), exact: true }).click();
    await page.waitForURL(/\/reports/);
    await j.audit();
    await j.shot('dashboard');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).to.equal(t('reports:title'));
    const xlsx = page.getByRole('link', { name: /XLSX/ }).first();
    const { bytes, name } = await fetchFile(page, xlsx);
    expect(name).to.match(/\.xlsx$/);
    const wb = await readWorkbook(bytes);
    expect(wb.worksheets.length).to.be.greaterThan(0);
    expect(wb.worksheets[0]!.rowCount).to.be.greaterThan(1);
    // The same table as CSV: a header row and the figures.
    const csv = await fetchFile(page, page.getByRole('link', { name: /CSV/ }).first());
    expect(csv.name).to.match(/\.csv$/);
    expect(csv.bytes.toString('utf8').split(/\r?\n/).filter(Boolean).length).to.be.greaterThan(1);
  });

  it('opens the capability statement, prints it without the site around it, and downloads its PDF', async () => {
    const { page } = j;
    await page.goto(`${suite.app.baseUrl}/reports`);
    await page.getByRole('link', { name: t('reports:capability.link'), exact: true }).click();
    await page.waitForURL(/\/reports\/capability/);
    await j.audit();
    await j.shot('capability');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).to.include(t('reports:capability.title'));
    // Each certified worker's row carries a verification QR code.
    expect(await page.locator('main img[src^="data:image/png"]').count()).to.be.greaterThan(0);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible(), 'no site header on paper').to.equal(false);
    expect(await page.getByRole('link', { name: t('reports:capability.pdf') }).isVisible(), 'no buttons on paper').to.equal(false);
    await page.emulateMedia({ media: 'screen' });
    const pdf = await fetchFile(page, page.getByRole('link', { name: t('reports:capability.pdf') }));
    expect(pdf.name).to.match(/\.pdf$/);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
  });
});
