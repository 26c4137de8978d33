import { expect } from 'chai';
import { ManualClock } from '../../src/platform/clock';
import { TrainingSession } from '../../src/modules/scheduling';
import { buildApp } from '../support/harness';
import { createUser, PASSWORD } from '../support/factories';
import { mainText, signIn, submitForm } from '../support/http';
import { makeCourse, makeInstructor, makeRoom } from '../support/scheduling-factories';

const NOW = '2026-12-01T02:00:00Z';

async function coordinator() {
  const { app } = buildApp({ clock: new ManualClock(NOW) });
  await createUser({ email: 'koor@cap.test', roles: ['coordinator'] });
  return signIn(app, 'koor@cap.test', PASSWORD);
}

const capacityValue = (html: string) => /<input id="f-capacity"[^>]*value="([^"]*)"/.exec(html)?.[1];

describe("sessions: the course's default capacity", () => {
  it('pre-fills course and capacity on the new-session form opened for a course', async () => {
    const agent = await coordinator();
    const course = await makeCourse({ code: 'LAS-CAP-12', defaultCapacity: 12 });
    const page = await agent.get(`/sessions/new?course=${course.id}`).expect(200);
    expect(capacityValue(page.text)).to.equal('12');
    expect(page.text).to.match(new RegExp(`<option value="${course.id}"[^>]*selected`));
  });

  it('leaves capacity empty for an unknown or malformed course in the link, without an error', async () => {
    const agent = await coordinator();
    expect(capacityValue((await agent.get('/sessions/new?course=nope').expect(200)).text)).to.equal('');
    expect(capacityValue((await agent.get('/sessions/new?course=0123456789abcdef01234567').expect(200)).text)).to.equal('');
  });

  it("creates the session with the course's default capacity when the field is left empty", async () => {
    const agent = await coordinator();
    const [course, room, instructor] = [await makeCourse({ defaultCapacity: 12 }), await makeRoom(), await makeInstructor()];
    const res = await submitForm(agent, '/sessions/new', '/sessions', {
      course: course.id, instructors: [instructor.id], room: room.id, capacity: '', state: 'open', cutoffHours: '24',
      plan: 'list', meetingDate: ['2026-12-07'], meetingStart: ['08:00'], meetingEnd: ['12:00'],
    });
    expect(res.status, mainText(res.text ?? '')).to.equal(303);
    expect((await TrainingSession.findOne({ course: course._id }).lean())!.capacity).to.equal(12);
  });

  it('still refuses an empty capacity when no course is chosen, with a message and 422', async () => {
    const agent = await coordinator();
    const [room, instructor] = [await makeRoom(), await makeInstructor()];
    const res = await submitForm(agent, '/sessions/new', '/sessions', {
      course: '', instructors: [instructor.id], room: room.id, capacity: '', state: 'open', cutoffHours: '24',
      plan: 'list', meetingDate: ['2026-12-07'], meetingStart: ['08:00'], meetingEnd: ['12:00'],
    });
    expect(res.status).to.equal(422);
    expect(mainText(res.text)).to.include('Isi kapasitas, atau pilih kursus agar kapasitas standarnya dipakai.');
    expect(await TrainingSession.countDocuments()).to.equal(0);
  });
});
