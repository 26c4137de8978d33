import { logIn, t, useBrowser, type Journey } from '../support/browser';

/**
 * Issue 12.1 in a real browser: Chromium follows a 303 as soon as its headers arrive, which used to
 * overtake the session write that held the confirmation (it went missing after 3 of 8 saves and showed
 * on the next page). Every save must show its confirmation on the page it leads to, every time.
 */
describe('e2e: a confirmation is on the page the save leads to, every time', function () {
  this.timeout(180_000);
  const suite = useBrowser('flash');
  let worker: Journey;

  before(async () => {
    worker = await suite.journey({ name: 'flash' });
    await logIn(worker, 'pekerja@takaru.test');
  });
  after(async () => {
    await worker?.done();
  });

  it('shows "saved" after each of 20 saves of the preferences form, and not again on the next page', async () => {
    const { page } = worker;
    const saved = t('notifications:preferences.saved');
    await worker.visit('/account/preferences');
    for (let i = 0; i < 20; i++) {
      await Promise.all([page.waitForURL(/\/account\/preferences$/), page.getByRole('button', { name: t('notifications:preferences.submit') }).click()]);
      await page.waitForLoadState('domcontentloaded');
      await worker.expectFlash(saved);
    }
    await worker.audit();
    // Nothing left over for the next page.
    await worker.visit('/my/schedule');
    await worker.audit();
    const leftover = await page.getByRole('status').filter({ hasText: saved }).count();
    if (leftover !== 0) throw new Error('the confirmation turned up again on the next page');
  });
});
