import { expect } from 'chai';
import { ManualClock } from '../../src/platform/clock';
import { createI18n } from '../../src/platform/i18n';
import { Enrollment, Seat } from '../../src/modules/scheduling';
import { buildApp } from '../support/harness';
import { createUser, PASSWORD } from '../support/factories';
import { mainText, signIn, submitForm } from '../support/http';
import { makeSession, makeWorker } from '../support/scheduling-factories';

const NOW = '2026-12-01T02:00:00Z';
const HOUR = 3600_000;
const t = createI18n().getFixedT('id');
const coordinator = { id: '000000000000000000000001', roles: ['coordinator'] };

/** A class of one seat starting in two hours: one worker enrolled, one wait-listed. */
async function fullClass() {
  const clock = new ManualClock(NOW);
  const ctx = buildApp({ clock });
  await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
  const agent = await signIn(ctx.app, 'koor@t.test', PASSWORD);
  const session = await makeSession({ start: new Date(new Date(NOW).getTime() + 2 * HOUR), meetings: 3, capacity: 1 });
  const [a, b] = [await makeWorker(), await makeWorker()];
  await ctx.services.scheduling.enrollment.enrollWorker(coordinator, session.id, a.id);
  await ctx.services.scheduling.enrollment.enrollWorker(coordinator, session.id, b.id);
  const edit = (capacity: string) =>
    submitForm(agent, `/sessions/${session.id}/edit`, `/sessions/${session.id}`, {
      course: String(session.course), instructors: session.instructors.map(String), room: String(session.room), capacity, state: 'open', cutoffHours: '24', notes: '',
    });
  return { clock, agent, session, waiting: b, edit };
}

describe('sessions: raising the capacity', () => {
  it('after the first meeting has started, says the extra seats stay empty and moves no one up', async () => {
    const { clock, agent, session, waiting, edit } = await fullClass();
    clock.advance(3 * HOUR);
    const res = await edit('3');
    expect(res.status).to.equal(303);
    const page = mainText((await agent.get(res.headers.location!).expect(200)).text);
    expect(page).to.include(t('scheduling:updated')).and.include(t('scheduling:capacity_after_start'));
    expect((await Enrollment.findOne({ worker: waiting._id }).lean())!.status).to.equal('waitlisted');
    expect(await Seat.countDocuments({ session: session._id })).to.equal(1);
  });

  it('before the class starts, moves the wait-listed worker into the new seat without that warning', async () => {
    const { agent, waiting, edit } = await fullClass();
    const res = await edit('2');
    expect(res.status).to.equal(303);
    const page = mainText((await agent.get(res.headers.location!).expect(200)).text);
    expect(page).to.not.include(t('scheduling:capacity_after_start'));
    expect((await Enrollment.findOne({ worker: waiting._id }).lean())!.status).to.equal('enrolled');
  });
});
