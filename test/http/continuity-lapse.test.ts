import { expect } from 'chai';
import { Types } from 'mongoose';
import { AuditEntry } from '../../src/modules/audit';
import { Certificate, statesOf } from '../../src/modules/certificates';
import { ContinuityEntry } from '../../src/modules/continuity';
import { ManualClock } from '../../src/platform/clock';
import { formatters } from '../../src/platform/i18n';
import { buildApp } from '../support/harness';
import { createUser, createWorkshop, PASSWORD } from '../support/factories';
import { createWorker } from '../support/people-factories';
import { createCertificate, createScheme } from '../support/certificates-factories';
import { logUse, wibDay } from '../support/continuity-factories';
import { confirmFormFields } from '../support/confirm';
import { csrfFrom, formBody, mainText, signIn, submitForm, type Agent } from '../support/http';

// Aris Hakim's case: SMAW certified 20 Nov 2025, last use 30 Mar 2026, lapsed since 1 Oct 2026.
const NOW = '2026-12-03T10:00:00+07:00';
const idDate = (d: string) => formatters('id').date(wibDay(d));
const submissionOf = (html: string) => /name="submission" value="([a-f0-9]{32})"/.exec(html)![1]!;

async function aris(clock: ManualClock) {
  const shop = await createWorkshop({ name: 'Logam Jaya' });
  await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
  const worker = await createWorker(shop._id, { name: 'Aris Hakim' });
  const budi = await createWorker(shop._id, { name: 'Budi Santoso' });
  const scheme = await createScheme({ validity: { kind: 'continuity', process: 'SMAW' } });
  const cert = await createCertificate(clock, { worker, scheme, issueDate: '2025-11-20', validity: { kind: 'continuity', process: 'SMAW' } });
  await logUse(worker._id, 'SMAW', '2026-03-30');
  return { shop, worker, budi, scheme, cert };
}

const stateOf = async (id: string, now: Date) => {
  const cert = await Certificate.findById(id, { worker: 1, issueDate: 1, validity: 1, revokedAt: 1 }).lean<Parameters<typeof statesOf>[0][number]>();
  return (await statesOf([cert!], now))[0]!;
};

/** Posts the workshop confirmation; when the app asks "are you sure?" first, answers yes. */
async function postConfirmation(agent: Agent, shopId: string, fields: Record<string, string | string[]>) {
  const page = await agent.get(`/continuity/workshops/${shopId}`).expect(200);
  const action = `/continuity/workshops/${shopId}/confirm`;
  const first = await agent.post(action).type('form').send(formBody({ _csrf: csrfFrom(page.text), submission: submissionOf(page.text), process: '', ...fields }));
  if (first.status === 200 && first.text.includes('confirm-page')) return agent.post(action).type('form').send(formBody(confirmFormFields(first.text)));
  return first;
}

describe('continuity: a lapsed certificate stays lapsed until a new test', () => {
  it('does not pre-tick a lapsed process on the workshop confirmation, says why, and refuses it when posted anyway', async () => {
    const clock = new ManualClock(NOW);
    const { app } = buildApp({ clock });
    const { shop, worker, cert } = await aris(clock);
    const koor = await signIn(app, 'koor@t.test', PASSWORD);
    const page = await koor.get(`/continuity/workshops/${shop.id}`).expect(200);
    expect(page.text).to.match(new RegExp(`name="process_${worker.id}" value="SMAW">`));
    expect(mainText(page.text)).to.include(`${idDate('2026-03-30')} · gugur`).and.include('Tidak dicentang: sudah gugur');

    const res = await postConfirmation(koor, shop.id, {
      date: '2026-12-03', evidence: 'Rekap job Jun–Nov 2026', supervisor: 'Pak Harto', workers: [worker.id], [`process_${worker.id}`]: 'SMAW',
    });
    expect(res.status).to.equal(422);
    expect(mainText(res.text)).to.include('Proses yang sudah gugur tidak dapat dikonfirmasi');
    expect(await ContinuityEntry.countDocuments({ worker: worker._id })).to.equal(1);
    expect(await stateOf(cert.id, clock.now())).to.include({ status: 'lapsed', endsOn: '2026-10-01' });
  });

  it('records a use logged after the lapse but shows "perlu uji ulang" with a link to record an assessment; the certificate stays lapsed', async () => {
    const clock = new ManualClock(NOW);
    const { app } = buildApp({ clock });
    const { worker, cert } = await aris(clock);
    const koor = await signIn(app, 'koor@t.test', PASSWORD);
    const path = `/continuity/workers/${worker.id}`;
    const res = await submitForm(koor, path, `${path}/entries`, { process: 'SMAW', date: '2026-12-02', kind: 'use', evidence: 'JO-2026-1202', supervisor: 'Pak Harto' });
    expect(res.status).to.equal(303);
    expect(await ContinuityEntry.countDocuments({ worker: worker._id })).to.equal(2);
    const html = (await koor.get(path).expect(200)).text;
    const row = /<tr class="continuity-row-(\w+)">([\s\S]*?)<\/tr>/.exec(html)!;
    expect(row[1]).to.equal('lapsed');
    expect(mainText(row[2]!)).to.include(idDate('2026-03-30')).and.include('gugur').and.include('perlu uji ulang');
    expect(row[2]).to.include(`href="/certificates/assessments/new?worker=${worker.id}"`);
    expect(await stateOf(cert.id, clock.now())).to.include({ status: 'lapsed', lastUse: '2026-03-30', needsRetest: true });
    expect(await AuditEntry.countDocuments({ subject: new Types.ObjectId(cert.id), action: 'certificate.continuity' })).to.equal(0);
  });

  it('writes the lapse to the certificate\'s audit trail once, even when two daily scans run at once', async () => {
    const clock = new ManualClock(NOW);
    const { app, services } = buildApp({ clock });
    const { cert } = await aris(clock);
    await Promise.all([services.reminders.expiry.scanCertificates(), services.reminders.expiry.scanCertificates()]);
    await services.reminders.expiry.scanCertificates();
    const trail = await AuditEntry.find({ subject: new Types.ObjectId(cert.id), action: 'certificate.lapse' }).lean();
    expect(trail).to.have.length(1);
    expect(trail[0]!.details).to.include({ lapsedOn: '2026-10-01', lastUse: '2026-03-30' });
    const koor = await signIn(app, 'koor@t.test', PASSWORD);
    expect(mainText((await koor.get(`/certificates/${cert.id}`).expect(200)).text)).to.include('Gugur: proses tidak dipakai lebih dari 6 bulan');
  });

  it('writes a confirmation that carries a valid certificate on to that certificate\'s audit trail at once', async () => {
    const clock = new ManualClock(NOW);
    const { app } = buildApp({ clock });
    const { shop, budi, scheme } = await aris(clock);
    const valid = await createCertificate(clock, { worker: budi, scheme, issueDate: '2026-09-01', validity: { kind: 'continuity', process: 'SMAW' } });
    const koor = await signIn(app, 'koor@t.test', PASSWORD);
    const res = await postConfirmation(koor, shop.id, {
      date: '2026-12-03', evidence: 'Rekap job Jun–Nov 2026', supervisor: 'Pak Harto', workers: [budi.id], [`process_${budi.id}`]: 'SMAW',
    });
    expect(res.status, mainText(res.text ?? '').slice(0, 400)).to.equal(303);
    const trail = await AuditEntry.find({ subject: new Types.ObjectId(valid.id), action: 'certificate.continuity' }).lean();
    expect(trail).to.have.length(1);
    expect(trail[0]!.details).to.include({ process: 'SMAW', date: '2026-12-03', validUntil: '2027-06-03' });
  });
});

describe('continuity: a newly certified process', () => {
  it('shows continuity from the certification date on the welder and overview pages, before anything is logged', async () => {
    const clock = new ManualClock(NOW);
    const { app, services } = buildApp({ clock });
    const shop = await createWorkshop({ name: 'Logam Jaya' });
    await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
    const fajar = await createWorker(shop._id, { name: 'Fajar Nugroho' });
    const scheme = await createScheme({ validity: { kind: 'continuity', process: 'FCAW' } });
    await createCertificate(clock, { worker: fajar, scheme, issueDate: '2026-12-02', validity: { kind: 'continuity', process: 'FCAW' } });
    const koor = await signIn(app, 'koor@t.test', PASSWORD);

    const welder = mainText((await koor.get(`/continuity/workers/${fajar.id}`).expect(200)).text);
    expect(welder).to.include('FCAW').and.include(idDate('2026-12-02')).and.include(idDate('2027-06-03')).and.not.include('Belum ada pemakaian proses');
    const overview = (await koor.get('/continuity?status=all').expect(200)).text;
    expect(mainText(overview)).to.include('Fajar Nugroho').and.not.include('Belum ada catatan');
    expect(overview).to.match(/<tr class="continuity-row-ok">[\s\S]*?Fajar Nugroho[\s\S]*?FCAW/);

    clock.set(new Date('2027-05-02T10:00:00+07:00'));
    expect((await services.reminders.expiry.scanCertificates()).welders).to.equal(1);
  });
});
