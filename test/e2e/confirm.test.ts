import { expect } from 'chai';
import { logIn, submit, t, useBrowser, type Journey } from '../support/browser';

/**
 * Destructive actions ask first: a coordinator cancels an enrolment in the demo data's full class
 * (six enrolled, three wait-listed, starting in three days), sees a confirmation page naming the
 * worker who is told and the one who moves up, confirms, and reads the result. The same with
 * JavaScript switched off: the confirmation is plain forms.
 */
describe('e2e: cancelling an enrolment asks first, with and without JavaScript', function () {
  this.timeout(180_000);
  const suite = useBrowser('confirm');

  /** Opens the first full class in the sessions list (a few pages at most). */
  async function openFullClass(j: Journey): Promise<void> {
    await j.visit('/sessions');
    for (let page = 1; page <= 5; page++) {
      const row = j.page.locator('main tbody tr').filter({ has: j.page.locator('.status-full') }).first();
      if ((await row.count()) > 0) {
        await Promise.all([j.page.waitForNavigation(), row.locator('a').first().click()]);
        await j.audit();
        return;
      }
      await j.visit(`/sessions?page=${page + 1}`);
    }
    throw new Error('no full class in the demo data');
  }

  async function cancelThroughConfirmation(javaScriptEnabled: boolean): Promise<void> {
    const j = await suite.journey({ name: javaScriptEnabled ? 'js' : 'no-js', javaScriptEnabled });
    try {
      await logIn(j, 'koordinator@takaru.test');
      await openFullClass(j);
      const sessionPath = new URL(j.page.url()).pathname;
      const name = (await j.page.locator('main table').last().locator('tbody tr').first().locator('td').nth(1).innerText()).split('\n')[0]!.trim();
      const next = (await j.page.locator('main ol.waitlist li').first().innerText()).split(' — ')[0]!.trim();
      expect(name).to.not.equal('');
      expect(next).to.not.equal('');

      await submit(j, j.page.getByRole('button', { name: t('scheduling:enrolled.cancel', { name }) }));
      const confirmText = await j.page.locator('main').innerText();
      expect(await j.page.getByRole('heading', { level: 1 }).innerText()).to.equal(t('scheduling:confirm_cancel.title', { name }));
      expect(confirmText).to.include(t('scheduling:confirm_cancel.notified', { name })).and.include(t('scheduling:confirm_cancel.promoted', { name: next }));
      await j.shot('confirm-cancel');

      await submit(j, j.page.getByRole('button', { name: t('scheduling:confirm_cancel.submit') }));
      expect(new URL(j.page.url()).pathname).to.equal(sessionPath);
      await j.expectFlash(t('scheduling:enrol.cancelled_of', { name }));
      expect(await j.page.getByRole('button', { name: t('scheduling:enrolled.cancel', { name: next }) }).count(), `${next} now holds a seat`).to.be.above(0);
      await j.shot('cancelled');
    } catch (err) {
      await j.shot('failed').catch(() => undefined);
      await j.context.close().catch(() => undefined);
      throw err;
    }
    await j.done();
  }

  it('as a coordinator: cancel → the confirmation names the worker and who moves up → confirm → done', async () => {
    await cancelThroughConfirmation(true);
  });

  it('works the same with JavaScript disabled', async () => {
    await cancelThroughConfirmation(false);
  });
});
