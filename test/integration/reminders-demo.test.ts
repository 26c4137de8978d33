import { expect } from 'chai';
import { seedDemoData } from '../../src/demo/seed';
import { Notification } from '../../src/modules/notifications';
import { buildApp } from '../support/harness';
import { RestartableSink, noticeOf, recipientOf, waitUntil } from '../support/notifications-sink';
import { runJobs } from '../support/notifications-factories';

describe('class reminders on a fresh demo start', () => {
  const sink = new RestartableSink();
  before(async () => {
    await sink.start();
  });
  after(() => sink.stop());

  it('emails the reminders for meetings in the next 24 hours within two minutes, and none again after a restart', async function () {
    this.timeout(300000);
    const { deps, services } = buildApp({ smtpUrl: sink.url });
    await seedDemoData(deps);
    const started = Date.now();
    let remindedAfterMs = Infinity;
    let runner = await runJobs(services.jobs, undefined, 1000);
    try {
      await waitUntil(
        () => sink.messages.some((m) => recipientOf(m) === 'pekerja@takaru.test' && /^Pengingat: /.test(m.subject ?? '')),
        120000,
        () => `the demo worker got no class reminder within two minutes (${sink.messages.length} messages)`,
        250,
      );
      remindedAfterMs = Date.now() - started;
      await new Promise((r) => setTimeout(r, 5000));
    } finally {
      await runner.stop(10000);
    }
    const firstRun = new Set(sink.messages.filter((m) => /^Pengingat: /.test(m.subject ?? '')).map(noticeOf));
    // The demo worker also holds certificates near their end: the expiry scan writes to them too.
    const demoWorker = sink.messages.find((m) => recipientOf(m) === 'pekerja@takaru.test' && /^Pengingat: /.test(m.subject ?? ''));
    expect(demoWorker, 'the demo worker is reminded').to.not.equal(undefined);
    expect(remindedAfterMs).to.be.below(120000);
    expect(await Notification.countDocuments({ kind: 'class-reminder' })).to.be.greaterThan(0);

    runner = await runJobs(services.jobs, undefined, 1000);
    await new Promise((r) => setTimeout(r, 8000));
    await runner.stop(10000);
    // Notices still queued at the stop go out now; nothing goes out twice, and no reminder is repeated.
    const all = sink.messages.map(noticeOf);
    expect(new Set(all).size, 'no notice is emailed twice').to.equal(all.length);
    expect(sink.messages.filter((m) => firstRun.has(noticeOf(m)))).to.have.length(firstRun.size);
  });
});
