import { expect } from 'chai';
import mongoose from 'mongoose';
import type { Options } from 'express-rate-limit';
import { MongoRateLimitStore, purgeExpiredRateLimits, RATE_LIMIT_COLLECTION } from '../../src/platform/http/rate-limit';

const WINDOW = 60_000;
const slots = () => mongoose.connection.collection(RATE_LIMIT_COLLECTION);

function store(prefix: string, limit: number, clock: { ms: number }) {
  const s = new MongoRateLimitStore(mongoose.connection, prefix, () => clock.ms);
  s.init({ windowMs: WINDOW, limit } as Options);
  return s;
}

describe('MongoRateLimitStore: a fixed budget of claimable slots', () => {
  // Well inside a window, so nothing here straddles a boundary.
  const clock = { ms: 0 };
  beforeEach(() => {
    clock.ms = Math.floor(Date.now() / WINDOW) * WINDOW + 1000;
  });

  it('lets exactly `limit` of 200 parallel hits through, across two processes sharing the database', async () => {
    const a = store('t:', 7, clock);
    const b = store('t:', 7, clock);
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).increment('k')));
    const allowed = results.filter((r) => r.totalHits <= 7);
    expect(allowed).to.have.length(7);
    expect(results.filter((r) => r.totalHits === 8)).to.have.length(193);
    expect(await slots().countDocuments()).to.equal(7);
    expect(results[0]!.resetTime!.getTime()).to.equal(Math.floor(clock.ms / WINDOW) * WINDOW + WINDOW);
  });

  it('gives a hit back on decrement, and the slot is claimed again', async () => {
    const s = store('t:', 3, clock);
    for (let i = 0; i < 3; i++) expect((await s.increment('k')).totalHits).to.be.at.most(3);
    expect((await s.increment('k')).totalHits).to.equal(4);
    await s.decrement('k');
    expect(await slots().countDocuments()).to.equal(2);
    expect((await s.increment('k')).totalHits).to.be.at.most(3);
    expect((await s.increment('k')).totalHits).to.equal(4);
    // Many successes in a row never pile up.
    const t = store('u:', 3, clock);
    for (let i = 0; i < 20; i++) {
      expect((await t.increment('k')).totalHits).to.be.at.most(3);
      await t.decrement('k');
    }
    expect(await slots().countDocuments({ _id: { $regex: '^u:' } as never })).to.equal(0);
  });

  it('starts afresh in the next window, and the purge removes the old slots', async () => {
    const s = store('t:', 2, clock);
    await s.increment('k');
    await s.increment('k');
    expect((await s.increment('k')).totalHits).to.equal(3);
    clock.ms += WINDOW;
    expect((await s.increment('k')).totalHits).to.equal(1);
    expect(await purgeExpiredRateLimits(mongoose.connection, new Date(clock.ms))).to.equal(2);
    expect(await slots().countDocuments()).to.equal(1);
  });

  it('counts with get, and resets one key or one prefix only', async () => {
    const s = store('t:', 5, clock);
    const other = store('o:', 5, clock);
    await Promise.all([s.increment('10.0.0.1'), s.increment('10.0.0.1'), s.increment('10.0.0.1:9'), other.increment('10.0.0.1')]);
    expect((await s.get('10.0.0.1'))?.totalHits).to.equal(2);
    expect(await s.get('nobody')).to.equal(undefined);
    await s.resetKey('10.0.0.1');
    expect(await s.get('10.0.0.1')).to.equal(undefined);
    expect((await s.get('10.0.0.1:9'))?.totalHits).to.equal(1);
    expect((await s.increment('10.0.0.1')).totalHits).to.equal(1);
    await s.resetAll();
    expect((await other.get('10.0.0.1'))?.totalHits).to.equal(1);
    expect(await slots().countDocuments()).to.equal(1);
  });
});
