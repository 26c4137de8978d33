import { trusted } from 'mongoose';
import { expect } from 'chai';
import { seedDemoData, seedIfEmpty } from '../../src/demo/seed';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/demo/workshops.data';
import { Credential, User } from '../../src/modules/accounts';
import { Workshop } from '../../src/modules/workshops';
import { Worker } from '../../src/modules/workers';
import { Instructor, Room } from '../../src/modules/catalogue';
import { Enrollment, Meeting, TrainingSession } from '../../src/modules/scheduling';
import { Attendance } from '../../src/modules/attendance';
import { buildApp } from '../support/harness';
import { signIn } from '../support/http';

describe('demo data', () => {
  it('loads workshops, accounts, workers, catalogue and a year of classes; seeding twice changes nothing', async function () {
    this.timeout(180000);
    const { deps } = buildApp();
    const first = await seedDemoData(deps);
    expect(first.created).to.be.greaterThan(10);
    const counts = async () => [await User.countDocuments(), await Workshop.countDocuments(), await Credential.countDocuments()];
    const before = await counts();
    const hashes = (await Credential.find().lean()).map((c) => c.passwordHash).sort();
    const second = await seedDemoData(deps);
    expect(second.created).to.equal(0);
    expect(await counts()).to.deep.equal(before);
    expect((await Credential.find().lean()).map((c) => c.passwordHash).sort()).to.deep.equal(hashes);
    expect(before[0]).to.be.at.least(DEMO_ACCOUNTS.length);
    expect(before[1]).to.be.within(10, 20);

    // What the scheduling issue asks of the demo data.
    const now = deps.clock.now();
    const day = 24 * 3600 * 1000;
    expect(await Worker.countDocuments({ active: true })).to.be.at.least(150);
    expect(await Instructor.countDocuments()).to.be.at.least(5);
    expect(await Room.countDocuments()).to.be.at.least(5);
    const past = await TrainingSession.find({ lastEnd: trusted({ $lt: now }) }, { firstStart: 1 }).lean();
    expect(past.length).to.be.at.least(40);
    expect(Math.min(...past.map((p) => p.firstStart!.getTime()))).to.be.below(now.getTime() - 330 * day);
    expect(await Attendance.countDocuments()).to.be.greaterThan(500);
    expect(await Meeting.countDocuments({ start: trusted({ $gt: now, $lt: new Date(now.getTime() + day) }), cancelled: false })).to.be.at.least(1);
    const waiting = await Enrollment.distinct('session', { status: 'waitlisted' });
    expect(waiting.length).to.be.at.least(1);
    const demoUser = await User.findOne({ email: 'pekerja@takaru.test' }).lean();
    const demoWorker = await Worker.findOne({ user: demoUser!._id }).lean();
    const upcoming = await TrainingSession.find({ firstStart: trusted({ $gt: now }) }, { _id: 1 }).lean();
    expect(await Enrollment.countDocuments({ worker: demoWorker!._id, status: 'enrolled', session: trusted({ $in: upcoming.map((u) => u._id) }) })).to.be.at.least(1);
  });

  it('lets every demo account log in with takaru-demo and land on its home', async function () {
    this.timeout(180000);
    const { app, deps } = buildApp();
    await seedIfEmpty(deps);
    for (const account of DEMO_ACCOUNTS) {
      const agent = await signIn(app, account.email, DEMO_PASSWORD);
      const res = await agent.get('/').expect(303);
      expect(res.headers.location).to.equal(`/home/${account.roles[0]}`);
      await agent.get(res.headers.location!).expect(200);
    }
  });

  it('leaves a database that already has accounts alone on start', async () => {
    await User.create({ name: 'Existing', email: 'existing@t.test', roles: ['admin'] });
    await seedIfEmpty(buildApp().deps);
    expect(await Workshop.countDocuments()).to.equal(0);
  });
});
