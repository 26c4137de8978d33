import { expect } from 'chai';
import { escapeRe as escape, exactly, submit, t, tabTo, useBrowser, wibDateTime, type Journey } from '../support/browser';

/**
 * A training coordinator's day, in the browser on the demo data: a room and an instructor for a new
 * class, the class itself (its first meeting starts in a few minutes, so attendance is open), two
 * workers enrolled (one with the keyboard alone), attendance, pre/post assessments, and a
 * certificate issued from a competency assessment.
 */
describe('e2e: coordinator logs in by keyboard, schedules, enrols, takes attendance, assesses and certifies', function () {
  this.timeout(120_000);
  const suite = useBrowser('coordinator');
  const tag = Date.now().toString(36).slice(-5).toUpperCase();
  const roomName = `Ruang Uji E2E ${tag}`;
  const instructorName = `Instruktur Uji E2E ${tag}`;
  let j: Journey;
  let sessionPath = '';
  const enrolled: string[] = [];

  before(async () => {
    j = await suite.journey({ name: 'coordinator' });
  });
  after(async () => {
    await j?.done();
  });

  it('logs in with the keyboard alone', async () => {
    const { page } = j;
    await j.visit('/login');
    await page.locator('body').focus();
    await page.keyboard.press('Tab');
    // The first stop is the link that skips the header.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).to.equal('#main');
    await tabTo(page, page.getByLabel(t('accounts:login.identifier')), 'the email/phone field');
    await page.keyboard.type('koordinator@takaru.test');
    await page.keyboard.press('Tab');
    expect(await page.getByLabel(exactly(t('accounts:login.password'))).evaluate((el) => el === document.activeElement), 'Tab goes on to the password').to.equal(true);
    await page.keyboard.type('takaru-demo');
    await Promise.all([page.waitForURL(/\/home\/coordinator$/), page.keyboard.press('Enter')]);
    await j.audit();
  });

  it('adds a room and an instructor for the new class', async () => {
    const { page } = j;
    await j.visit('/rooms/new');
    await page.getByLabel(t('catalogue:fields.name')).fill(roomName);
    await page.getByLabel(t('catalogue:fields.kind')).selectOption({ index: 1 });
    await page.getByLabel(t('catalogue:fields.capacity')).fill('12');
    await page.getByRole('button', { name: t('catalogue:rooms.create') }).click();
    await page.waitForURL((u) => u.pathname !== '/rooms/new');
    await j.audit();
    await j.expectFlash(t('catalogue:rooms.created'));
    expect(await page.locator('main').innerText()).to.include(roomName);

    await j.visit('/instructors/new');
    await page.getByLabel(t('catalogue:fields.name')).fill(instructorName);
    await page.getByRole('radio', { name: /Eksternal/ }).check();
    await page.getByLabel(t('catalogue:fields.organisation')).fill('BLK Kabupaten Tegal');
    await page.getByRole('checkbox', { name: /Pemesinan/ }).check();
    await page.getByRole('button', { name: t('catalogue:instructors.create') }).click();
    await page.waitForURL((u) => u.pathname !== '/instructors/new');
    await j.audit();
    await j.expectFlash(t('catalogue:instructors.created'));
    expect(await page.locator('main').innerText()).to.include(instructorName);
  });

  it('schedules a class whose first meeting starts in a few minutes', async () => {
    const { page } = j;
    await j.visit('/sessions/new');
    const start = new Date(Date.now() + 10 * 60_000);
    let end = new Date(start.getTime() + 2 * 3600_000);
    if (wibDateTime(end).date !== wibDateTime(start).date) end = new Date(start.getTime() + 60_000 * Math.max(5, 59 - Number(wibDateTime(start).time.slice(3))));
    const second = new Date(start.getTime() + 7 * 86400_000);
    const secondEnd = new Date(end.getTime() + 7 * 86400_000);
    await page.getByLabel(t('scheduling:fields.course')).selectOption({ label: 'BUB-01 — Membubut Dasar' });
    await page.getByRole('checkbox', { name: instructorName }).check();
    await page.getByLabel(t('scheduling:fields.room')).selectOption({ label: `${roomName} (12)` });
    await page.getByLabel(t('scheduling:fields.capacity')).fill('8');
    await page.getByLabel(exactly(t('scheduling:fields.state'))).selectOption('open');
    await page.getByRole('radio', { name: t('scheduling:form.plan_list') }).check();
    await page.getByLabel(exactly(`${t('scheduling:form.date')} 1`)).fill(wibDateTime(start).date);
    await page.getByLabel(exactly(`${t('scheduling:form.start_time')} 1`)).fill(wibDateTime(start).time);
    await page.getByLabel(exactly(`${t('scheduling:form.end_time')} 1`)).fill(wibDateTime(end).time);
    await page.getByLabel(exactly(`${t('scheduling:form.date')} 2`)).fill(wibDateTime(second).date);
    await page.getByLabel(exactly(`${t('scheduling:form.start_time')} 2`)).fill(wibDateTime(second).time);
    await page.getByLabel(exactly(`${t('scheduling:form.end_time')} 2`)).fill(wibDateTime(secondEnd).time);
    await j.shot('new-session-filled');
    await page.getByRole('button', { name: t('scheduling:form.create') }).click();
    await page.waitForURL(/\/sessions\/[0-9a-f]{24}$/);
    await j.audit();
    await j.expectFlash(t('scheduling:created'));
    sessionPath = new URL(page.url()).pathname;
    expect(await page.getByRole('heading', { level: 1 }).innerText()).to.include('BUB-01');
    expect(await page.locator('main').innerText()).to.include(roomName);
    await j.shot('session');
  });

  /** The worker picker's enrol button for a worker named in its results ("Daftarkan <name>, <workshop>"). */
  const enrolButton = (name: string) => j.page.getByRole('button', { name: new RegExp(`^${escape(t('scheduling:enrol.submit'))} ${escape(name)},`) }).first();
  const reasonSubmit = () => j.page.getByRole('button', { name: t('scheduling:enrol.submit'), exact: true });

  it('enrols a worker with the keyboard alone, found with the picker', async () => {
    const { page } = j;
    const search = page.getByLabel(exactly(t('scheduling:picker.search')));
    await page.locator('body').focus();
    await tabTo(page, search, 'the worker search');
    await page.keyboard.type('an');
    await Promise.all([page.waitForURL(/\/enroll\?q=an$/), page.keyboard.press('Enter')]);
    await j.audit();
    const name = (await page.locator('main tbody tr td').first().innerText()).trim();
    await page.locator('body').focus();
    await tabTo(page, enrolButton(name), 'the enrol button of the first match');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await j.audit();
    if (await needsReason()) {
      // The page keeps the chosen worker and asks for a reason (a missing prerequisite or a clash).
      await page.locator('body').focus();
      await tabTo(page, page.getByLabel(t('scheduling:enrol.override')), 'the reason field');
      await page.keyboard.type('Disetujui manajer bengkel');
      await tabTo(page, reasonSubmit(), 'the enrol button', 5);
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      await j.audit();
    }
    await expectEnrolled(name);
  });

  it('enrols a second worker with the mouse', async () => {
    const { page } = j;
    await j.visit(`${sessionPath}/enroll?q=an`);
    const names = (await page.locator('main tbody tr td:first-child').allInnerTexts()).map((s) => s.trim());
    const name = names.find((n) => !enrolled.includes(n))!;
    await submit(j, enrolButton(name));
    if (await needsReason()) {
      await page.getByLabel(t('scheduling:enrol.override')).fill('Disetujui manajer bengkel');
      await submit(j, reasonSubmit());
    }
    await expectEnrolled(name);
    expect(enrolled).to.have.length(2);
  });

  /**
   * The enrolment was refused until a reason is given: a schedule clash or a missing prerequisite, said
   * in the form's error summary. Any other refusal fails here.
   */
  async function needsReason(): Promise<boolean> {
    if ((await j.page.getByRole('alert').count()) === 0) return false;
    const fieldError = (await j.page.locator('#f-worker-error').allInnerTexts()).join(' ');
    if (fieldError.includes(t('scheduling:validation.prerequisite'))) await j.expectFlash(t('validation.summary'), 'error');
    else await j.expectFlash(t('scheduling:conflict.title'), 'error');
    return true;
  }

  async function expectEnrolled(label: string) {
    // A class of 8 with fewer enrolled: a seat, not the waiting list.
    await j.expectFlash(t('scheduling:enrol.enrolled'));
    const text = await j.page.locator('main').innerText();
    expect(text, text.slice(0, 600)).to.include(t('scheduling:seats', { taken: enrolled.length + 1, capacity: 8 }));
    enrolled.push(label.split(' (')[0]!.split(' — ')[0]!.trim());
  }

  it('takes attendance for the first meeting', async () => {
    const { page } = j;
    await page.getByRole('link', { name: t('scheduling:meetings.attendance'), exact: true }).first().click();
    await page.waitForURL(/\/meetings\/[0-9a-f]{24}\/attendance$/);
    await j.audit();
    for (const name of enrolled) {
      await page.getByRole('group', { name: new RegExp(escape(name)) }).getByLabel(exactly(t('attendance:status.present'))).check();
    }
    await submit(j, page.getByRole('button', { name: t('attendance:register.save') }));
    await j.expectFlash(t('attendance:register.saved', { count: enrolled.length }));
    for (const name of enrolled) {
      const hint = await page.getByRole('group', { name: new RegExp(escape(name)) }).locator('.hint').first().innerText();
      expect(hint, name).to.include(t('attendance:status.present'));
    }
    await j.shot('attendance');
  });

  it('records pre and post assessments', async () => {
    const { page } = j;
    await j.visit(`${sessionPath}/assessments`);
    const today = wibDateTime(new Date()).date;
    for (const kind of ['pre', 'post'] as const) {
      await page.getByRole('group', { name: t(`assessments:kinds.${kind}`) }).getByLabel(t('assessments:fields.date')).fill(today);
    }
    for (const name of enrolled) {
      const section = page.getByRole('region', { name: new RegExp(escape(name)) });
      const selects = section.getByRole('combobox');
      // The first unit of the course: level 1 before the class, 3 after.
      await selects.nth(0).selectOption({ index: 2 });
      await selects.nth(1).selectOption({ index: 4 });
    }
    await j.shot('assessments-filled');
    await submit(j, page.getByRole('button', { name: t('assessments:sheet.save') }));
    // A new class: each worker's pre and post level of the first unit are the changes.
    await j.expectFlash(t('assessments:sheet.saved', { count: 2 * enrolled.length }));
    await j.shot('assessments-saved');
    // One pre and one post level per worker for the first unit (other units may already hold levels).
    // The counts are nested plurals that need numbers: render with markers, then turn them into groups.
    const counts = new RegExp(t('assessments:sheet.recorded_counts', { pre: 9001, post: 9002 }).replace(/900[12]/g, '(\\d+)')).exec(await page.locator('main').innerText());
    expect(counts, 'recorded counts shown').to.not.equal(null);
    expect(Number(counts![1])).to.be.at.least(enrolled.length);
    expect(Number(counts![2])).to.be.at.least(enrolled.length);
    expect(await page.getByRole('alert').count()).to.equal(0);
    await j.shot('assessments');
  });

  it('records a competency assessment with every unit K and issues the certificate', async () => {
    const { page } = j;
    await j.visit('/certificates/assessments/new');
    await page.getByLabel(t('certificates:fields.scheme')).selectOption({ label: 'Operator Mesin Bubut Dasar' });
    await submit(j, page.getByRole('button', { name: t('certificates:assessments.next') }));
    await page.getByLabel(exactly(t('certificates:fields.worker'))).selectOption({ label: enrolled[0]! });
    const today = wibDateTime(new Date()).date;
    await page.getByLabel(t('certificates:fields.assessment_date')).fill(today);
    await page.getByLabel(t('certificates:fields.tuk')).fill('TUK Sewaktu LIK Takaru');
    await page.getByLabel(t('certificates:fields.assessor_name')).fill('Asesor Uji E2E');
    await page.getByLabel(t('certificates:fields.assessor_registration')).fill('MET.000.012345 2019');
    const competent = page.getByRole('radio', { name: t('certificates:outcome.K'), exact: true });
    for (let i = 0; i < (await competent.count()); i++) await competent.nth(i).check();
    await page.getByRole('button', { name: t('certificates:assessments.save') }).click();
    await page.waitForURL(/\/certificates\/assessments\/[0-9a-f]{24}$/);
    await j.audit();
    await j.expectFlash(t('certificates:assessments.created'));
    await page.getByLabel(t('certificates:fields.issue_date')).fill(today);
    await page.getByRole('button', { name: t('certificates:issue.submit') }).click();
    await page.waitForURL(/\/certificates\/[0-9a-f]{24}$/);
    await j.audit();
    await j.expectFlash(t('certificates:issue.done'));
    const text = await page.locator('main').innerText();
    expect(text).to.include(enrolled[0]!);
    expect(text).to.include('Operator Mesin Bubut Dasar');
    expect(await page.getByRole('link', { name: /\/verify\// }).count()).to.equal(1);
    await j.shot('certificate');
  });
});
