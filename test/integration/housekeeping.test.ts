import { expect } from 'chai';
import mongoose from 'mongoose';
import { ManualClock } from '../../src/platform/clock';
import { startJobRunner } from '../../src/platform/jobs/agenda';
import { PasswordReset } from '../../src/modules/accounts';
import { buildApp, silentLogger } from '../support/harness';
import { createUser } from '../support/factories';

const sessions = () => mongoose.connection.collection('sessions');
const counters = () => mongoose.connection.collection('rateLimits');

describe('housekeeping jobs (in place of TTL indexes)', () => {
  it('removes expired sessions, spent reset links and old rate-limit counters, through Agenda', async function () {
    this.timeout(30000);
    const clock = new ManualClock('2026-11-28T00:00:00Z');
    const { services } = buildApp({ clock });
    const user = await createUser();
    const now = clock.now();
    const hour = 3600 * 1000;
    await sessions().insertMany([
      { _id: 'old' as never, expires: new Date(now.getTime() - hour), session: { cookie: {} } },
      { _id: 'live' as never, expires: new Date(now.getTime() + hour), session: { cookie: {} } },
    ]);
    await PasswordReset.create([
      { _id: 'a'.repeat(64), user: user._id, expiresAt: new Date(now.getTime() - 1) },
      { _id: 'b'.repeat(64), user: user._id, expiresAt: new Date(now.getTime() + hour) },
      { _id: 'c'.repeat(64), user: user._id, expiresAt: new Date(now.getTime() + hour), usedAt: new Date(now.getTime() - 25 * hour) },
    ]);
    await counters().insertMany([
      { _id: 'login-ip:1' as never, hits: 3, resetAt: new Date(now.getTime() - 1) },
      { _id: 'login-ip:2' as never, hits: 3, resetAt: new Date(now.getTime() + hour) },
    ]);

    const runner = await startJobRunner({ connection: mongoose.connection, jobs: services.jobs, logger: silentLogger, processEveryMs: 200 });
    try {
      for (const name of ['accounts:purge-expired-sessions', 'accounts:purge-reset-tokens', 'platform:purge-rate-limits']) {
        await runner.agenda.now(name);
      }
      const deadline = Date.now() + 15000;
      while ((await sessions().countDocuments()) + (await PasswordReset.countDocuments()) + (await counters().countDocuments()) > 3) {
        if (Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await runner.stop(5000);
    }
    expect((await sessions().find().toArray()).map((s) => s._id)).to.deep.equal(['live']);
    expect((await PasswordReset.find().lean()).map((r) => r._id)).to.deep.equal(['b'.repeat(64)]);
    expect((await counters().find().toArray()).map((c) => c._id)).to.deep.equal(['login-ip:2']);
  });

  it('schedules the recurring housekeeping in WIB', async function () {
    this.timeout(30000);
    const { services } = buildApp();
    const runner = await startJobRunner({ connection: mongoose.connection, jobs: services.jobs, logger: silentLogger });
    try {
      const jobs = await mongoose.connection.collection('agendaJobs').find({ type: 'single' }).toArray();
      const names = jobs.map((j) => j.name).sort();
      expect(names).to.include.members(['accounts:purge-expired-sessions', 'accounts:purge-reset-tokens', 'platform:purge-rate-limits', 'workers:purge-imports']);
      expect(names).to.deep.equal(services.jobs.filter((j) => j.every).map((j) => j.name).sort());
      for (const job of jobs) expect(job.repeatTimezone).to.equal('Asia/Jakarta');
    } finally {
      await runner.stop(5000);
    }
  });
});
