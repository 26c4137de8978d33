import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import { Schema, model, trusted } from 'mongoose';
import { ReadModelDoc, defineReadModel } from '../../src/platform/db/read-model';

/**
 * defineReadModel (platform/db/read-model.ts) over a scratch source collection: a document is built
 * on first read, refreshed after a write, rebuilt when the version changes, and racing writers that
 * each refresh after their write leave the document equal to the source.
 */
const itemSchema = new Schema({ key: { type: String, required: true }, n: { type: Number, required: true } }, { versionKey: false });
const Item = model('ReadModelTestItem', itemSchema, 'readmodeltestitems');

interface Sum {
  key: string;
  ns: number[];
}

/** The reference: what the source says now. */
async function fromSource(key: string): Promise<Sum> {
  const rows = await Item.find({ key }).lean();
  return { key, ns: rows.map((r) => r.n).sort((a, b) => a - b) };
}

function sums(opts: { version?: number; slowMs?: number; builds?: string[][] } = {}) {
  return defineReadModel<Sum>({
    name: 'test-sums',
    version: opts.version ?? 1,
    empty: (key) => ({ key, ns: [] }),
    async build(keys) {
      opts.builds?.push([...keys]);
      const rows = await Item.find({ key: trusted({ $in: keys }) }).lean();
      // A slow build widens the window between reading the source and writing the document, where
      // an unlocked refresh would overwrite a newer one with what it read before the other write.
      if (opts.slowMs) await sleep(Math.random() * opts.slowMs);
      const out = new Map<string, Sum>(keys.map((k) => [k, { key: k, ns: [] }]));
      for (const r of rows) out.get(r.key)!.ns.push(r.n);
      for (const s of out.values()) s.ns.sort((a, b) => a - b);
      return out;
    },
  });
}

describe('read models (defineReadModel)', () => {
  it('builds a missing document on first read, then serves it without building', async () => {
    await Item.create([{ key: 'a', n: 1 }, { key: 'a', n: 2 }, { key: 'b', n: 5 }]);
    const builds: string[][] = [];
    const rm = sums({ builds });
    expect(await ReadModelDoc.findById('test-sums:a').lean()).to.equal(null);
    expect(await rm.get('a')).to.deep.equal({ key: 'a', ns: [1, 2] });
    expect(builds).to.deep.equal([['a']]);
    expect(await rm.get('a')).to.deep.equal({ key: 'a', ns: [1, 2] });
    expect(builds).to.have.length(1);
    // getMany builds only what is missing, in one build.
    const many = await rm.getMany(['a', 'b', 'none']);
    expect(many.get('b')).to.deep.equal({ key: 'b', ns: [5] });
    expect(many.get('none')).to.deep.equal({ key: 'none', ns: [] });
    expect(builds).to.deep.equal([['a'], ['b', 'none']]);
  });

  it('shows a write after refresh, and a stale document without it', async () => {
    const rm = sums();
    await Item.create({ key: 'a', n: 1 });
    await rm.get('a');
    await Item.create({ key: 'a', n: 2 });
    expect((await rm.get('a')).ns, 'a writer that forgets to refresh leaves it stale').to.deep.equal([1]);
    await rm.refresh(['a']);
    expect((await rm.get('a')).ns).to.deep.equal([1, 2]);
  });

  it('rebuilds documents built by an older version on read', async () => {
    await Item.create({ key: 'a', n: 1 });
    await sums({ version: 1 }).get('a');
    await Item.create({ key: 'a', n: 2 });
    expect((await sums({ version: 1 }).get('a')).ns).to.deep.equal([1]);
    const builds: string[][] = [];
    expect((await sums({ version: 2, builds }).get('a')).ns).to.deep.equal([1, 2]);
    expect(builds).to.have.length(1);
    expect((await ReadModelDoc.findById('test-sums:a').lean())?.v).to.equal(2);
  });

  it('clears every document of the model (and only those), and rebuilds all from one read', async () => {
    await Item.create([{ key: 'a', n: 1 }, { key: 'b', n: 2 }]);
    const rm = sums();
    await rm.getMany(['a', 'b']);
    await ReadModelDoc.create({ _id: 'other-model:a', v: 1, builtAt: new Date(), data: {} });
    await rm.clear();
    expect(await ReadModelDoc.countDocuments({})).to.equal(1);
    const all = defineReadModel<Sum>({
      name: 'test-sums',
      version: 1,
      empty: (key) => ({ key, ns: [] }),
      build: async () => new Map(),
      buildAll: async () => new Map([['a', { key: 'a', ns: [1] }], ['b', { key: 'b', ns: [2] }]]),
    });
    expect(await all.rebuildAll()).to.equal(2);
    expect((await ReadModelDoc.findById('test-sums:b').lean())?.data).to.deep.equal({ key: 'b', ns: [2] });
  });

  it('leaves the right document after two parallel writes each followed by a refresh, every time', async function () {
    this.timeout(120_000);
    const rm = sums({ slowMs: 40 });
    await rm.get('k');
    for (let round = 0; round < 25; round++) {
      const write = async (n: number) => {
        await Item.create({ key: 'k', n });
        await rm.refresh(['k']);
      };
      await Promise.all([write(round * 2), write(round * 2 + 1)]);
      const stored = await ReadModelDoc.findById('test-sums:k').lean();
      expect(stored?.data, `round ${round}`).to.deep.equal(await fromSource('k'));
    }
  });
});
