import { expect } from 'chai';
import { ManualClock } from '../../src/platform/clock';
import { Enrollment, Meeting, TrainingSession } from '../../src/modules/scheduling';
import { Notification } from '../../src/modules/notifications';
import { buildApp } from '../support/harness';
import { createUser, PASSWORD } from '../support/factories';
import { throughConfirm } from '../support/confirm';
import { mainText, signIn, submitForm } from '../support/http';
import { makeCourse, makeInstructor, makeRoom, makeSession, makeWorker } from '../support/scheduling-factories';

const NOW = '2026-12-01T02:00:00Z'; // Tuesday 1 Dec 2026, 09:00 WIB

async function coordinatorApp() {
  const clock = new ManualClock(NOW);
  const ctx = buildApp({ clock });
  await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
  const agent = await signIn(ctx.app, 'koor@t.test', PASSWORD);
  return { ...ctx, clock, agent };
}

describe('sessions: planning', () => {
  it('schedules a 4-week Monday/Wednesday class with its meetings in WIB', async () => {
    const { agent } = await coordinatorApp();
    const [course, room, instructor] = [await makeCourse({ code: 'LAS-SMAW-01' }), await makeRoom({ name: 'Bengkel Las 1' }), await makeInstructor()];
    const res = await submitForm(agent, '/sessions/new', '/sessions', {
      course: course.id, instructors: [instructor.id], room: room.id, capacity: '8', state: 'open', cutoffHours: '24', notes: '',
      plan: 'recurring', recurFrom: '2026-12-07', recurWeekdays: ['1', '3'], recurWeeks: '4', recurStart: '08:00', recurEnd: '12:00',
      meetingDate: ['', ''], meetingStart: ['', ''], meetingEnd: ['', ''],
    });
    expect(res.status, mainText(res.text ?? '')).to.equal(303);
    const session = await TrainingSession.findOne({ course: course._id }).lean();
    const meetings = await Meeting.find({ session: session!._id }).sort({ start: 1 }).lean();
    expect(meetings).to.have.length(8);
    expect(meetings[0]!.start.toISOString()).to.equal('2026-12-07T01:00:00.000Z'); // Monday 08:00 WIB
    expect(meetings[1]!.start.toISOString()).to.equal('2026-12-09T01:00:00.000Z'); // Wednesday
    expect(meetings[7]!.end.toISOString()).to.equal('2026-12-30T05:00:00.000Z');
    const page = await agent.get(res.headers.location!).expect(200);
    expect(mainText(page.text)).to.include('LAS-SMAW-01').and.include('Senin, 7 Des 2026, 08.00 WIB–12.00 WIB');
  });

  it('refuses a double-booked room, naming the clash, and writes nothing', async () => {
    const { agent } = await coordinatorApp();
    const room = await makeRoom({ name: 'Bengkel Las 1' });
    const busy = await makeCourse({ code: 'LAS-GMAW-01' });
    await makeSession({ start: new Date('2026-12-07T02:00:00Z'), hours: 4, room: room._id, course: busy._id }); // 09:00–13:00 WIB
    const [course, instructor] = [await makeCourse(), await makeInstructor()];
    const before = await TrainingSession.countDocuments();
    const res = await submitForm(agent, '/sessions/new', '/sessions', {
      course: course.id, instructors: [instructor.id], room: room.id, capacity: '8', state: 'open', cutoffHours: '24',
      plan: 'list', meetingDate: ['2026-12-07'], meetingStart: ['08:00'], meetingEnd: ['12:00'],
    });
    expect(res.status).to.equal(409);
    expect(mainText(res.text)).to.include('Bengkel Las 1 sudah dipakai').and.include('LAS-GMAW-01');
    expect(await TrainingSession.countDocuments()).to.equal(before);
  });

  it('accepts a meeting that starts when another ends in the same room', async () => {
    const { agent } = await coordinatorApp();
    const room = await makeRoom();
    await makeSession({ start: new Date('2026-12-07T01:00:00Z'), hours: 4, room: room._id }); // ends 12:00 WIB
    const [course, instructor] = [await makeCourse(), await makeInstructor()];
    const res = await submitForm(agent, '/sessions/new', '/sessions', {
      course: course.id, instructors: [instructor.id], room: room.id, capacity: '8', state: 'open', cutoffHours: '24',
      plan: 'list', meetingDate: ['2026-12-07'], meetingStart: ['12:00'], meetingEnd: ['16:00'],
    });
    expect(res.status).to.equal(303);
  });

  it('refuses bad input with 422 and a message per field', async () => {
    const { agent } = await coordinatorApp();
    const res = await submitForm(agent, '/sessions/new', '/sessions', {
      course: '', room: 'nope', capacity: '0', state: 'open', cutoffHours: '', plan: 'list',
      meetingDate: ['2026-12-07'], meetingStart: ['12:00'], meetingEnd: ['10:00'],
    });
    expect(res.status).to.equal(422);
    const text = mainText(res.text);
    expect(text).to.include('Pilih minimal satu instruktur.').and.include('Kapasitas antara 1 dan 200.');
    expect(await TrainingSession.countDocuments()).to.equal(0);
  });

  it('moves a meeting, refuses a move onto a busy instructor, and tells enrolled workers', async () => {
    const { agent, services } = await coordinatorApp();
    const instructor = await makeInstructor({ name: 'Pak Darmo' });
    const session = await makeSession({ start: new Date('2026-12-07T01:00:00Z'), instructors: [instructor._id] });
    await makeSession({ start: new Date('2026-12-08T01:00:00Z'), instructors: [instructor._id] });
    const w = await makeWorker();
    await services.scheduling.enrollment.enrollWorker({ id: '000000000000000000000001', roles: ['coordinator'] }, session.id, w.id);
    const meeting = await Meeting.findOne({ session: session._id }).lean();
    const path = `/sessions/${session.id}`;
    const clash = await submitForm(agent, path, `${path}/meetings/${meeting!._id}`, { date: '2026-12-08', start: '09:00', end: '10:00' });
    expect(clash.status).to.equal(409);
    expect(mainText(clash.text)).to.include('Pak Darmo sudah mengajar');
    const ok = await submitForm(agent, path, `${path}/meetings/${meeting!._id}`, { date: '2026-12-09', start: '13:00', end: '16:00' });
    expect(ok.status).to.equal(303);
    expect((await Meeting.findById(meeting!._id).lean())!.start.toISOString()).to.equal('2026-12-09T06:00:00.000Z');
    expect(await Notification.countDocuments({ worker: w._id, kind: 'session-rescheduled' })).to.equal(1);
  });

  it('cancels a session with a reason and records a notice for each enrolled and wait-listed worker', async () => {
    const { agent, services } = await coordinatorApp();
    const session = await makeSession({ start: new Date('2026-12-07T01:00:00Z'), capacity: 1 });
    const [a, b] = [await makeWorker(), await makeWorker()];
    const coordinator = { id: '000000000000000000000001', roles: ['coordinator'] };
    await services.scheduling.enrollment.enrollWorker(coordinator, session.id, a.id);
    await services.scheduling.enrollment.enrollWorker(coordinator, session.id, b.id);
    const empty = await submitForm(agent, `/sessions/${session.id}`, `/sessions/${session.id}/cancel`, { reason: '' });
    expect(empty.status).to.equal(422);
    const res = await submitForm(agent, `/sessions/${session.id}`, `/sessions/${session.id}/cancel`, { reason: 'Instruktur sakit' });
    expect(res.status).to.equal(303);
    expect((await TrainingSession.findById(session._id).lean())!.state).to.equal('cancelled');
    expect(await Meeting.countDocuments({ session: session._id, cancelled: false })).to.equal(0);
    expect(await Notification.countDocuments({ kind: 'session-cancelled' })).to.equal(2);
  });
});

describe('sessions: enrolment through the pages', () => {
  it('enrols past capacity into a wait-list, and a cancellation promotes the first in line', async () => {
    const { agent } = await coordinatorApp();
    const session = await makeSession({ start: new Date('2026-12-07T01:00:00Z'), capacity: 2 });
    const workers = [await makeWorker({ name: 'Agus' }), await makeWorker({ name: 'Budi' }), await makeWorker({ name: 'Citra' })];
    const path = `/sessions/${session.id}`;
    for (const w of workers) {
      const res = await submitForm(agent, path, `${path}/enrollments`, { worker: w.id, overrideReason: '' });
      expect(res.status).to.equal(303);
    }
    const page = mainText((await agent.get(path).expect(200)).text);
    expect(page).to.include('2 dari 2 terisi').and.include('1 menunggu').and.include('Penuh');
    const first = await Enrollment.findOne({ worker: workers[0]!._id }).lean();
    const { done: cancel } = await throughConfirm(agent, path, `/enrollments/${first!._id}/cancel`, {});
    expect(cancel.status).to.equal(303);
    expect((await Enrollment.findOne({ worker: workers[2]!._id }).lean())!.status).to.equal('enrolled');
  });

  it('enrols a whole workshop at once and reports the result', async () => {
    const { agent } = await coordinatorApp();
    const session = await makeSession({ start: new Date('2026-12-07T01:00:00Z'), capacity: 2 });
    const first = await makeWorker();
    await makeWorker({ workshop: first.workshop });
    await makeWorker({ workshop: first.workshop });
    await makeWorker(); // another workshop
    const path = `/sessions/${session.id}`;
    const { done: res } = await throughConfirm(agent, path, `${path}/enrollments/bulk`, { workshop: String(first.workshop), trade: '', position: '' });
    expect(res.status).to.equal(303);
    expect(await Enrollment.countDocuments({ session: session._id, status: 'enrolled' })).to.equal(2);
    expect(await Enrollment.countDocuments({ session: session._id, status: 'waitlisted' })).to.equal(1);
    const page = mainText((await agent.get(path).expect(200)).text);
    expect(page).to.include('2 terdaftar, 1 masuk daftar tunggu, 0 dilewati.');
  });

  it('lets a worker ask for a place from the open-classes page, and see it in the inbox', async () => {
    const clock = new ManualClock(NOW);
    const { app } = buildApp({ clock });
    const user = await createUser({ email: null, phone: '+6281377776666', roles: ['worker'] });
    const worker = await makeWorker({ user: user._id, phone: '+6281377776666' });
    const session = await makeSession({ start: new Date('2026-12-07T01:00:00Z'), capacity: 5 });
    const agent = await signIn(app, '0813-7777-6666', PASSWORD);
    const list = mainText((await agent.get('/sessions/open').expect(200)).text);
    expect(list).to.include('Daftar');
    const res = await submitForm(agent, '/sessions/open', `/sessions/${session.id}/request`, {});
    expect(res.status).to.equal(303);
    expect((await Enrollment.findOne({ worker: worker._id }).lean())!.status).to.equal('enrolled');
    const home = await agent.get('/inbox').expect(200);
    expect(mainText(home.text)).to.include('Anda terdaftar di kelas');
    expect(home.text).to.match(/class="count"[^>]*>1</);
  });

  it('keeps planned sessions and other people out of a worker\'s view', async () => {
    const clock = new ManualClock(NOW);
    const { app } = buildApp({ clock });
    await createUser({ email: 'w@t.test', roles: ['worker'] });
    const planned = await makeSession({ start: new Date('2026-12-07T01:00:00Z'), state: 'planned' });
    const open = await makeSession({ start: new Date('2026-12-08T01:00:00Z'), state: 'open' });
    await makeWorker({ name: 'Rahasia Sekali' }).then((w) => Enrollment.create({ session: open._id, worker: w._id, status: 'enrolled', requestedBy: 'coordinator' }));
    const agent = await signIn(app, 'w@t.test', PASSWORD);
    await agent.get(`/sessions/${planned.id}`).expect(403);
    const page = await agent.get(`/sessions/${open.id}`).expect(200);
    expect(mainText(page.text)).not.to.include('Rahasia Sekali');
    await agent.get('/sessions').expect(403);
  });

  it('refuses to enrol into a cancelled session with a clear message', async () => {
    const { agent } = await coordinatorApp();
    const session = await makeSession({ start: new Date('2026-12-07T01:00:00Z'), state: 'cancelled' });
    const w = await makeWorker();
    const res = await submitForm(agent, `/sessions/${session.id}`, `/sessions/${session.id}/enrollments`, { worker: w.id, overrideReason: '' });
    expect(res.status).to.equal(422);
    expect(mainText(res.text)).to.include('Kelas ini sudah dibatalkan.');
    expect(await Enrollment.countDocuments()).to.equal(0);
  });
});
