import { expect } from 'chai';
import { Attendance, attendanceChanged } from '../../src/modules/attendance';
import { ManualClock } from '../../src/platform/clock';
import { buildApp } from '../support/harness';
import { createUser, PASSWORD } from '../support/factories';
import { csrfFrom, formBody, mainText, signIn } from '../support/http';
import { createInstructor, createSession, createWorker, enroll } from '../support/attendance-factories';

const HOUR = 3600 * 1000;

/** A meeting starting `startsIn` from now with three enrolled workers (one already excused) and one wait-listed. */
async function setup(startsIn = -HOUR) {
  const clock = new ManualClock(new Date());
  const { app } = buildApp({ clock });
  const teacherUser = await createUser({ email: 'ins@all.test', roles: ['instructor'] });
  const teacher = await createInstructor(teacherUser._id, 'Pak Darto');
  const { session, meetings } = await createSession({ instructors: [teacher._id], starts: [new Date(clock.now().getTime() + startsIn)] });
  const [siti, budi, citra, waiting] = [
    await createWorker({ name: 'Siti Rahayu' }),
    await createWorker({ name: 'Budi Santoso' }),
    await createWorker({ name: 'Citra Lestari' }),
    await createWorker({ name: 'Wawan Tunggu' }),
  ];
  for (const w of [siti, budi, citra]) await enroll(session, w);
  await enroll(session, waiting, 'waitlisted');
  const meeting = meetings[0]!;
  await Attendance.create({ meeting: meeting._id, session: session._id, worker: budi._id, status: 'excused', via: 'manual' });
  await attendanceChanged({ sessions: [session._id] });
  await createInstructor((await createUser({ email: 'ins2@all.test', roles: ['instructor'] }))._id);
  const page = `/meetings/${meeting.id}/attendance`;
  return { app, page, meeting, siti, budi, citra, waiting };
}

/** Presses the "mark all present" button of the register as a browser would. */
async function markAll(agent: Awaited<ReturnType<typeof signIn>>, page: string) {
  const html = (await agent.get(page).expect(200)).text;
  const action = /<form method="post" action="([^"]+\/all-present)"/.exec(html)?.[1];
  expect(action, 'a "mark all present" form on the register').to.be.a('string');
  return agent.post(action!).type('form').send(formBody({ _csrf: csrfFrom(html) }));
}

describe('attendance register: mark all present (HTTP)', () => {
  it('marks every unmarked enrolled worker present and keeps the excused one', async () => {
    const { app, page, siti, budi, citra, waiting } = await setup();
    const ins = await signIn(app, 'ins@all.test', PASSWORD);
    const res = await markAll(ins, page);
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal(page);
    const marks = new Map((await Attendance.find({}).lean()).map((a) => [String(a.worker), a.status]));
    expect(marks.get(siti.id)).to.equal('present');
    expect(marks.get(citra.id)).to.equal('present');
    expect(marks.get(budi.id)).to.equal('excused');
    expect(marks.has(waiting.id)).to.equal(false);
    const after = await ins.get(page).expect(200);
    expect(mainText(after.text)).to.include('2 peserta ditandai hadir.');
    expect(after.text).to.match(new RegExp(`name="status_${budi.id}" value="excused" checked`));
    expect(after.text).to.match(new RegExp(`name="status_${citra.id}" value="present" checked`));
  });

  it('keeps a mark saved at the same moment (parallel requests), one record per worker', async () => {
    const { app, page, siti, budi } = await setup();
    const ins = await signIn(app, 'ins@all.test', PASSWORD);
    const html = (await ins.get(page).expect(200)).text;
    const _csrf = csrfFrom(html);
    const [all, one] = await Promise.all([
      ins.post(`${page}/all-present`).type('form').send(formBody({ _csrf })),
      ins.post(page).type('form').send(formBody({ _csrf, [`status_${siti.id}`]: 'late' })),
    ]);
    expect([all.status, one.status]).to.deep.equal([303, 303]);
    const records = await Attendance.find({}).lean();
    expect(records).to.have.length(3);
    const marks = new Map(records.map((a) => [String(a.worker), a.status]));
    expect(marks.get(siti.id)).to.equal('late');
    expect(marks.get(budi.id)).to.equal('excused');
  });

  it('refuses before the check-in window opens, writing nothing', async () => {
    const { app, page } = await setup(3 * HOUR);
    await createUser({ email: 'koor@all.test', roles: ['coordinator'] });
    const agent = await signIn(app, 'koor@all.test', PASSWORD);
    const html = (await agent.get(page).expect(200)).text;
    expect(html).not.to.match(/action="[^"]+\/all-present"/);
    const res = await agent.post(`${page}/all-present`).type('form').send(formBody({ _csrf: csrfFrom(html) }));
    expect(res.status).to.equal(422);
    expect(mainText(res.text)).to.include('Absen belum dibuka');
    expect(await Attendance.countDocuments({ status: 'present' })).to.equal(0);
  });

  it('is refused to an instructor who does not teach the meeting', async () => {
    const { app, page } = await setup();
    const other = await signIn(app, 'ins2@all.test', PASSWORD);
    const token = csrfFrom((await other.get('/account/password').expect(200)).text);
    const res = await other.post(`${page}/all-present`).type('form').send(formBody({ _csrf: token }));
    expect(res.status).to.equal(403);
    expect(await Attendance.countDocuments({ status: 'present' })).to.equal(0);
  });
});
