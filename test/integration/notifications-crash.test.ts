import { spawn, type ChildProcess } from 'node:child_process';
import { expect } from 'chai';
import { Notification } from '../../src/modules/notifications';
import { projectRoot } from '../../src/platform/paths';
import { buildApp } from '../support/harness';
import { RestartableSink, waitUntil } from '../support/notifications-sink';
import { manyWorkers, testDbUri } from '../support/notifications-factories';

const COUNT = 200;
const CONCURRENCY = 5;

function startWorker(smtpUrl: string): Promise<ChildProcess> {
  const { uri, dbName } = testDbUri();
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/notifications-worker.ts'], {
    cwd: projectRoot(),
    env: { ...process.env, TEST_DB_URI: uri, TEST_DB_NAME: dbName, SMTP_URL: smtpUrl, LEASE_MS: '2000', LOCK_LIFETIME_MS: '3000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr!.on('data', (d: Buffer) => (errors += d.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited (${code}): ${errors}`)));
  });
}

describe('a worker killed in the middle of a batch', () => {
  const sink = new RestartableSink();
  before(async () => {
    await sink.start();
  });
  after(() => sink.stop());

  it('leaves every notice sent once after a restart, except the few it was sending, which are marked uncertain and never doubled', async function () {
    this.timeout(240000);
    const { services } = buildApp({ smtpUrl: sink.url });
    await services.notifications.service.notifyWorkers(await manyWorkers(COUNT), { key: 'crash', kind: 'meeting-added', params: { new: new Date().toISOString() } });

    const first = await startWorker(sink.url);
    await sink.waitFor(40, 120000);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const atKill = sink.messages.length;

    const second = await startWorker(sink.url);
    try {
      await waitUntil(async () => (await Notification.countDocuments({ 'email.status': 'pending' })) === 0, 180000, () => 'notices still pending', 1000);
      await new Promise((r) => setTimeout(r, 1500));
    } finally {
      second.kill('SIGTERM');
      await new Promise((r) => second.once('exit', r));
    }

    const received = sink.perNotice();
    const notices = await Notification.find({}, { email: 1 }).lean();
    const sent = notices.filter((n) => n.email?.status === 'sent').map((n) => String(n._id));
    const unknown = notices.filter((n) => n.email?.status === 'unknown').map((n) => String(n._id));
    expect(atKill).to.be.below(COUNT);
    expect([...received.values()].filter((c) => c > 1), 'no notice emailed twice').to.deep.equal([]);
    expect(sent.length + unknown.length).to.equal(COUNT);
    expect(sent.every((id) => received.get(id) === 1), 'every sent notice arrived once').to.equal(true);
    // Only the sends in flight at the kill can be uncertain (delivered or not: never repeated).
    expect(unknown.length).to.be.at.most(CONCURRENCY);
  });
});
