import { expect } from 'chai';
import mongoose from 'mongoose';
import { loadConfig } from '../../src/config';

/**
 * The embedded FerretDB answers `{_id: value}` from an index (tools/ferretdb/idindex.go): FerretDB
 * v1.24.2 looks `_id` up with an expression its own `_id` index does not match, so without ours
 * every point read scans its table in SQLite. FerretDB's `explain` shows SQLite's query plan.
 * Skipped against another server (MONGODB_URI), which has real `_id` indexes.
 */
describe('embedded FerretDB: _id lookups use an index', function () {
  this.timeout(30_000);
  before(function () {
    if (loadConfig().mongodbUri) this.skip();
  });

  const planOf = async (collection: string, id: unknown): Promise<string> => {
    // A real read first: a connection that only EXPLAINs keeps the schema it loaded (SQLite notices
    // another connection's new index when a statement runs, not when one is only planned).
    await mongoose.connection.db!.collection(collection).findOne({ _id: id } as never);
    const out = await mongoose.connection.db!.command({ explain: { find: collection, filter: { _id: id } } });
    return JSON.stringify((out as { queryPlanner?: unknown }).queryPlanner ?? out);
  };

  /** Waits (at most 10 s: the server looks for new tables every 2 s) until the plan searches an index. */
  async function searched(collection: string, id: unknown): Promise<string> {
    let plan = '';
    for (const until = Date.now() + 10_000; Date.now() < until; await new Promise((r) => setTimeout(r, 250))) {
      plan = await planOf(collection, id);
      if (/USING INDEX \S+_takaru_id_expr/.test(plan)) break;
    }
    return plan;
  }

  it('for a new collection, with string and ObjectId keys, and again after the collection is dropped and made anew', async () => {
    const db = mongoose.connection.db!;
    const things = db.collection<{ _id: string; n: number }>('id_index_probe');
    await things.insertMany(Array.from({ length: 50 }, (_, n) => ({ _id: `k${n}`, n })));
    expect(await searched('id_index_probe', 'k7')).to.match(/SEARCH \S+ USING INDEX \S+_takaru_id_expr/);
    expect(await things.findOne({ _id: 'k7' })).to.deep.equal({ _id: 'k7', n: 7 });

    const oid = new mongoose.Types.ObjectId();
    const others = db.collection('id_index_probe_oid');
    await others.insertOne({ _id: oid, n: 1 });
    expect(await searched('id_index_probe_oid', oid)).to.match(/USING INDEX \S+_takaru_id_expr/);

    // The same collection name gets the same table name back, without the index it had.
    await things.drop();
    await things.insertOne({ _id: 'again', n: 0 });
    expect(await searched('id_index_probe', 'again')).to.match(/USING INDEX \S+_takaru_id_expr/);
    // FerretDB's own unique _id rule is untouched.
    const dup = await things.insertOne({ _id: 'again', n: 1 }).catch((e: { code?: number }) => e.code);
    expect(dup).to.equal(11000);
    await Promise.all([things.drop(), others.drop()]);
  });
});
