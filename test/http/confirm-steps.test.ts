import { expect } from 'chai';
import { trusted } from 'mongoose';
import { User } from '../../src/modules/accounts';
import { Course } from '../../src/modules/catalogue';
import { ContinuityConfirmation, ContinuityEntry } from '../../src/modules/continuity';
import { Notification } from '../../src/modules/notifications';
import { Enrollment } from '../../src/modules/scheduling';
import { ManualClock } from '../../src/platform/clock';
import { createWorkerRecord } from '../support/calendar-factories';
import { confirmFormFields, throughConfirm } from '../support/confirm';
import { createUser, createWorkshop, PASSWORD } from '../support/factories';
import { buildApp } from '../support/harness';
import { csrfFrom, formBody, formToken, mainText, signIn, submitForm, type Agent } from '../support/http';
import { createWorker } from '../support/people-factories';
import { makeSession, makeWorker } from '../support/scheduling-factories';

const NOW = '2026-12-01T02:00:00Z'; // Tuesday 1 Dec 2026, 09:00 WIB
const NEXT_WEEK = new Date('2026-12-07T01:00:00Z');
const coordinator = { id: '000000000000000000000001', roles: ['coordinator'] };

async function asCoordinator() {
  const ctx = buildApp({ clock: new ManualClock(NOW) });
  await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
  return { ...ctx, agent: await signIn(ctx.app, 'koor@t.test', PASSWORD) };
}

/** A POST straight to the action with a valid CSRF token but without the confirmation step's marker. */
async function skipStep(agent: Agent, pagePath: string, action: string, fields: Record<string, string | string[]> = {}) {
  return agent.post(action).type('form').send(formBody({ ...fields, _csrf: await formToken(agent, pagePath) }));
}

/** A full class of two with Budi first on the wait-list; returns Ahmad's enrolment. */
async function fullClassWithWaitlist(services: ReturnType<typeof buildApp>['services'], start = NEXT_WEEK) {
  const session = await makeSession({ start, capacity: 2 });
  const [ahmad, agus, budi] = [await makeWorker({ name: 'Ahmad' }), await makeWorker({ name: 'Agus' }), await makeWorker({ name: 'Budi' })];
  for (const w of [ahmad, agus, budi]) await services.scheduling.enrollment.enrollWorker(coordinator, session.id, w.id);
  const enrollment = (await Enrollment.findOne({ worker: ahmad._id }).lean())!;
  return { session, ahmad, budi, enrollment, path: `/sessions/${session.id}`, action: `/enrollments/${enrollment._id}/cancel` };
}

describe('confirmation steps: destructive and mass actions ask first', () => {
  describe('cancelling an enrolment', () => {
    it('shows who is told and who moves up, changes nothing until confirmed, then cancels', async () => {
      const { agent, services } = await asCoordinator();
      const { path, action, budi, enrollment } = await fullClassWithWaitlist(services);
      const notices = await Notification.countDocuments();
      const { stepText, done } = await throughConfirm(agent, path, action, {});
      expect(stepText).to.include('Batalkan pendaftaran Ahmad?').and.include('Ahmad akan diberi tahu.').and.include('Budi naik dari daftar tunggu.');
      expect(stepText).not.to.include('sudah berjalan');
      expect(done.status).to.equal(303);
      expect(done.headers.location).to.equal(path);
      expect((await Enrollment.findById(enrollment._id).lean())!.status).to.equal('cancelled');
      expect((await Enrollment.findOne({ worker: budi._id }).lean())!.status).to.equal('enrolled');
      expect(await Notification.countDocuments()).to.be.above(notices);
      expect(mainText((await agent.get(path).expect(200)).text)).to.include('Pendaftaran Ahmad dibatalkan.');
    });

    it('says so when the class is already running, and in English', async () => {
      const { agent, services, clock } = await asCoordinator();
      const { path, action } = await fullClassWithWaitlist(services);
      (clock as ManualClock).set('2026-12-07T03:00:00Z'); // the first meeting began an hour ago
      const step = await skipStep(agent, path, `${action}?lng=en`);
      expect(step.status).to.equal(200);
      expect(mainText(step.text)).to.include('This class is already running.').and.include('Ahmad will be notified.');
    });

    it('refuses a POST that skips the step: the confirmation page again, nothing changed', async () => {
      const { agent, services } = await asCoordinator();
      const { path, action, enrollment, budi } = await fullClassWithWaitlist(services);
      const notices = await Notification.countDocuments();
      const res = await skipStep(agent, path, action, { confirm: 'no' });
      expect(res.status).to.equal(200);
      expect(confirmFormFields(res.text).confirm).to.deep.equal(['yes']);
      expect((await Enrollment.findById(enrollment._id).lean())!.status).to.equal('enrolled');
      expect((await Enrollment.findOne({ worker: budi._id }).lean())!.status).to.equal('waitlisted');
      expect(await Notification.countDocuments()).to.equal(notices);
    });

    it('lets a worker confirm cancelling their own place without naming who is next', async () => {
      const { app, services } = buildApp({ clock: new ManualClock(NOW) });
      const user = await createUser({ email: 'ahmad@t.test', roles: ['worker'] });
      const session = await makeSession({ start: NEXT_WEEK, capacity: 1 });
      const mine = await makeWorker({ name: 'Ahmad', user: user._id, workshop: user.workshop });
      await services.scheduling.enrollment.enrollWorker(coordinator, session.id, mine.id);
      await services.scheduling.enrollment.enrollWorker(coordinator, session.id, (await makeWorker({ name: 'Budi' })).id);
      const agent = await signIn(app, 'ahmad@t.test', PASSWORD);
      const id = String((await Enrollment.findOne({ worker: mine._id }).lean())!._id);
      const { stepText, done } = await throughConfirm(agent, `/sessions/${session.id}`, `/enrollments/${id}/cancel`, {});
      expect(stepText).to.include('Tempat Anda di kelas ini dilepas.').and.include('Orang berikutnya di daftar tunggu mendapat tempat Anda.');
      expect(stepText).not.to.include('Budi');
      expect(done.status).to.equal(303);
      expect((await Enrollment.findById(id).lean())!.status).to.equal('cancelled');
    });
  });

  describe('bulk enrolment', () => {
    async function workshopOfFour() {
      const shop = await createWorkshop();
      const names = ['Agus', 'Budi', 'Citra', 'Dewi'];
      const workers = [];
      for (const name of names) workers.push(await makeWorker({ name, workshop: shop._id }));
      return { shop, workers };
    }

    it('previews how many are enrolled, wait-listed and already in, then enrols them', async () => {
      const { agent, services } = await asCoordinator();
      const session = await makeSession({ start: NEXT_WEEK, capacity: 2 });
      const { shop, workers } = await workshopOfFour();
      await services.scheduling.enrollment.enrollWorker(coordinator, session.id, workers[3]!.id);
      const path = `/sessions/${session.id}`;
      const { stepText, done } = await throughConfirm(agent, path, `${path}/enrollments/bulk`, { workshop: shop.id, trade: '', position: '' });
      expect(stepText).to.include('1 pekerja akan didaftarkan, 2 masuk daftar tunggu, 1 sudah terdaftar.').and.include('Didaftarkan: Agus.').and.include('Masuk daftar tunggu: Budi, Citra.');
      expect(done.status).to.equal(303);
      expect(await Enrollment.countDocuments({ session: session._id, status: 'enrolled' })).to.equal(2);
      expect(await Enrollment.countDocuments({ session: session._id, status: 'waitlisted' })).to.equal(2);
      expect((await Enrollment.findOne({ worker: workers[0]!._id }).lean())!.status).to.equal('enrolled');
    });

    it('enrols nobody on a POST that skips the step', async () => {
      const { agent } = await asCoordinator();
      const session = await makeSession({ start: NEXT_WEEK, capacity: 2 });
      const { shop } = await workshopOfFour();
      const path = `/sessions/${session.id}`;
      const res = await skipStep(agent, path, `${path}/enrollments/bulk`, { workshop: shop.id });
      expect(res.status).to.equal(200);
      expect(mainText(res.text)).to.include('2 pekerja akan didaftarkan, 2 masuk daftar tunggu, 0 sudah terdaftar.');
      expect(await Enrollment.countDocuments({ session: session._id })).to.equal(0);
    });
  });

  describe('archiving a course', () => {
    it('says how many classes that have not ended use it, and archives only when confirmed', async () => {
      const { agent } = await asCoordinator();
      const session = await makeSession({ start: NEXT_WEEK });
      await makeSession({ start: new Date('2026-11-30T01:00:00Z'), hours: 100, course: session.course }); // running
      await makeSession({ start: new Date('2026-11-02T01:00:00Z'), course: session.course }); // over
      await makeSession({ start: NEXT_WEEK, course: session.course, state: 'cancelled' });
      const course = (await Course.findById(session.course).lean())!;
      const path = `/courses/${course._id}`;
      const skipped = await skipStep(agent, path, `${path}/archive`);
      expect(skipped.status).to.equal(200);
      expect((await Course.findById(course._id).lean())!.active).to.equal(true);
      const { stepText, done } = await throughConfirm(agent, path, `${path}/archive`, {});
      expect(stepText).to.include(`Arsipkan kursus ${course.code} ${course.title!.id}?`).and.include('2 kelas yang belum selesai');
      expect(done.status).to.equal(303);
      expect((await Course.findById(course._id).lean())!.active).to.equal(false);
    });
  });

  describe('revoking the calendar feed address', () => {
    it('names the address that stops working, and replaces it only when confirmed', async () => {
      const { app } = buildApp({ clock: new ManualClock(NOW) });
      const user = await createUser({ email: 'pekerja@t.test', roles: ['worker'] });
      await createWorkerRecord({ user: user._id, workshop: user.workshop! });
      const agent = await signIn(app, 'pekerja@t.test', PASSWORD);
      await agent.get('/my/schedule').expect(200);
      const old = (await User.findById(user._id).lean())!.calendarToken!;
      const skipped = await skipStep(agent, '/my/schedule', '/my/calendar-feed/revoke');
      expect(skipped.status).to.equal(200);
      expect(mainText(skipped.text)).to.include(`berakhiran …${old.slice(-6)}.ics`);
      expect((await User.findById(user._id).lean())!.calendarToken).to.equal(old);
      const { done } = await throughConfirm(agent, '/my/schedule', '/my/calendar-feed/revoke', {});
      expect(done.status).to.equal(303);
      expect((await User.findById(user._id).lean())!.calendarToken).to.not.equal(old);
    });
  });

  describe('the six-monthly continuity confirmation', () => {
    it('lists the welders and processes to be confirmed, and records them only when confirmed', async () => {
      const { app } = buildApp({ clock: new ManualClock('2026-07-01T10:00:00+07:00') });
      const shop = await createWorkshop({ name: 'Logam Jaya' });
      await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
      const [ani, budi] = [await createWorker(shop._id, { name: 'Ani' }), await createWorker(shop._id, { name: 'Budi' })];
      const koor = await signIn(app, 'koor@t.test', PASSWORD);
      const pagePath = `/continuity/workshops/${shop.id}`;
      const page = await koor.get(pagePath).expect(200);
      const submission = /name="submission" value="([a-f0-9]{32})"/.exec(page.text)![1]!;
      const fields = { submission, date: '2026-06-30', evidence: 'Rekap job', supervisor: '', process: '', workers: [ani.id, budi.id], [`process_${ani.id}`]: ['SMAW', 'GMAW'], [`process_${budi.id}`]: 'SMAW' };
      const skipped = await koor.post(`${pagePath}/confirm`).type('form').send(formBody({ ...fields, _csrf: csrfFrom(page.text) }));
      expect(skipped.status).to.equal(200);
      expect(await ContinuityConfirmation.countDocuments()).to.equal(0);
      const { stepText, done } = await throughConfirm(koor, pagePath, `${pagePath}/confirm`, fields);
      expect(stepText).to.include('2 juru las CV. Logam Jaya dikonfirmasi telah mengelas pada 30/06/2026').and.include('Ani: SMAW, GMAW').and.include('Budi: SMAW').and.include('3 catatan kontinuitas');
      expect(done.status).to.equal(303);
      expect(await ContinuityConfirmation.countDocuments()).to.equal(1);
      expect(await ContinuityEntry.countDocuments({ confirmation: trusted({ $exists: true }) })).to.equal(3);
    });

    it('sends bad input back to the form with 422 before any confirmation page', async () => {
      const { app } = buildApp({ clock: new ManualClock('2026-07-01T10:00:00+07:00') });
      const shop = await createWorkshop();
      await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
      const koor = await signIn(app, 'koor@t.test', PASSWORD);
      const res = await submitForm(koor, `/continuity/workshops/${shop.id}`, `/continuity/workshops/${shop.id}/confirm`, { submission: 'e'.repeat(32), date: '2026-06-30', evidence: 'Rekap' });
      expect(res.status).to.equal(422);
      expect(res.text).not.to.include('confirm-page');
    });
  });
});
