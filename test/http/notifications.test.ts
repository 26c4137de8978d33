import { expect } from 'chai';
import mongoose from 'mongoose';
import { ManualClock } from '../../src/platform/clock';
import { User } from '../../src/modules/accounts';
import { Notification, OutboxEntry, SEND_EMAIL_JOB, type EmailStatus } from '../../src/modules/notifications';
import { JOBS_COLLECTION } from '../../src/platform/jobs/agenda';
import { buildApp } from '../support/harness';
import { createUser, PASSWORD } from '../support/factories';
import { mainText, signIn, submitForm } from '../support/http';
import { RestartableSink, recipientOf } from '../support/notifications-sink';
import { accountWorker, recordWorker } from '../support/notifications-factories';

const jobs = () => mongoose.connection.collection(JOBS_COLLECTION);

describe('notifications: admin pages and preferences', () => {
  const sink = new RestartableSink();
  before(async () => {
    await sink.start();
  });
  after(() => sink.stop());
  beforeEach(() => sink.clear());

  async function as(role: 'admin' | 'coordinator' | 'worker', smtpUrl = sink.url) {
    const ctx = buildApp({ smtpUrl, clock: new ManualClock('2026-12-01T02:00:00Z') });
    await createUser({ email: `${role}@t.test`, roles: [role] });
    return { ...ctx, agent: await signIn(ctx.app, `${role}@t.test`, PASSWORD) };
  }

  async function notice(workerName: string, key: string, kind: string, status: EmailStatus) {
    const w = await recordWorker({ name: workerName, email: `${key}@takaru.test` });
    return Notification.create({ key, kind, worker: w._id, params: {}, email: { status, attempts: 3, lastError: status === 'failed' ? 'connect ECONNREFUSED 127.0.0.1:25' : undefined } });
  }

  it('shows admins the notification log filtered by status, kind and recipient, and sends a failed notice again', async () => {
    const { agent } = await as('admin');
    const failed = await notice('Agus Salim', 'n1', 'session-cancelled', 'failed');
    await notice('Dewi Lestari', 'n2', 'class-reminder', 'sent');
    await notice('Agus Wibowo', 'n3', 'class-reminder', 'no_email');

    const byStatus = mainText((await agent.get('/admin/notifications?status=failed').expect(200)).text);
    expect(byStatus).to.include('Agus Salim').and.include('Gagal').and.include('ECONNREFUSED').and.not.include('Dewi Lestari');
    const byKind = mainText((await agent.get('/admin/notifications?kind=class-reminder').expect(200)).text);
    expect(byKind).to.include('Dewi Lestari').and.include('Agus Wibowo').and.not.include('Agus Salim');
    const byName = mainText((await agent.get('/admin/notifications?q=agus&kind=class-reminder').expect(200)).text);
    expect(byName).to.include('Agus Wibowo').and.include('Tidak ada alamat email').and.not.include('Dewi');
    // Nonsense in the query string is ignored, not an error.
    await agent.get('/admin/notifications?status=%24ne&kind=%7B%7D&page=-4').expect(200);

    const res = await submitForm(agent, '/admin/notifications', `/admin/notifications/${String(failed._id)}/resend`, {});
    expect(res.status).to.equal(303);
    expect((await Notification.findById(failed._id).lean())!.email?.status).to.equal('pending');
    expect(await OutboxEntry.countDocuments({ _id: failed._id })).to.equal(1);
    const again = await submitForm(agent, '/admin/notifications', `/admin/notifications/${String(failed._id)}/resend`, {});
    expect(again.status).to.equal(303);
    expect(mainText((await agent.get('/admin/notifications').expect(200)).text)).to.include('tidak dapat dikirim ulang');
  });

  it('sends a test email over SMTP to a given address, and refuses a bad address with 422', async () => {
    const { agent } = await as('admin');
    const bad = await submitForm(agent, '/admin/notifications', '/admin/notifications/test-email', { to: 'bukan-email' });
    expect(bad.status).to.equal(422);
    expect(mainText(bad.text)).to.include('email');
    const ok = await submitForm(agent, '/admin/notifications', '/admin/notifications/test-email', { to: 'cek@takaru.test' });
    expect(ok.status).to.equal(303);
    const [mail] = await sink.waitFor(1);
    expect(recipientOf(mail!)).to.equal('cek@takaru.test');
    expect(mail!.subject).to.equal('Email uji coba Takaru Skills');
    // The date, then the time: "Dikirim 2 Des 2026 pukul 08.30 WIB", never "pukul 2 Des 2026".
    expect(mail!.text).to.match(/Dikirim \d{1,2} \w{3} \d{4} pukul \d{2}\.\d{2} WIB melalui smtp\./);
    expect(mainText((await agent.get('/admin/notifications').expect(200)).text)).to.include('diterima oleh server email (smtp)');
  });

  it('says why a test email failed when the mail server cannot be reached', async () => {
    const down = new RestartableSink();
    const url = await down.start();
    await down.stop();
    const { agent } = await as('admin', url);
    const res = await submitForm(agent, '/admin/notifications', '/admin/notifications/test-email', { to: 'cek@takaru.test' });
    expect(res.status).to.equal(303);
    expect(mainText((await agent.get('/admin/notifications').expect(200)).text)).to.match(/tidak dapat dikirim: .*ECONNREFUSED/);
  });

  it('lists failed jobs for admins and runs one again; coordinators may not see the jobs page', async () => {
    const { agent, services } = await as('admin');
    await services.notifications.queue.enqueue(SEND_EMAIL_JOB, { id: '0123456789abcdef01234567' });
    const job = (await jobs().findOne({ name: SEND_EMAIL_JOB }))!;
    await jobs().updateOne({ _id: job._id }, { $set: { nextRunAt: null, failedAt: new Date(), failCount: 7, failReason: 'connect ECONNREFUSED' } });
    const page = mainText((await agent.get('/admin/jobs?state=failed').expect(200)).text);
    expect(page).to.include(SEND_EMAIL_JOB).and.include('Gagal').and.include('ECONNREFUSED').and.include('0123456789abcdef01234567');
    const res = await submitForm(agent, '/admin/jobs', `/admin/jobs/${String(job._id)}/retry`, {});
    expect(res.status).to.equal(303);
    const after = (await jobs().findOne({ _id: job._id }))!;
    expect(after.failedAt).to.equal(null);
    expect(after.failCount).to.equal(0);
    expect(after.nextRunAt).to.be.instanceOf(Date);
    await submitForm(agent, '/admin/jobs', `/admin/jobs/${String(job._id)}/retry`, {});
    expect(mainText((await agent.get('/admin/jobs').expect(200)).text)).to.include('Hanya tugas yang gagal');

    const { agent: coordinator } = await as('coordinator');
    await coordinator.get('/admin/jobs').expect(403);
  });

  it('shows coordinators who cannot be emailed, and refuses workers', async () => {
    const { agent } = await as('coordinator');
    await recordWorker({ name: 'Rina Email', email: 'rina@takaru.test' });
    await recordWorker({ name: 'Joko Tanpa Akun' });
    const phoneOnly = await accountWorker({ email: null, name: 'Wati Hanya HP' });
    await Notification.create({ key: 'x', kind: 'enrolled', user: phoneOnly.user._id, params: {} });
    const text = mainText((await agent.get('/notifications/unreachable').expect(200)).text);
    expect(text).to.include('Joko Tanpa Akun').and.include('Tidak ada: belum punya akun');
    expect(text).to.include('Wati Hanya HP').and.include('Hanya kotak masuk');
    expect(text).to.not.include('Rina Email');
    const { agent: worker } = await as('worker');
    await worker.get('/notifications/unreachable').expect(403);
  });

  it('saves the language and the optional-email choice; refuses an unknown language with 422 and changes nothing', async () => {
    const { agent } = await as('worker');
    const page = mainText((await agent.get('/account/preferences').expect(200)).text);
    expect(page).to.include('Selalu dikirim');
    const bad = await submitForm(agent, '/account/preferences', '/account/preferences', { language: 'fr', emailOptional: 'yes' });
    expect(bad.status).to.equal(422);
    const unchanged = await User.findOne({ email: 'worker@t.test' }).lean();
    expect([unchanged!.language, unchanged!.emailOptional]).to.deep.equal(['id', true]);
    const ok = await submitForm(agent, '/account/preferences', '/account/preferences', { language: 'en' });
    expect(ok.status).to.equal(303);
    const saved = await User.findOne({ email: 'worker@t.test' }).lean();
    expect([saved!.language, saved!.emailOptional]).to.deep.equal(['en', false]);
    expect(mainText((await agent.get('/account/preferences').expect(200)).text)).to.include('Your preferences are saved.');
  });
});
