import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { ABANDONED_MS, Claim, claimOnce, runOnce } from '../../src/platform/db/claims';
import { Lock, LockBusyError, withLocks } from '../../src/platform/db/locks';

describe('one-time claims and booking locks (platform/db)', () => {
  it('gives a key to exactly one of many parallel callers', async () => {
    const won = await Promise.all(Array.from({ length: 8 }, () => claimOnce('test:one')));
    expect(won.filter(Boolean)).to.have.length(1);
  });

  it('runs the work once for parallel callers; the others get its result', async () => {
    let runs = 0;
    const work = async () => {
      runs++;
      await sleep(100);
      return 'made-1';
    };
    const outcomes = await Promise.all([1, 2, 3, 4].map(() => runOnce('test:form', work)));
    expect(runs).to.equal(1);
    expect(outcomes.filter((o) => o.first)).to.have.length(1);
    expect(outcomes.map((o) => o.result)).to.deep.equal(['made-1', 'made-1', 'made-1', 'made-1']);
  });

  it('gives the key back when the work fails, so a later call runs it', async () => {
    const failed = await runOnce('test:retry', async () => {
      throw new Error('refused');
    }).catch((e: Error) => e.message);
    expect(failed).to.equal('refused');
    expect(await runOnce('test:retry', async () => 'second')).to.deep.equal({ first: true, result: 'second' });
  });

  it('takes over a claim left without a result by a process that stopped', async () => {
    await Claim.create({ _id: 'test:abandoned', at: new Date(Date.now() - ABANDONED_MS - 1000) });
    expect(await runOnce('test:abandoned', async () => 'redone')).to.deep.equal({ first: true, result: 'redone' });
  });

  it('serialises holders of a lock and releases it afterwards', async () => {
    const inside: number[] = [];
    let concurrent = 0;
    await Promise.all([1, 2, 3].map((n) => withLocks(['room:a', 'instructor:b'], async () => {
      concurrent++;
      expect(concurrent).to.equal(1);
      await sleep(30);
      inside.push(n);
      concurrent--;
    })));
    expect(inside).to.have.length(3);
    expect(await Lock.countDocuments()).to.equal(0);
  });

  it('takes over a lapsed lease, and gives up with LockBusyError on a live one', async () => {
    await Lock.create({ _id: 'room:stale', owner: 'gone', until: new Date(Date.now() - 1000) });
    expect(await withLocks(['room:stale'], async () => 'ran')).to.equal('ran');
    await Lock.create({ _id: 'room:live', owner: 'busy', until: new Date(Date.now() + 60_000) });
    const err = await withLocks(['room:live'], async () => 'ran', { waitMs: 200 }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(LockBusyError);
  });
});
