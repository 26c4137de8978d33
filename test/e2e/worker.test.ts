import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { ARTIFACTS, exactly, t, useBrowser, type Journey } from '../support/browser';

const PHONE = { width: 360, height: 740 };

/** The page fits the phone's width: nothing to scroll sideways (tables stack, text wraps). */
async function fitsPhone(j: Journey): Promise<void> {
  const width = await j.page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `page width of ${j.page.url()} at 360 px`).to.be.at.most(PHONE.width);
}

/**
 * A worker on a phone (360×740): logs in with the phone number, sees the schedule, opens a
 * certificate and downloads its PDF; then a visitor (an employer) scans the certificate's QR code
 * and opens the verification page without an account.
 */
describe('e2e: worker on a phone, and a visitor checking a certificate', function () {
  this.timeout(120_000);
  const suite = useBrowser('worker');
  let j: Journey;
  let qrUrl = '';
  let number = '';

  before(async () => {
    j = await suite.journey({ viewport: PHONE, name: 'worker' });
  });
  after(async () => {
    await j?.done();
  });

  it('logs in with the phone number as people write it', async () => {
    const { page } = j;
    await j.visit('/login');
    await fitsPhone(j);
    await page.getByLabel(t('accounts:login.identifier')).fill('0812-2500-0005');
    await page.getByLabel(exactly(t('accounts:login.password'))).fill('takaru-demo');
    await page.getByRole('button', { name: t('accounts:login.submit') }).click();
    await page.waitForURL(/\/home\/worker$/);
    await j.audit();
    await fitsPhone(j);
    expect(await page.locator('.who').innerText()).to.equal('Ahmad Nurhadi');
    await j.shot('home');
  });

  it('sees the coming classes in the schedule', async () => {
    const { page } = j;
    await page.getByRole('link', { name: t('common:nav.my_schedule'), exact: true }).click();
    await page.waitForURL(/\/my\/schedule/);
    await j.audit();
    await fitsPhone(j);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).to.equal(t('calendar:schedule.title'));
    // The demo worker is enrolled in coming classes: at least one day with a meeting.
    expect(await page.locator('.cal-agenda .cal-wday').count()).to.be.greaterThan(0);
    await j.shot('schedule');
  });

  it('opens a certificate whose QR code carries the public verification link', async () => {
    const { page } = j;
    await page.getByRole('link', { name: t('common:nav.my_certificates'), exact: true }).click();
    await page.waitForURL(/\/my\/certificates$/);
    await j.audit();
    await fitsPhone(j);
    await j.shot('certificates');
    const qr = page.getByRole('img', { name: new RegExp(t('certificates:my.qr_alt', { number: '' }).trim()) }).first();
    const src = (await qr.getAttribute('src'))!;
    expect(src).to.match(/^data:image\/png;base64,/);
    const png = PNG.sync.read(Buffer.from(src.split(',')[1]!, 'base64'));
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded, 'the QR code can be read').to.not.equal(null);
    qrUrl = decoded!.data;
    expect(qrUrl).to.match(new RegExp(`^${suite.app.baseUrl}/verify/[A-Za-z0-9_-]{20,}$`));

    await page.getByRole('link', { name: t('certificates:details') }).first().click();
    await page.waitForURL(/\/certificates\/[0-9a-f]{24}$/);
    await j.audit();
    await fitsPhone(j);
    number = (await page.getByRole('heading', { level: 1 }).innerText()).trim();
    expect(await page.locator('main').innerText()).to.include(qrUrl);
    await j.shot('certificate');
  });

  it('downloads the certificate as a PDF that names the certificate', async () => {
    const { page } = j;
    // Chromium would show the PDF in its viewer; the file is what the link serves to this session.
    const href = (await page.getByRole('link', { name: t('certificates:download_pdf') }).getAttribute('href'))!;
    expect(href).to.match(/^\/certificates\/[0-9a-f]{24}\.pdf$/);
    const response = await page.request.get(suite.app.baseUrl + href);
    expect(response.status()).to.equal(200);
    expect(response.headers()['content-type']).to.match(/^application\/pdf/);
    const file = path.join(ARTIFACTS, 'worker', 'certificate.pdf');
    writeFileSync(file, await response.body());
    expect(readFileSync(file).subarray(0, 5).toString()).to.equal('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).to.include('Ahmad Nurhadi');
    const certNumber = /[A-Z0-9][A-Z0-9./-]{6,}/.exec(number)?.[0] ?? number;
    expect(text.replace(/\s+/g, ' ')).to.include(certNumber);
  });

  it('lets a visitor open the QR link without logging in', async () => {
    const visitor = await suite.journey({ viewport: PHONE, name: 'visitor' });
    const { page } = visitor;
    const res = await page.goto(qrUrl);
    expect(res?.status()).to.equal(200);
    // No session is started for a verification: nothing to log out of, no cookie.
    expect(res?.headers()['set-cookie']).to.equal(undefined);
    await visitor.audit();
    await fitsPhone(visitor);
    const text = await page.locator('main').innerText();
    expect(text).to.include(t('certificates:verify.result_title'));
    expect(text).to.include('Ahmad Nurhadi');
    expect(await page.locator('form.logout').count()).to.equal(0);
    await visitor.shot('verify');
    await visitor.done();
  });
});
