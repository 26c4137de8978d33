import { expect } from 'chai';
import { User } from '../../src/modules/accounts';
import { ManualClock } from '../../src/platform/clock';
import { buildApp } from '../support/harness';
import { createUser } from '../support/factories';
import { createCourse, createInstructor, createSessionWithMeetings, createWorkerRecord, enrol } from '../support/calendar-factories';

const NOW = '2026-12-01T00:00:00Z';
const actor = (u: { id: string; roles: string[] }) => ({ id: u.id, roles: u.roles });

describe('calendar services', () => {
  it('creates one feed token even when the schedule is opened several times at once', async () => {
    const { services } = buildApp({ clock: new ManualClock(NOW) });
    const user = await createUser({ roles: ['worker'] });
    const tokens = await Promise.all(Array.from({ length: 6 }, () => services.calendar.feeds.ensureToken(actor(user))));
    expect(new Set(tokens).size).to.equal(1);
    expect((await User.findById(user._id).lean())!.calendarToken).to.equal(tokens[0]);
  });

  it('refuses tokens and schedules to accounts that are neither worker nor instructor', async () => {
    const { services } = buildApp({ clock: new ManualClock(NOW) });
    const koor = await createUser({ roles: ['coordinator'] });
    for (const work of [
      () => services.calendar.feeds.ensureToken(actor(koor)),
      () => services.calendar.feeds.revokeToken(actor(koor)),
      () => services.calendar.schedule.mySchedule(actor(koor), undefined, 'id'),
    ]) {
      const err = await work().then(() => null, (e: unknown) => e);
      expect(err).to.have.property('kind', 'forbidden');
    }
    const worker = await createUser({ roles: ['worker'] });
    const err = await services.calendar.calendar.viewCalendar(actor(worker), { view: 'month' }, 'id').then(() => null, (e: unknown) => e);
    expect(err).to.have.property('kind', 'forbidden');
  });

  it('lists a meeting once, as teaching, for an instructor enrolled in their own session', async () => {
    const { services } = buildApp({ clock: new ManualClock(NOW) });
    const user = await createUser({ roles: ['worker', 'instructor'] });
    const worker = await createWorkerRecord({ user: user._id, workshop: user.workshop! });
    const me = await createInstructor({ user: user._id });
    const taught = await createSessionWithMeetings({ instructors: [me], meetings: [['2026-12-02 08:00', '2026-12-02 12:00']] });
    const attended = await createSessionWithMeetings({ course: await createCourse(), meetings: [['2026-12-03 08:00', '2026-12-03 12:00']] });
    await enrol(taught.session, worker);
    await enrol(attended.session, worker);

    const page = await services.calendar.schedule.mySchedule(actor(user), undefined, 'id');
    const items = page.days.flatMap((d) => d.items);
    expect(items.map((m) => [m.id, m.as])).to.deep.equal([
      [taught.meetings[0]!.id, 'teaching'],
      [attended.meetings[0]!.id, 'attending'],
    ]);
    expect(page.teachingAndAttending).to.equal(true);
    expect(page.linked).to.deep.equal({ worker: true, instructor: true });
  });

  it('puts the first day of the schedule at the WIB date of now, not the UTC date', async () => {
    // 23:30 UTC on 30 Nov is 06:30 WIB on 1 Dec.
    const { services } = buildApp({ clock: new ManualClock('2026-11-30T23:30:00Z') });
    const user = await createUser({ roles: ['instructor'] });
    const page = await services.calendar.schedule.mySchedule(actor(user), undefined, 'id');
    expect(page.from).to.equal('2026-12-01');
    expect(page.linked).to.deep.equal({ instructor: false });
  });
});
