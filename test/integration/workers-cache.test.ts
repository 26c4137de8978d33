import { expect } from 'chai';
import { Worker, cachedWorkers, findWorkerIdByUser } from '../../src/modules/workers';
import { buildApp } from '../support/harness';
import { createUser } from '../support/factories';
import { createWorkerRecord } from '../support/calendar-factories';
import { commandsDuring, scans } from '../support/db-commands';

/**
 * The workers held in memory (workers.cache.ts): the people of a class and the login link come
 * from it, so a login with no worker record (staff) never scans the workers, and a write shows at once.
 */
describe('workers held in memory', () => {
  it('answers "no worker" for a staff login without reading the workers again, and sees a link made later', async () => {
    buildApp();
    const staff = await createUser({ email: 'koor@wcache.test', roles: ['coordinator', 'worker'] });
    expect(await findWorkerIdByUser(staff.id)).to.equal(null);
    const again = await commandsDuring(async () => {
      for (let i = 0; i < 5; i++) expect(await findWorkerIdByUser(staff.id)).to.equal(null);
    });
    expect(scans(again).filter((c) => c === 'workers'), 'scans of workers for five lookups').to.deep.equal([]);
    expect(again.filter((c) => c.collection === 'workers'), 'reads of workers').to.deep.equal([]);

    const w = await createWorkerRecord({ name: 'Tarno Wijaya' });
    await Worker.updateOne({ _id: w._id }, { $set: { user: staff._id } });
    expect(await findWorkerIdByUser(staff.id), 'link written after the first lookups').to.equal(String(w._id));
  });

  it('serves a renamed worker\'s new name at once', async () => {
    buildApp();
    const w = await createWorkerRecord({ name: 'Sri Lestari' });
    expect((await cachedWorkers.pick([w._id])).get(String(w._id))?.name).to.equal('Sri Lestari');
    await Worker.updateOne({ _id: w._id }, { $set: { name: 'Sri Lestari Wulandari' } });
    expect((await cachedWorkers.pick([w._id])).get(String(w._id))?.name).to.equal('Sri Lestari Wulandari');
  });
});
