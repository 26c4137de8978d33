import { expect } from 'chai';
import { Types } from 'mongoose';
import { DEMO_ACCOUNTS, DEMO_WORKSHOPS } from '../../src/demo/workshops.data';
import { User } from '../../src/modules/accounts';
import { Workshop } from '../../src/modules/workshops';
import {
  Worker, WorkerImport, findWorkerIdByUser, listPositions, seedWorkersDemo, selectWorkerIds,
} from '../../src/modules/workers';
import { ValidationError } from '../../src/platform/errors';
import { ManualClock } from '../../src/platform/clock';
import { buildApp } from '../support/harness';
import { createUser, createWorkshop } from '../support/factories';
import { createWorker, csvFile, ID_HEADERS } from '../support/people-factories';

describe('workers: lookups for other modules', () => {
  it('finds the worker record behind a login, or null', async () => {
    const w = await createWorkshop();
    const user = await createUser({ roles: ['worker'], workshop: w._id });
    const worker = await createWorker(w._id, { user: user._id });
    expect(await findWorkerIdByUser(user.id)).to.equal(worker.id);
    expect(await findWorkerIdByUser(String(new Types.ObjectId()))).to.equal(null);
    expect(await findWorkerIdByUser('not-an-id')).to.equal(null);
  });

  it('selects active workers by workshop, trade and position together', async () => {
    const a = await createWorkshop();
    const b = await createWorkshop();
    const weld = await createWorker(a._id, { name: 'B Las', trades: ['welding'], position: 'Juru las SMAW 3G' });
    const both = await createWorker(a._id, { name: 'A Las Bubut', trades: ['welding', 'machining'], position: 'Operator bubut' });
    await createWorker(a._id, { name: 'C Nonaktif', trades: ['welding'], active: false });
    const other = await createWorker(b._id, { name: 'D Las', trades: ['welding'], position: 'juru las smaw 3g' });
    expect(await selectWorkerIds({ workshop: a.id })).to.deep.equal([both.id, weld.id]);
    expect(await selectWorkerIds({ trade: 'welding' })).to.deep.equal([both.id, weld.id, other.id]);
    expect(await selectWorkerIds({ position: 'JURU LAS SMAW 3G' })).to.deep.equal([weld.id, other.id]);
    expect(await selectWorkerIds({ workshop: a.id, trade: 'machining' })).to.deep.equal([both.id]);
    expect(await selectWorkerIds({ workshop: 'x' })).to.deep.equal([]);
  });

  it('lists positions in use, once each, sorted', async () => {
    const a = await createWorkshop();
    await createWorker(a._id, { position: 'Operator bubut' });
    await createWorker(a._id, { position: 'operator bubut' });
    await createWorker(a._id, { position: 'Inspektur QC' });
    await createWorker(a._id, { position: 'Dipecat', active: false });
    expect(await listPositions()).to.deep.equal(['Inspektur QC', 'Operator bubut']);
  });
});

describe('workers: uniqueness under concurrency', () => {
  it('saves one of two simultaneous workers with the same phone; the other gets a message', async () => {
    const { services } = buildApp();
    const w = await createWorkshop();
    const actor = { id: String(new Types.ObjectId()), roles: ['coordinator'] };
    const input = { name: 'Kembar', phone: '+6281226000077', workshop: w.id, trades: [] };
    const results = await Promise.allSettled([1, 2, 3].map(() => services.workers.workers.createWorker(actor, input)));
    expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
    for (const r of results.filter((x) => x.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason).to.be.instanceOf(ValidationError);
      expect(((r as PromiseRejectedResult).reason as ValidationError).fields).to.deep.equal({ phone: 'workers:validation.phone_taken' });
    }
    expect(await Worker.countDocuments({ phone: '+6281226000077' })).to.equal(1);
  });

  it('never duplicates workers when an import is confirmed twice at once', async () => {
    const { services } = buildApp();
    await createWorkshop({ name: 'Logam Jaya Takaru' });
    const owner = await createUser({ roles: ['coordinator'] });
    const actor = { id: owner.id, roles: ['coordinator'] };
    const rows = Array.from({ length: 20 }, (_, i) => [`P ${i}`, `08122601${String(i).padStart(4, '0')}`, '', 'Logam Jaya Takaru', '', '', '', '']);
    const id = await services.workers.imports.upload(actor, { buffer: csvFile([ID_HEADERS, ...rows]) });
    await Promise.allSettled([services.workers.imports.confirm(actor, id, 'all'), services.workers.imports.confirm(actor, id, 'all')]);
    expect(await Worker.countDocuments()).to.equal(20);
  });

  it('purges imports older than a day and keeps newer ones', async () => {
    const clock = new ManualClock('2026-11-28T03:00:00Z');
    const { services } = buildApp({ clock });
    await createWorkshop({ name: 'Logam Jaya Takaru' });
    const owner = await createUser({ roles: ['coordinator'] });
    const actor = { id: owner.id, roles: ['coordinator'] };
    const file = { buffer: csvFile([ID_HEADERS, ['A', '081226000001', '', 'Logam Jaya Takaru', '', '', '', '']]) };
    const old = await services.workers.imports.upload(actor, file);
    // createdAt is immutable through mongoose: age the record directly.
    await WorkerImport.collection.updateOne({ _id: new Types.ObjectId(old) }, { $set: { createdAt: new Date('2026-11-27T02:00:00Z') } });
    const fresh = await services.workers.imports.upload(actor, file);
    await WorkerImport.collection.updateOne({ _id: new Types.ObjectId(fresh) }, { $set: { createdAt: new Date('2026-11-28T01:00:00Z') } });
    expect(await services.workers.imports.purge(clock.now())).to.equal(1);
    expect((await WorkerImport.find().lean()).map((d) => String(d._id))).to.deep.equal([fresh]);
    expect(services.workers.jobs.map((j) => j.name)).to.deep.equal(['workers:purge-imports']);
  });
});

describe('workers: demo data', () => {
  async function demoBase() {
    for (const w of DEMO_WORKSHOPS) await Workshop.create({ ...w });
    const logam = await Workshop.findOne({ name: 'Logam Jaya Takaru' }).lean();
    const pekerja = DEMO_ACCOUNTS.find((a) => a.email === 'pekerja@takaru.test')!;
    return User.create({ ...pekerja, roles: [...pekerja.roles], workshop: logam!._id });
  }

  it('spreads 150+ synthetic workers over the workshops and links the demo worker account', async function () {
    this.timeout(30000);
    const { deps } = buildApp();
    const user = await demoBase();
    const created = await seedWorkersDemo(deps);
    expect(created).to.be.at.least(151);
    expect(await Worker.countDocuments()).to.equal(created);
    const perWorkshop = await Worker.aggregate<{ _id: unknown; n: number }>([{ $group: { _id: '$workshop', n: { $sum: 1 } } }]);
    expect(perWorkshop).to.have.length(DEMO_WORKSHOPS.length);
    for (const g of perWorkshop) expect(g.n).to.be.within(3, 16); // 3–15 generated, + Ahmad at Logam Jaya
    const ahmad = await Worker.findOne({ user: user._id }).lean();
    expect(ahmad).to.include({ name: 'Ahmad Nurhadi', phone: '+6281225000005', position: 'Juru las SMAW 3G' });
    expect(ahmad!.trades).to.deep.equal(['welding']);
    expect(await findWorkerIdByUser(user.id)).to.equal(String(ahmad!._id));
    expect((await listPositions()).length).to.be.at.least(10);
  });

  it('changes nothing when run again', async function () {
    this.timeout(30000);
    const { deps } = buildApp();
    await demoBase();
    await seedWorkersDemo(deps);
    const before = (await Worker.find({}, { phone: 1, name: 1, nik: 1 }).sort({ phone: 1 }).lean()).map((w) => `${w.phone} ${w.name} ${w.nik ?? ''}`);
    expect(await seedWorkersDemo(deps)).to.equal(0);
    const after = (await Worker.find({}, { phone: 1, name: 1, nik: 1 }).sort({ phone: 1 }).lean()).map((w) => `${w.phone} ${w.name} ${w.nik ?? ''}`);
    expect(after).to.deep.equal(before);
  });
});
