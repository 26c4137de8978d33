import { expect } from 'chai';
import type { Locator } from 'playwright-core';
import { logIn, submit, t, useBrowser, type Journey } from '../support/browser';

/**
 * The session page folds its planning forms away in <details>. When one fails, the person must land on
 * it: open, the field marked and described by its message, what they typed still there.
 */
describe('e2e: a failing fold-out form on the session page stays open and marked', function () {
  this.timeout(120_000);
  const suite = useBrowser('session-form-errors');
  let j: Journey;
  let sessionPath = '';

  before(async () => {
    j = await suite.journey({ name: 'session-form-errors' });
    await logIn(j, 'koordinator@takaru.test');
    // A demo class with a meeting still to come (one that can be moved), found without extra page visits.
    const list = await j.page.request.get(`${j.baseUrl}/sessions`);
    const paths = [...new Set([...(await list.text()).matchAll(/href="(\/sessions\/[a-f0-9]{24})"/g)].map((m) => m[1]!))];
    for (const p of paths) {
      if ((await (await j.page.request.get(j.baseUrl + p)).text()).includes('class="move"')) {
        sessionPath = p;
        break;
      }
    }
    expect(sessionPath, 'a demo class with a movable meeting').to.not.equal('');
  });
  after(async () => {
    await j?.done();
  });

  /** The field is shown, marked invalid and described by a visible element holding the message. */
  async function expectDescribed(field: Locator, message: string) {
    expect(await field.isVisible(), 'the field is visible').to.equal(true);
    expect(await field.getAttribute('aria-invalid')).to.equal('true');
    const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
    const texts: string[] = [];
    for (const id of ids) {
      const el = j.page.locator(`[id="${id}"]`);
      if (await el.isVisible()) texts.push((await el.innerText()).trim());
    }
    expect(texts, 'visible texts describing the field').to.include(message);
  }

  it('moving a meeting to end before it starts keeps the move form open, the end marked and the times typed', async () => {
    const { page } = j;
    await j.visit(sessionPath);
    const move = page.locator('details.move').first();
    const action = (await move.locator('form').getAttribute('action'))!;
    const meetingId = action.split('/').pop()!;
    await move.locator('summary').click();
    const day = new Date(Date.now() + 40 * 24 * 3600_000 + 7 * 3600_000).toISOString().slice(0, 10);
    await page.locator(`#mv-d-${meetingId}`).fill(day);
    await page.locator(`#mv-s-${meetingId}`).fill('10:00');
    await page.locator(`#mv-e-${meetingId}`).fill('09:00');
    await submit(j, move.getByRole('button', { name: t('scheduling:meetings.move_submit') }));
    await j.shot('move-end-before-start');
    await j.expectFlash(t('validation.summary'), 'error');

    const again = page.locator('details.move', { has: page.locator(`form[action="${action}"]`) });
    expect(await again.getAttribute('open'), 'the move form is open').to.not.equal(null);
    expect(await page.locator('details[open]').count(), 'no other form unfolded').to.equal(1);
    await expectDescribed(page.locator(`#mv-e-${meetingId}`), t('scheduling:validation.end_before_start'));
    expect(await page.locator(`#mv-d-${meetingId}`).inputValue()).to.equal(day);
    expect(await page.locator(`#mv-s-${meetingId}`).inputValue()).to.equal('10:00');
    expect(await page.locator(`#mv-e-${meetingId}`).inputValue()).to.equal('09:00');
  });

  it('cancelling the class without a reason keeps the cancel form open with the reason marked', async () => {
    const { page } = j;
    await j.visit(sessionPath);
    const zone = page.locator('details.danger-zone');
    await zone.locator('summary').click();
    await submit(j, zone.getByRole('button', { name: t('scheduling:cancel.submit') }));
    await j.shot('cancel-without-reason');
    await j.expectFlash(t('validation.summary'), 'error');

    expect(await page.locator('details.danger-zone').getAttribute('open'), 'the cancel form is open').to.not.equal(null);
    await expectDescribed(page.locator('#f-reason'), t('validation.required'));
    expect(page.url()).to.match(/\/sessions\/[a-f0-9]{24}\/cancel$/);
  });
});
