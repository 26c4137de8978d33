import { expect } from 'chai';
import { Types } from 'mongoose';
import { DEMO_ACCOUNTS, DEMO_WORKSHOPS } from '../../src/demo/workshops.data';
import { User } from '../../src/modules/accounts';
import { Workshop } from '../../src/modules/workshops';
import { Worker, rebuildWorkerReadModels, seedWorkersDemo, workerPositions, workshopWorkers } from '../../src/modules/workers';
import { ReadModelDoc } from '../../src/platform/db/read-model';
import { buildApp } from '../support/harness';
import { createUser, createWorkshop } from '../support/factories';
import { csvFile, ID_HEADERS } from '../support/people-factories';

/** What the source says about one workshop's workers, by a fresh query (independent of the read model's build). */
async function sourceRoster(workshop: string) {
  const rows = await Worker.find({ workshop: new Types.ObjectId(workshop) }).lean();
  return rows
    .map((w) => ({ id: String(w._id), name: w.name, trades: [...(w.trades ?? [])], position: w.position ?? '', active: w.active !== false }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** The positions of the active workers, each once ignoring case, as the suggestions list them. */
async function sourcePositions() {
  const seen = new Map<string, string>();
  for (const w of await Worker.find({ active: true }).lean()) {
    const p = w.position?.trim();
    if (p && !seen.has(p.toLowerCase())) seen.set(p.toLowerCase(), p);
  }
  return [...seen.values()].sort((a, b) => a.localeCompare(b, 'id'));
}

/**
 * After every kind of write of workers, the **stored** `workshop-workers` document (not rebuilt on
 * read) of every workshop and `worker-positions` equal a fresh query of the workers. Before each
 * write the documents are read (as pages do), so a writer that forgets `workersChanged` leaves one
 * stale and this test fails.
 */
describe('worker rosters match the workers after every kind of write', () => {
  async function setup() {
    const ctx = buildApp();
    const a = await createWorkshop({ name: 'Roster Jaya' });
    const b = await createWorkshop({ name: 'Roster Baja' });
    const owner = await createUser({ email: 'koor-roster@takaru.test', roles: ['coordinator'] });
    const actor = { id: owner.id, roles: ['coordinator'] };
    return { ...ctx, a, b, actor };
  }

  let ctx: Awaited<ReturnType<typeof setup>>;
  const shops = async () => (await Workshop.find({}, { _id: 1 }).lean()).map((w) => String(w._id));

  async function viewed() {
    await Promise.all([workshopWorkers.getMany(await shops()), workerPositions.get('all')]);
  }

  async function expectInSync(label: string) {
    for (const s of await shops()) {
      const stored = await ReadModelDoc.findById(`workshop-workers:${s}`).lean();
      expect(stored, `${label}: workshop-workers:${s} stored`).to.not.equal(null);
      expect(stored!.data, `${label}: workshop-workers:${s}`).to.deep.equal({ workshop: s, workers: await sourceRoster(s) });
    }
    const positions = await ReadModelDoc.findById('worker-positions:all').lean();
    expect(positions?.data, `${label}: worker-positions`).to.deep.equal({ positions: await sourcePositions() });
  }

  async function step(label: string, write: () => Promise<unknown>) {
    await viewed();
    await write();
    await expectInSync(label);
  }

  it('after create, edit of name and trades, deactivation, a move to another workshop and an import', async function () {
    this.timeout(60_000);
    ctx = await setup();
    const workers = ctx.services.workers.workers;
    const input = { name: 'Budi Santoso', phone: '+6281226100001', workshop: ctx.a.id, trades: ['welding' as const], position: 'Juru las SMAW 3G' };
    let id = '';
    await step('create', async () => {
      id = await workers.createWorker(ctx.actor, input);
    });
    await step('create another', () => workers.createWorker(ctx.actor, { ...input, name: 'Cahyo', phone: '+6281226100002', position: 'Operator bubut', trades: ['machining'] }));
    await step('edit name, trades and position', () => workers.updateWorker(ctx.actor, id, { ...input, name: 'Budi Santosa', trades: ['welding', 'machining'], position: 'Juru las GTAW' }));
    await step('deactivate', () => workers.setActive(ctx.actor, id, false));
    await step('reactivate', () => workers.setActive(ctx.actor, id, true));
    await step('move to another workshop', () => workers.updateWorker(ctx.actor, id, { ...input, name: 'Budi Santosa', workshop: ctx.b.id }));
    expect((await sourceRoster(ctx.b.id)).map((w) => w.name)).to.deep.equal(['Budi Santosa']);

    // An import that creates one worker and moves Cahyo (matched by phone), both into Roster Baja: Roster Jaya changes only by the move.
    const file = csvFile([ID_HEADERS, ['Dewi Lestari', '081226100003', '', 'Roster Baja', 'las', 'Juru las GMAW', '', ''], ['Cahyo', '081226100002', '', 'Roster Baja', 'bubut', '', '', '']]);
    await step('import: create and move', async () => {
      const importId = await ctx.services.workers.imports.upload(ctx.actor, { buffer: file });
      expect(await ctx.services.workers.imports.confirm(ctx.actor, importId, 'all')).to.include({ created: 1, updated: 1 });
    });
    expect((await sourceRoster(ctx.b.id)).map((w) => w.name).sort()).to.deep.equal(['Budi Santosa', 'Cahyo', 'Dewi Lestari']);
  });

  it('after the demo seed, and after a bulk write with the rebuild', async function () {
    this.timeout(60_000);
    ctx = await setup();
    for (const w of DEMO_WORKSHOPS) await Workshop.create({ ...w });
    const logam = await Workshop.findOne({ name: 'Logam Jaya Takaru' }).lean();
    const pekerja = DEMO_ACCOUNTS.find((a) => a.email === 'pekerja@takaru.test')!;
    await User.create({ ...pekerja, roles: [...pekerja.roles], workshop: logam!._id });
    await step('demo seed', () => seedWorkersDemo(ctx.deps, { count: 40 }));
    // scripts/generate.ts inserts in bulk, bypassing the hook, then rebuilds every document.
    await step('bulk insert + rebuild', async () => {
      await Worker.insertMany([{ name: 'Massal 1', phone: '+6281226199001', workshop: ctx.a._id, trades: ['casting'], position: 'Operator cor', active: true }]);
      await rebuildWorkerReadModels();
    });
  });
});
