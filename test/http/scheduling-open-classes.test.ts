import { expect } from 'chai';
import { ManualClock } from '../../src/platform/clock';
import { Enrollment } from '../../src/modules/scheduling';
import { buildApp } from '../support/harness';
import { createUser, PASSWORD } from '../support/factories';
import { mainText, signIn, submitForm } from '../support/http';
import { makeCourse, makeSession, makeWorker } from '../support/scheduling-factories';

const NOW = '2026-12-01T02:00:00Z';
const day = (d: number) => new Date(`2026-12-${String(d).padStart(2, '0')}T01:00:00Z`);

/** The open-classes card of one session: from its title link to the end of the list item. */
function cardOf(html: string, sessionId: string): string {
  const start = html.indexOf(`<a href="/sessions/${sessionId}">`);
  expect(start, `card of ${sessionId}`).to.be.greaterThan(-1);
  return html.slice(start, html.indexOf('</li>', start));
}

async function workerApp() {
  const { app } = buildApp({ clock: new ManualClock(NOW) });
  const user = await createUser({ email: 'pekerja@t.test', roles: ['worker'] });
  const worker = await makeWorker({ user: user._id });
  const agent = await signIn(app, 'pekerja@t.test', PASSWORD);
  return { app, worker, agent };
}

describe('open classes: prerequisites and earlier cancellations', () => {
  it('shows "Perlu: <course>" and no request button when the worker lacks a prerequisite', async () => {
    const { agent } = await workerApp();
    const basic = await makeCourse({ code: 'LAS-DSR', title: { id: 'Las dasar', en: 'Basic welding' } });
    const advanced = await makeCourse({ code: 'LAS-LNJ', prerequisites: [basic._id] });
    const basicClass = await makeSession({ start: day(7), course: basic._id });
    const advancedClass = await makeSession({ start: day(14), course: advanced._id });

    const page = await agent.get('/sessions/open').expect(200);
    const card = cardOf(page.text, advancedClass.id);
    expect(mainText(card)).to.include('Perlu: LAS-DSR Las dasar');
    expect(card).not.to.include('/request');
    expect(card).to.include(`<a href="/sessions/${basicClass.id}">LAS-DSR Las dasar</a>`);
    expect(cardOf(page.text, basicClass.id)).to.include(`action="/sessions/${basicClass.id}/request"`);

    const en = await agent.get('/sessions/open?lng=en').expect(200);
    expect(mainText(cardOf(en.text, advancedClass.id))).to.include('Requires: LAS-DSR Basic welding');
  });

  it('refuses a request posted anyway, naming the missing course and linking to an open class of it', async () => {
    const { agent, worker } = await workerApp();
    const basic = await makeCourse({ code: 'LAS-DSR', title: { id: 'Las dasar', en: 'Basic welding' } });
    const advanced = await makeCourse({ code: 'LAS-LNJ', prerequisites: [basic._id] });
    const basicClass = await makeSession({ start: day(7), course: basic._id });
    const advancedClass = await makeSession({ start: day(14), course: advanced._id });

    const res = await submitForm(agent, '/sessions/open', `/sessions/${advancedClass.id}/request`, {});
    expect(res.status).to.equal(303);
    const page = await agent.get(res.headers.location!).expect(200);
    expect(mainText(page.text)).to.include('Kelas ini memerlukan kursus prasyarat LAS-DSR Las dasar, yang belum Anda selesaikan.');
    expect(page.text).to.include(`<a href="/sessions/${basicClass.id}">Lihat kelas LAS-DSR Las dasar yang dibuka.</a>`);
    expect(await Enrollment.countDocuments({ worker: worker._id })).to.equal(0);
  });

  it('offers the class once the prerequisite course is finished', async () => {
    const { agent, worker } = await workerApp();
    const basic = await makeCourse();
    const advanced = await makeCourse({ prerequisites: [basic._id] });
    const done = await makeSession({ start: new Date('2026-11-02T01:00:00Z'), course: basic._id });
    await Enrollment.create({ session: done._id, worker: worker._id, status: 'enrolled', requestedBy: 'coordinator' });
    const advancedClass = await makeSession({ start: day(14), course: advanced._id });

    const card = cardOf((await agent.get('/sessions/open').expect(200)).text, advancedClass.id);
    expect(card).to.include(`action="/sessions/${advancedClass.id}/request"`);
    expect(mainText(card)).not.to.include('Perlu:');
  });

  it('after a cancellation says so in words, in both languages, and lets the worker ask again', async () => {
    const { agent, worker } = await workerApp();
    const session = await makeSession({ start: day(7) });
    await Enrollment.create({ session: session._id, worker: worker._id, status: 'cancelled', requestedBy: 'worker', cancelledAt: new Date(NOW) });

    for (const [lng, text] of [['id', 'Pendaftaran Anda sebelumnya dibatalkan.'], ['en', 'Your earlier enrolment was cancelled.']]) {
      const card = cardOf((await agent.get(`/sessions/open?lng=${lng}`).expect(200)).text, session.id);
      expect(mainText(card)).to.include(text).and.not.include('mine.cancelled');
      expect(card).to.include(`action="/sessions/${session.id}/request"`);
    }
    await agent.get('/sessions/open?lng=id').expect(200);
    const res = await submitForm(agent, '/sessions/open', `/sessions/${session.id}/request`, {});
    expect(res.status).to.equal(303);
    expect((await Enrollment.findOne({ worker: worker._id }).lean())!.status).to.equal('enrolled');
  });
});
