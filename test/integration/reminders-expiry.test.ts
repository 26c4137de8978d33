import { expect } from 'chai';
import { ManualClock } from '../../src/platform/clock';
import { Notification } from '../../src/modules/notifications';
import { Certificate } from '../../src/modules/certificates';
import { Worker } from '../../src/modules/workers';
import { APP_URL, buildApp } from '../support/harness';
import { createUser, createWorkshop } from '../support/factories';
import { createCertificate, createScheme } from '../support/certificates-factories';
import { logUse, wibDay } from '../support/continuity-factories';
import { RestartableSink, recipientOf } from '../support/notifications-sink';
import { accountWorker, pendingIds, recordWorker } from '../support/notifications-factories';

// Monday 2026-11-30, 09:00 WIB.
const NOW = '2026-11-30T02:00:00Z';
const DAY = 24 * 3600 * 1000;

describe('certificate expiry notices, welder warnings and the weekly digest', () => {
  const sink = new RestartableSink();
  before(async () => {
    await sink.start();
  });
  after(() => sink.stop());
  beforeEach(() => sink.clear());

  async function deliverAll(ctx: { services: ReturnType<typeof buildApp>['services'] }) {
    for (const id of await pendingIds()) await ctx.services.notifications.delivery.deliver(id, { final: false, fresh: true });
  }

  const kinds = async () => (await Notification.find({}, { key: 1, kind: 1 }).lean()).map((n) => `${n.kind} ${n.key.split(':').slice(2, -1).join(':')}`).sort();

  it('tells the holder at 90, 30, 7 and 0 days before the last day, in their language, and a second scan sends nothing new', async () => {
    const clock = new ManualClock(NOW);
    const ctx = buildApp({ smtpUrl: sink.url, clock });
    const ana = await accountWorker({ email: 'ana@takaru.test', language: 'en', name: 'Ana Rahma' });
    const scheme = await createScheme({ name: 'Juru Las SMAW 3G', validity: { kind: 'fixed_term', years: 1 } });
    // Issued 2025-12-30 for one year: last day 2026-12-30, 30 days from today.
    const cert = await createCertificate(clock, { worker: ana.worker, scheme, issueDate: '2025-12-30', validity: { kind: 'fixed_term', years: 1 } });
    const expiry = ctx.services.reminders.expiry;

    expect(await expiry.scanCertificates()).to.deep.equal({ expiry: 1, welders: 0 });
    expect(await expiry.scanCertificates(), 'the same day again').to.deep.equal({ expiry: 0, welders: 0 });
    await deliverAll(ctx);
    expect(sink.messages).to.have.length(1);
    const mail = sink.messages[0]!;
    expect(recipientOf(mail)).to.equal('ana@takaru.test');
    expect(mail.subject).to.equal('Your certificate expires on 30 Dec 2026: Juru Las SMAW 3G');
    expect(mail.text).to.contain(`${cert.number}`).and.contain('30 days left');
    expect(mail.text).to.contain(`${APP_URL}/certificates/${cert.id}`);
    expect(mail.html).to.contain(`href="${APP_URL}/certificates/${cert.id}"`);

    // A scan on every day up to the last day and beyond adds the 7- and 0-day notices, and nothing after.
    for (let d = 1; d <= 35; d++) {
      clock.advance(DAY);
      await expiry.scanCertificates();
      await deliverAll(ctx);
    }
    expect((await Notification.find({}, { key: 1 }).lean()).map((n) => n.key.split(':')[3]).sort()).to.deep.equal(['0d', '30d', '7d']);
    await deliverAll(ctx);
    expect(sink.messages.map((m) => m.subject)).to.deep.equal([
      'Your certificate expires on 30 Dec 2026: Juru Las SMAW 3G',
      'Your certificate expires on 30 Dec 2026: Juru Las SMAW 3G',
      'Your certificate expires on 30 Dec 2026: Juru Las SMAW 3G',
    ]);
    expect(sink.messages[2]!.text).to.contain('0 days left');
  });

  it('sends the 90-day notice when first seen 90 days out, skips revoked and renewed certificates, and writes to worker records in Indonesian', async () => {
    const clock = new ManualClock(NOW);
    const ctx = buildApp({ smtpUrl: sink.url, clock });
    const budi = await recordWorker({ email: 'budi@pekerja.takaru.test', name: 'Budi Santoso' });
    const scheme = await createScheme({ name: 'Operator Bubut', validity: { kind: 'fixed_term', years: 1 } });
    // Last day 2027-02-28: 90 days from 2026-11-30.
    await createCertificate(clock, { worker: budi, scheme, issueDate: '2026-02-28', validity: { kind: 'fixed_term', years: 1 } });
    const revoked = await createCertificate(clock, { worker: budi, scheme, issueDate: '2026-01-05', validity: { kind: 'fixed_term', years: 1 } });
    await Certificate.updateOne({ _id: revoked.id }, { $set: { revokedAt: new Date(), revocationReason: 'Dicabut karena uji ulang' } });
    const renewed = await createCertificate(clock, { worker: budi, scheme, issueDate: '2026-01-06', validity: { kind: 'fixed_term', years: 1 } });
    await Certificate.updateOne({ _id: renewed.id }, { $set: { renewedBy: revoked.id } });
    // Already expired long ago: nothing.
    await createCertificate(clock, { worker: budi, scheme, issueDate: '2024-01-01', validity: { kind: 'fixed_term', years: 1 } });

    expect(await ctx.services.reminders.expiry.scanCertificates()).to.deep.equal({ expiry: 1, welders: 0 });
    expect(await kinds()).to.deep.equal(['cert-expiry 2027-02-28:90d']);
    await deliverAll(ctx);
    expect(sink.messages).to.have.length(1);
    expect(recipientOf(sink.messages[0]!)).to.equal('budi@pekerja.takaru.test');
    expect(sink.messages[0]!.subject).to.equal('Sertifikat Anda berakhir 28 Feb 2027: Operator Bubut');
    expect(sink.messages[0]!.text).to.contain('tinggal 90 hari');
  });

  it('warns a welder five months after the last logged use, tells them again before the lapse, and starts over after a new use', async () => {
    const clock = new ManualClock(NOW);
    const ctx = buildApp({ smtpUrl: sink.url, clock });
    const eko = await accountWorker({ email: 'eko@takaru.test', name: 'Eko Prasetyo' });
    const scheme = await createScheme({ name: 'Juru Las GMAW', validity: { kind: 'continuity', process: 'GMAW' } });
    const cert = await createCertificate(clock, { worker: eko.worker, scheme, issueDate: '2026-01-10', validity: { kind: 'continuity', process: 'GMAW' } });
    // Last use 2026-06-29: five months on is 2026-11-29 (yesterday), lapse after 2026-12-29 (29 days).
    await logUse(eko.worker._id, 'GMAW', '2026-06-29');
    const expiry = ctx.services.reminders.expiry;

    expect(await expiry.scanCertificates()).to.deep.equal({ expiry: 1, welders: 1 });
    expect(await kinds()).to.deep.equal(['cert-lapse 2026-12-29:30d', 'welder-warning 2026-06-29']);
    await deliverAll(ctx);
    const subjects = sink.messages.map((m) => m.subject).sort();
    expect(subjects).to.deep.equal(['Catat pemakaian GMAW sebelum 29 Des 2026', 'Sertifikat Anda bisa gugur 29 Des 2026: Juru Las GMAW']);
    const warning = sink.messages.find((m) => m.subject?.startsWith('Catat'))!;
    expect(warning.text).to.contain('29 Jun 2026').and.contain(cert.number);

    // A use logged today: the certificate runs to 2027-05-30; no new notice until five months on.
    await logUse(eko.worker._id, 'GMAW', '2026-11-30');
    clock.advance(DAY);
    expect(await expiry.scanCertificates()).to.deep.equal({ expiry: 0, welders: 0 });
    clock.set(new Date(wibDay('2027-04-30').getTime() + 10 * 3600 * 1000));
    expect(await expiry.scanCertificates()).to.deep.equal({ expiry: 1, welders: 1 });
    expect((await kinds()).filter((k) => k.includes('2027') || k.includes('2026-11-30'))).to.deep.equal(['cert-lapse 2027-05-30:30d', 'welder-warning 2026-11-30']);
  });

  it('sends one weekly digest per manager (their workshop) and per coordinator (all), listing what ends within 90 days; a second run sends nothing', async () => {
    const clock = new ManualClock(NOW);
    const ctx = buildApp({ smtpUrl: sink.url, clock });
    const barokah = await createWorkshop({ name: 'CV Barokah Logam' });
    const sinar = await createWorkshop({ name: 'UD Sinar Teknik' });
    const quiet = await createWorkshop({ name: 'PT Tenang Jaya' });
    await createUser({ email: 'manajer.barokah@takaru.test', roles: ['manager'], workshop: barokah._id, language: 'en', name: 'Manajer Barokah' });
    await createUser({ email: 'manajer.sinar@takaru.test', roles: ['manager'], workshop: sinar._id, name: 'Manajer Sinar' });
    await createUser({ email: 'manajer.tenang@takaru.test', roles: ['manager'], workshop: quiet._id, name: 'Manajer Tenang' });
    await createUser({ email: 'koordinator@takaru.test', roles: ['coordinator'], name: 'Koordinator' });
    await createUser({ email: 'pensiun@takaru.test', roles: ['coordinator'], name: 'Pensiun', active: false });
    const scheme = await createScheme({ name: 'Juru Las SMAW', validity: { kind: 'fixed_term', years: 1 } });
    const w1 = await Worker.create({ name: 'Agus Barokah', workshop: barokah._id, phone: '+6281300000001' });
    const w2 = await Worker.create({ name: 'Bayu Barokah', workshop: barokah._id, phone: '+6281300000002' });
    const w3 = await Worker.create({ name: 'Citra Sinar', workshop: sinar._id, phone: '+6281300000003' });
    const w4 = await Worker.create({ name: 'Dedi Tenang', workshop: quiet._id, phone: '+6281300000004' });
    await createCertificate(clock, { worker: w1, scheme, issueDate: '2025-12-05', validity: { kind: 'fixed_term', years: 1 } }); // 5 days
    await createCertificate(clock, { worker: w2, scheme, issueDate: '2026-02-01', validity: { kind: 'fixed_term', years: 1 } }); // 63 days
    await createCertificate(clock, { worker: w3, scheme, issueDate: '2026-01-30', validity: { kind: 'fixed_term', years: 1 } }); // 61 days
    await createCertificate(clock, { worker: w4, scheme, issueDate: '2026-06-01', validity: { kind: 'fixed_term', years: 1 } }); // 183 days: not listed

    const expiry = ctx.services.reminders.expiry;
    expect(await expiry.recordDigests()).to.equal(3);
    expect(await expiry.recordDigests(), 'the same week again').to.equal(0);
    await deliverAll(ctx);
    const byTo = new Map(sink.messages.map((m) => [recipientOf(m), m]));
    expect([...byTo.keys()].sort()).to.deep.equal(['koordinator@takaru.test', 'manajer.barokah@takaru.test', 'manajer.sinar@takaru.test']);

    const barokahMail = byTo.get('manajer.barokah@takaru.test')!;
    expect(barokahMail.subject).to.equal('Weekly certificate digest (2026-W49): 2 need attention');
    expect(barokahMail.text).to.contain('Agus Barokah').and.contain('expires in 5 days').and.contain('Bayu Barokah');
    expect(barokahMail.text).not.to.contain('Citra Sinar');
    expect(barokahMail.text!.indexOf('Agus')).to.be.lessThan(barokahMail.text!.indexOf('Bayu'));
    expect(barokahMail.html).to.contain(`href="${APP_URL}/certificates?status=expiring&amp;workshop=${String(barokah._id)}"`);

    const all = byTo.get('koordinator@takaru.test')!;
    expect(all.subject).to.equal('Ringkasan mingguan sertifikat (2026-W49): 3 perlu perhatian');
    for (const name of ['Agus Barokah', 'Bayu Barokah', 'Citra Sinar', 'CV Barokah Logam', 'UD Sinar Teknik']) expect(all.text).to.contain(name);
    expect(all.text).not.to.contain('Dedi Tenang');

    // Next week: a new digest for each.
    clock.advance(7 * DAY);
    expect(await expiry.recordDigests()).to.equal(3);
  });
});
