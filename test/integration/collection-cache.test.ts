import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import mongoose, { Schema, model } from 'mongoose';
import { cacheCollection, shareStampReads } from '../../src/platform/db/collection-cache';
import { commandsDuring, type SeenCommand } from '../support/db-commands';

/**
 * cacheCollection (platform/db/collection-cache.ts) over a scratch collection: two caches of one
 * collection (different projections, as the certificates list and another module may hold) both see
 * a write as soon as it has answered, and one write costs one reload, not two (the read after a write
 * waits for this process's own stamp write instead of keeping a copy under the old stamp).
 */
const thingSchema = new Schema({ name: { type: String, required: true }, size: { type: Number, required: true } }, { versionKey: false });
const Thing = model('CollectionCacheTestThing', thingSchema, 'collectioncachetestthings');
const byName = cacheCollection<{ _id: unknown; name: string }>(Thing, { name: 1 });
const bySize = cacheCollection<{ _id: unknown; size: number }>(Thing, { size: 1 });

/** Finds sent to the scratch collection while `fn` runs: each is a load of a cache. */
async function loads(fn: () => Promise<unknown>): Promise<number> {
  return (await commandsDuring(fn)).filter((c) => c.name === 'find' && c.collection === 'collectioncachetestthings').length;
}

describe('collection cache: several caches of one collection, one reload per write', () => {
  it('drops every cache of the collection on a write, each seeing it at once', async () => {
    const a = await Thing.create({ name: 'las', size: 1 });
    expect([...(await byName.all()).values()].map((t) => t.name)).to.deep.equal(['las']);
    expect([...(await bySize.all()).values()].map((t) => t.size)).to.deep.equal([1]);
    for (let i = 2; i <= 6; i++) {
      await Thing.updateOne({ _id: a._id }, { $set: { name: `las-${i}`, size: i } });
      expect((await byName.pick([a._id])).get(String(a._id))?.name, `name cache after write ${i}`).to.equal(`las-${i}`);
      expect((await bySize.pick([a._id])).get(String(a._id))?.size, `size cache after write ${i}`).to.equal(i);
    }
  });

  it('reloads once per write, then serves from memory', async () => {
    const a = await Thing.create({ name: 'bubut', size: 1 });
    await byName.all();
    await new Promise((r) => setTimeout(r, 100)); // whatever the test set-up wrote has settled
    await byName.all();
    for (let i = 0; i < 5; i++) {
      await Thing.updateOne({ _id: a._id }, { $set: { size: 10 + i } });
      const n = await loads(async () => {
        for (let k = 0; k < 4; k++) {
          await byName.all();
          await new Promise((r) => setTimeout(r, 20));
        }
      });
      expect(n, `loads after write ${i}`).to.equal(1);
    }
  });

  it('checks the stamps of caches asked at the same time with one read, and a write still shows at once', async () => {
    const a = await Thing.create({ name: 'cor', size: 1 });
    await Promise.all([byName.all(), bySize.all()]);
    const stampReads = (cmds: SeenCommand[]) => cmds.filter((c) => c.collection === 'cachestamps' && c.read).length;
    const together = await commandsDuring(() => Promise.all([byName.all(), bySize.all(), byName.pick([a._id]), bySize.pick([a._id])]));
    expect(stampReads(together), 'stamp reads for four caches asked together').to.equal(1);
    expect(together.filter((c) => c.collection === 'collectioncachetestthings'), 'loads').to.deep.equal([]);
    await Thing.updateOne({ _id: a._id }, { $set: { name: 'cor-2', size: 2 } });
    const [names, sizes] = await Promise.all([byName.pick([a._id]), bySize.pick([a._id])]);
    expect([names.get(String(a._id))?.name, sizes.get(String(a._id))?.size]).to.deep.equal(['cor-2', 2]);
  });

  it('a request keeps one reading of the stamps: another process\'s write shows from the next request, or after 2 s', async function () {
    this.timeout(20_000);
    const a = await Thing.create({ name: 'plat', size: 1 });
    await byName.all();
    await new Promise((r) => setTimeout(r, 100)); // this process's own stamp write has landed
    // Another process: its own connection, unseen by this process's write observer.
    const { host, port } = mongoose.connection;
    const other = await MongoClient.connect(`mongodb://${host}:${port}/`);
    try {
      const db = other.db(mongoose.connection.db!.databaseName);
      const writeElsewhere = async (name: string) => {
        await db.collection('collectioncachetestthings').updateOne({ _id: a._id }, { $set: { name } });
        await db.collection<{ _id: string; n: string }>('cachestamps').updateOne({ _id: 'collectioncachetestthings' }, { $set: { n: `other-${name}` } }, { upsert: true });
      };
      const nameNow = async () => (await byName.pick([a._id])).get(String(a._id))?.name;
      await shareStampReads(async () => {
        expect(await nameNow()).to.equal('plat');
        await writeElsewhere('plat-2');
        expect(await nameNow(), 'the same request, at once').to.equal('plat');
        await new Promise((r) => setTimeout(r, 2100));
        expect(await nameNow(), 'the same request, 2 s later').to.equal('plat-2');
      });
      await writeElsewhere('plat-3');
      expect(await shareStampReads(nameNow), 'the next request').to.equal('plat-3');
    } finally {
      await other.close();
    }
  });
});
