import { expect } from 'chai';
import { RestartableSink, recipientOf, waitUntil } from '../support/notifications-sink';
import { startAppProcess } from '../support/app-process';

/**
 * The "done when", with the real server (src/main.ts, as `npm start` runs it) on its own
 * fresh embedded database and SMTP_URL pointing at a local SMTP server.
 */
describe('the app started on a fresh demo database with SMTP_URL set', () => {
  const sink = new RestartableSink();
  before(async () => {
    await sink.start();
  });
  after(() => sink.stop());

  it('emails class reminders within two minutes of the start, and none of them again after a restart', async function () {
    this.timeout(600000);
    const reminders = () => sink.messages.filter((m) => /^Pengingat: |^Reminder: /.test(m.subject ?? ''));
    const started = Date.now();
    const first = await startAppProcess({ env: { SMTP_URL: sink.url }, cleanup: false, startTimeoutMs: 300000 });
    const dataDir = first.dataDir;
    try {
      await waitUntil(() => reminders().length > 0, Math.max(1000, 120000 - (Date.now() - started)), () => `no reminder within two minutes\n${first.output().slice(-3000)}`, 250);
      const within = (Date.now() - started) / 1000;
      // Let the first scan's whole batch go out.
      await waitUntil(() => reminders().some((m) => recipientOf(m) === 'pekerja@takaru.test'), 60000, () => 'the demo worker got no reminder');
      await new Promise((r) => setTimeout(r, 10000));
      expect(within).to.be.below(120);
    } finally {
      await first.stop();
    }
    const before = reminders().length;
    const ids = new Set(reminders().map((m) => String(m.headers.get('x-takaru-notice'))));
    expect(ids.size, 'each reminder once').to.equal(before);

    const second = await startAppProcess({ env: { SMTP_URL: sink.url }, dataDir, cleanup: true, startTimeoutMs: 300000 });
    try {
      // The restarted worker scans at start and every minute: give it more than one scan.
      await new Promise((r) => setTimeout(r, 75000));
    } finally {
      await second.stop();
    }
    const again = reminders().filter((m) => ids.has(String(m.headers.get('x-takaru-notice'))));
    expect(again.length, 'no reminder is sent again after the restart').to.equal(before);
    // Meetings that came into a reminder window meanwhile may add new reminders; none repeats one.
    const all = reminders().map((m) => String(m.headers.get('x-takaru-notice')));
    expect(new Set(all).size, 'every message is a different notice').to.equal(all.length);
  });
});
